using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: PhraseQuery with no slop.
// Proved equal by: GramPhraseQueryTests (same matches and scores as Lucene's PhraseQuery).

/// <summary>
/// An exact phrase of grams: matches and scores as Lucene's PhraseQuery with no slop (same count of
/// occurrences, same BM25 score), verified more cheaply. Lucene's exact phrase scorer reads every position
/// of every term of each candidate reply; here <see cref="PhraseOccurrences"/> reads only the positions it
/// needs and gives a reply up as soon as it cannot hold the phrase. Gram phrases are made of very common bigrams (技术, 企业 are in
/// nearly every reply), so most of the positions Lucene read were never needed.
/// </summary>
internal sealed class GramPhraseQuery : Query
{
    private readonly List<(Term Term, int Position)> _terms = [];

    public GramPhraseQuery(string field) => Field = field;

    public string Field { get; }

    /// <summary>
    /// Whether a searcher's <see cref="PhraseMatchCache"/> may keep this phrase's matches. Off for a phrase
    /// whose caller scores chosen replies one at a time (<see cref="PhraseScorer.ScoreAt"/>): filling an entry
    /// walks whole segments.
    /// </summary>
    public bool MayCache { get; init; } = true;

    /// <summary>The phrase as a cache key: its field and terms at their positions (boost aside).</summary>
    internal string Key => $"{Field}\u0001{string.Join("\u0001", _terms.OrderBy(t => t.Position).ThenBy(t => t.Term.Text, StringComparer.Ordinal).Select(t => $"{t.Position}:{t.Term.Text}"))}";

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
        private readonly PhraseMatchCache? _cache;
        private readonly string _key = "";
        private readonly int _uses;

        public GramPhraseWeight(GramPhraseQuery query, IndexSearcher searcher)
        {
            _query = query;
            if (query.MayCache && searcher is CachingSearcher { Phrases: { } cache } && query._terms.Count > 1)
            {
                _cache = cache;
                _key = query.Key;
                _uses = cache.Use(_key);
            }
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
            if (Verifier(context, acceptDocs, out var leastDocFreq) is not { } verifier) return null;
            var segment = context.AtomicReader;
            if (_cache is null || _uses < PhraseMatchCache.CacheFromUse || segment.MaxDoc < _cache.MinSegmentDocs
                || (long)leastDocFreq * PhraseMatchCache.CommonFrom < segment.MaxDoc)
                return verifier;
            // The entry holds every document's matches; live documents are applied as it is read.
            var matches = _cache.Get(segment, _key, () => Verifier(context, null, out _)!);
            return matches is null ? verifier : new CachedPhraseScorer(this, matches, acceptDocs, _similarity.GetSimScorer(_stats, context));
        }

        /// <summary>The scorer that verifies positions, and its rarest term's document frequency in this segment; null when nothing here can match.</summary>
        private GramPhraseScorer? Verifier(AtomicReaderContext context, IBits? acceptDocs, out int leastDocFreq)
        {
            leastDocFreq = 0;
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
            leastDocFreq = docFreqs[order[0]];
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

    internal sealed class GramPhraseScorer(Weight weight, DocsAndPositionsEnum[] enums, int[] offsets, Similarity.SimScorer scorer) : PhraseScorer(weight)
    {
        private int _doc = -1;
        private int _freq;
        private readonly PhraseOccurrences _occurrences = new();

        public override int DocID => _doc;

        public override int Freq => _freq;

        public override float GetScore() => scorer.Score(_doc, _freq);

        public override long GetCost() => enums[0].GetCost();

        public override int NextDoc() => Settle(enums[0].NextDoc());

        public override int Advance(int target) => Settle(enums[0].Advance(target));

        internal override float ScoreAt(int doc)
        {
            foreach (var e in enums)
            {
                if (e.DocID < doc) e.Advance(doc);
                if (e.DocID != doc) return 0f;
            }
            var freq = _occurrences.Count(enums, offsets);
            return freq > 0 ? scorer.Score(doc, freq) : 0f;
        }

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
                _freq = _occurrences.Count(enums, offsets);
                if (_freq > 0) return _doc = doc;
                doc = enums[0].NextDoc();
            }
            _freq = 0;
            return _doc = NO_MORE_DOCS;
        }
    }
}

/// <summary>A gram phrase's scorer, verifying positions or reading cached matches.</summary>
internal abstract class PhraseScorer(Weight weight) : Scorer(weight)
{
    /// <summary>
    /// The score of doc alone (0 when it does not hold the phrase), for a caller that visits chosen
    /// replies: unlike <see cref="DocIdSetIterator.Advance"/>, it never looks at the replies after doc.
    /// </summary>
    internal abstract float ScoreAt(int doc);
}
