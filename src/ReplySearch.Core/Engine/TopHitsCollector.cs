using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: TopScoreDocCollector.
// Proved equal by: TopHitsCollectorTests (same hits as Lucene's collector, ties by HitOrder).

/// <summary>A hit with its tie key (<see cref="HitOrder"/>), so that parts of a split search merge in order.</summary>
internal sealed class KeyedScoreDoc(int doc, float score, long key) : ScoreDoc(doc, score)
{
    public long Key { get; } = key;
}

/// <summary>
/// The best hits by score, ties by <see cref="HitOrder"/>'s key: what Lucene's TopScoreDocCollector does,
/// with a tie-break that does not depend on document ids. A heap of parallel arrays, worst hit on top; the
/// tie key is read only when a hit scores exactly as the worst one kept.
/// </summary>
internal sealed class TopHitsCollector(int want) : ITopDocsCollector
{
    private readonly float[] _scores = new float[Math.Max(1, want)];
    private readonly long[] _keys = new long[Math.Max(1, want)];
    private readonly int[] _docs = new int[Math.Max(1, want)];
    private int _count;
    private Scorer? _scorer;
    private long[] _segmentKeys = [];
    private int _docBase;

    public int TotalHits { get; private set; }

    // Documents are compared explicitly, so any order of collection gives the same hits.
    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        _docBase = context.DocBase;
        _segmentKeys = HitOrder.Keys(context.AtomicReader);
    }

    public void Collect(int doc)
    {
        TotalHits++;
        if (want <= 0) return;
        var score = _scorer!.GetScore();
        if (_count < want)
        {
            _scores[_count] = score;
            _keys[_count] = _segmentKeys[doc];
            _docs[_count] = _docBase + doc;
            SiftUp(_count++);
            return;
        }
        // Not better than the worst kept: most hits end here, on one comparison of floats.
        if (score < _scores[0]) return;
        var key = _segmentKeys[doc];
        if (!HitOrder.Before(score, key, _docBase + doc, _scores[0], _keys[0], _docs[0])) return;
        _scores[0] = score;
        _keys[0] = key;
        _docs[0] = _docBase + doc;
        SiftDown(0);
    }

    // Heap order: the parent is worse than (after) its children.
    private bool Worse(int a, int b) => HitOrder.Before(_scores[b], _keys[b], _docs[b], _scores[a], _keys[a], _docs[a]);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(i, parent)) return;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, worst = i;
            if (left < _count && Worse(left, worst)) worst = left;
            if (right < _count && Worse(right, worst)) worst = right;
            if (worst == i) return;
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
        (_docs[a], _docs[b]) = (_docs[b], _docs[a]);
    }

    /// <summary>The hits kept, best first.</summary>
    private KeyedScoreDoc[] Sorted()
    {
        var hits = new KeyedScoreDoc[_count];
        for (var i = 0; i < _count; i++) hits[i] = new KeyedScoreDoc(_docs[i], _scores[i], _keys[i]);
        Array.Sort(hits, Compare);
        return hits;
    }

    private static int Compare(KeyedScoreDoc a, KeyedScoreDoc b) =>
        ReferenceEquals(a, b) ? 0 : HitOrder.Before(a.Score, a.Key, a.Doc, b.Score, b.Key, b.Doc) ? -1 : 1;

    public TopDocs GetTopDocs() => GetTopDocs(0, _count);

    public TopDocs GetTopDocs(int start) => GetTopDocs(start, _count);

    public TopDocs GetTopDocs(int start, int howMany)
    {
        var sorted = Sorted();
        return Page(sorted, TotalHits, start, howMany);
    }

    /// <summary>The parts of a split search as one: their hits in relevance order, totals added up.</summary>
    public static TopDocs Merge(IEnumerable<TopDocs> parts, int start, int howMany)
    {
        var all = new List<KeyedScoreDoc>();
        var total = 0;
        foreach (var part in parts)
        {
            total += part.TotalHits;
            all.AddRange(part.ScoreDocs.Cast<KeyedScoreDoc>());
        }
        var sorted = all.ToArray();
        Array.Sort(sorted, Compare);
        return Page(sorted, total, start, howMany);
    }

    private static TopDocs Page(KeyedScoreDoc[] sorted, int total, int start, int howMany)
    {
        var page = sorted.Skip(start).Take(Math.Max(0, howMany)).ToArray<ScoreDoc>();
        var max = sorted.Length > 0 ? sorted[0].Score : float.NaN;
        return new TopDocs(total, page, max);
    }
}
