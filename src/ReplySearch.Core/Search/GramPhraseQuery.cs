using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ReplySearch.Core.Search;

/// <summary>
/// An exact phrase of grams: matches and scores as Lucene's PhraseQuery with no slop (same count of
/// occurrences, same BM25 score), verified more cheaply. Lucene's exact phrase scorer reads every position
/// of every term of each candidate reply; here the term with the fewest positions in the reply proposes
/// where the string could start, each other term is read only as far as the last proposal, and a reply is
/// given up as soon as no proposal is left. Gram phrases are made of very common bigrams (技术, 企业 are in
/// nearly every reply), so most of the positions Lucene read were never needed.
/// </summary>
internal sealed class GramPhraseQuery : Query
{
    private readonly List<(Term Term, int Position)> _terms = [];

    public GramPhraseQuery(string field) => Field = field;

    public string Field { get; }

    public IReadOnlyList<(Term Term, int Position)> Terms => _terms;

    public void Add(Term term, int position)
    {
        if (term.Field != Field) throw new ArgumentException($"a gram phrase on {Field} cannot hold a term of {term.Field}");
        _terms.Add((term, position));
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new GramPhraseWeight(this, searcher);

    public override void ExtractTerms(ISet<Term> terms)
    {
        foreach (var (t, _) in _terms) terms.Add(t);
    }

    public override string ToString(string field)
    {
        var ordered = _terms.OrderBy(t => t.Position).ToList();
        var text = ordered.Count == 0 ? "" : string.Join(" ", ordered.Select(t => $"{t.Term.Text}@{t.Position}"));
        return $"{(field == Field ? "" : Field + ":")}\"{text}\"{ToStringUtils.Boost(Boost)}";
    }

    public override bool Equals(object? obj) =>
        obj is GramPhraseQuery other && other.Boost == Boost && other.Field == Field && other._terms.SequenceEqual(_terms);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Boost);
        hash.Add(Field);
        foreach (var t in _terms) hash.Add(t);
        return hash.ToHashCode();
    }

    private sealed class GramPhraseWeight : Weight
    {
        private readonly GramPhraseQuery _query;
        private readonly Similarity _similarity;
        private readonly Similarity.SimWeight _stats;
        private readonly TermContext[] _contexts;

        public GramPhraseWeight(GramPhraseQuery query, IndexSearcher searcher)
        {
            _query = query;
            _similarity = searcher.Similarity;
            var context = searcher.TopReaderContext;
            _contexts = query._terms.Select(t => TermContext.Build(context, t.Term)).ToArray();
            var termStats = query._terms.Select((t, i) => searcher.TermStatistics(t.Term, _contexts[i])).ToArray();
            _stats = _similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(query.Field), termStats);
        }

        public override Query Query => _query;

        public override float GetValueForNormalization() => _stats.GetValueForNormalization();

        public override void Normalize(float norm, float topLevelBoost) => _stats.Normalize(norm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var terms = _query._terms;
            if (terms.Count == 0) return null;
            var fieldTerms = context.AtomicReader.GetTerms(_query.Field);
            if (fieldTerms is null) return null;
            var enums = new DocsAndPositionsEnum[terms.Count];
            var docFreqs = new int[terms.Count];
            var termsEnum = fieldTerms.GetEnumerator();
            for (var i = 0; i < terms.Count; i++)
            {
                var state = _contexts[i].Get(context.Ord);
                if (state is null) return null; // a term this segment lacks: nothing here can match
                termsEnum.SeekExact(terms[i].Term.Bytes, state);
                enums[i] = termsEnum.DocsAndPositions(acceptDocs, null, DocsAndPositionsFlags.NONE)
                    ?? throw new InvalidOperationException($"field {_query.Field} was indexed without positions");
                docFreqs[i] = termsEnum.DocFreq;
            }
            // The rarest term leads the walk over replies.
            var order = Enumerable.Range(0, terms.Count).OrderBy(i => docFreqs[i]).ToArray();
            return new GramPhraseScorer(this, order.Select(i => enums[i]).ToArray(), order.Select(i => terms[i].Position).ToArray(),
                _similarity.GetSimScorer(_stats, context));
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            if (GetScorer(context, context.AtomicReader.LiveDocs) is { } scorer && scorer.Advance(doc) == doc)
            {
                return new Explanation(scorer.GetScore(), $"gram phrase {_query}, occurring {scorer.Freq} times");
            }
            return new Explanation(0f, $"no match of {_query}");
        }
    }

    private sealed class GramPhraseScorer(Weight weight, DocsAndPositionsEnum[] enums, int[] offsets, Similarity.SimScorer scorer) : Scorer(weight)
    {
        private int _doc = -1;
        private int _freq;
        private int[] _starts = new int[64];
        private int[] _kept = new int[64];

        public override int DocID => _doc;

        public override int Freq => _freq;

        public override float GetScore() => scorer.Score(_doc, _freq);

        public override long GetCost() => enums[0].GetCost();

        public override int NextDoc() => Settle(enums[0].NextDoc());

        public override int Advance(int target) => Settle(enums[0].Advance(target));

        /// <summary>From a reply the lead holds, the first at or after it that holds the phrase.</summary>
        private int Settle(int doc)
        {
            while (doc != NO_MORE_DOCS)
            {
                var next = doc;
                for (var i = 1; i < enums.Length; i++)
                {
                    var d = enums[i].DocID;
                    if (d < doc) d = enums[i].Advance(doc);
                    if (d > doc)
                    {
                        next = d;
                        break;
                    }
                }
                if (next != doc)
                {
                    doc = enums[0].Advance(next);
                    continue;
                }
                _freq = Occurrences();
                if (_freq > 0) return _doc = doc;
                doc = enums[0].NextDoc();
            }
            _freq = 0;
            return _doc = NO_MORE_DOCS;
        }

        /// <summary>How often the phrase occurs in the current reply, reading as few positions as it can.</summary>
        private int Occurrences()
        {
            // Proposals: where the string would start by the term that occurs least here.
            var fewest = 0;
            for (var i = 1; i < enums.Length; i++)
            {
                if (enums[i].Freq < enums[fewest].Freq) fewest = i;
            }
            var n = enums[fewest].Freq;
            if (_starts.Length < n) _starts = new int[Math.Max(n, _starts.Length * 2)];
            if (_kept.Length < n) _kept = new int[_starts.Length];
            for (var k = 0; k < n; k++) _starts[k] = enums[fewest].NextPosition() - offsets[fewest];

            // Each other term keeps the proposals it confirms; its positions are read only as far as needed.
            for (var i = 0; i < enums.Length && n > 0; i++)
            {
                if (i == fewest) continue;
                var e = enums[i];
                var left = e.Freq;
                var kept = 0;
                var position = left-- > 0 ? e.NextPosition() - offsets[i] : int.MaxValue;
                for (var k = 0; k < n; k++)
                {
                    var start = _starts[k];
                    while (position < start) position = left-- > 0 ? e.NextPosition() - offsets[i] : int.MaxValue;
                    if (position == start) _kept[kept++] = start;
                    if (position == int.MaxValue) break;
                }
                (_starts, _kept) = (_kept, _starts);
                n = kept;
            }
            return n;
        }
    }
}
