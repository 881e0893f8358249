using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: a BooleanQuery of one MUST and one SHOULD clause.
// Proved equal by: RequiredOptionalQueryTests (same hits and scores, bit for bit, as the BooleanQuery).

/// <summary>
/// What decides the match, plus what only adds score: the replies of <see cref="Required"/>, each scored as
/// its score plus <see cref="Optional"/>'s when that matches too. Every query term has this shape (the
/// string, plus its title and heading match), and Lucene's BooleanScorer2 scores it through a coordinator
/// and a counting wrapper per clause: at a million replies that was more than half of a common term's
/// search (公路: 21 ms with it, 9 ms for the string alone). BM25's coordination factor is 1, so the score is
/// the same sum, in the same order of float additions.
/// </summary>
internal sealed class RequiredOptionalQuery(Query required, Query optional) : Query
{
    public Query Required { get; } = required;

    public Query Optional { get; } = optional;

    public override Query Rewrite(IndexReader reader)
    {
        var r = Required.Rewrite(reader);
        var o = Optional.Rewrite(reader);
        return ReferenceEquals(r, Required) && ReferenceEquals(o, Optional) ? this : new RequiredOptionalQuery(r, o) { Boost = Boost };
    }

    public override void ExtractTerms(ISet<Term> terms)
    {
        Required.ExtractTerms(terms);
        Optional.ExtractTerms(terms);
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new RequiredOptionalWeight(this, searcher);

    public override string ToString(string field) => $"(+{Required.ToString(field)} {Optional.ToString(field)}){ToStringUtils.Boost(Boost)}";

    public override bool Equals(object? obj) =>
        obj is RequiredOptionalQuery other && other.Boost == Boost && other.Required.Equals(Required) && other.Optional.Equals(Optional);

    public override int GetHashCode() => HashCode.Combine(Boost, Required, Optional);

    private sealed class RequiredOptionalWeight(RequiredOptionalQuery query, IndexSearcher searcher) : Weight
    {
        private readonly Weight _required = query.Required.CreateWeight(searcher);
        private readonly Weight _optional = query.Optional.CreateWeight(searcher);

        public override Query Query => query;

        // As BooleanWeight: the clauses' sums, times this query's boost squared.
        public override float GetValueForNormalization() =>
            (_required.GetValueForNormalization() + _optional.GetValueForNormalization()) * query.Boost * query.Boost;

        public override void Normalize(float norm, float topLevelBoost)
        {
            topLevelBoost *= query.Boost;
            _required.Normalize(norm, topLevelBoost);
            _optional.Normalize(norm, topLevelBoost);
        }

        public override bool ScoresDocsOutOfOrder => false;

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            if (_required.GetScorer(context, acceptDocs) is not { } required) return null;
            var optional = _optional.GetScorer(context, acceptDocs);
            return optional is null ? required : new RequiredOptionalScorer(this, required, optional);
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var r = _required.Explain(context, doc);
            if (!r.IsMatch)
            {
                var none = new ComplexExplanation(false, 0f, "required clause does not match");
                none.AddDetail(r);
                return none;
            }
            var o = _optional.Explain(context, doc);
            var sum = new ComplexExplanation(true, r.Value + (o.IsMatch ? o.Value : 0f), "sum of:");
            sum.AddDetail(r);
            if (o.IsMatch) sum.AddDetail(o);
            return sum;
        }
    }

    /// <summary>Walks the required scorer; the optional one is advanced only when a score is asked for.</summary>
    private sealed class RequiredOptionalScorer(Weight weight, Scorer required, Scorer optional) : Scorer(weight)
    {
        private Scorer? _optional = optional;

        public override int DocID => required.DocID;

        public override int NextDoc() => required.NextDoc();

        public override int Advance(int target) => required.Advance(target);

        public override long GetCost() => required.GetCost();

        // As BooleanScorer2: the number of clauses matching this reply.
        public override int Freq => OptionalMatches() ? 2 : 1;

        public override float GetScore()
        {
            var score = required.GetScore();
            return OptionalMatches() ? score + _optional!.GetScore() : score;
        }

        private bool OptionalMatches()
        {
            if (_optional is null) return false;
            var doc = required.DocID;
            var at = _optional.DocID;
            if (at < doc)
            {
                at = _optional.Advance(doc);
                if (at == NO_MORE_DOCS)
                {
                    _optional = null;
                    return false;
                }
            }
            return at == doc;
        }

        public override ICollection<ChildScorer> GetChildren() =>
            _optional is null ? [new ChildScorer(required, "MUST")] : [new ChildScorer(required, "MUST"), new ChildScorer(_optional, "SHOULD")];
    }
}
