using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: Lucene.Net.Facet's counting (not served here) and per-hit doc-value reads.
// Proved equal by: SearchTests.Facet_counts_match_the_corpus and HitCollectionTests (split and single passes count alike).

/// <summary>
/// Counts facet values over every hit, not just the page. A hit costs a few array increments: counts are
/// kept by ordinal of each segment's in-memory <see cref="FacetOrdinals"/> until the result is asked for,
/// so the parts of a split search over one segment add up as arrays, and strings are only touched for the
/// values that make the top of a facet.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    /// <summary>One segment's counts: per column c, ordinal + 1 at Offsets[c] + ord + 1; multi-valued facets apart.</summary>
    private sealed class SegmentCounts(FacetOrdinals ordinals)
    {
        public FacetOrdinals Ordinals { get; } = ordinals;
        public int[] Offsets { get; } = OffsetsOf(ordinals);
        public int[] Counts { get; } = new int[OffsetsOf(ordinals)[FacetOrdinals.Width]];

        // Delegates run to tens of thousands of values: their counts come from a pool (a fresh array per
        // query was a large-object allocation, and with it full collections), and only touched ones are reset.
        public MultiCounts[] Multi { get; } = [.. ordinals.Multi.Select(m => new MultiCounts(Pool.Rent(Math.Max(1, m.Values.Length)), []))];

        public void Add(SegmentCounts other)
        {
            var counts = Counts;
            var more = other.Counts;
            for (var i = 0; i < counts.Length; i++) counts[i] += more[i];
            for (var m = 0; m < Multi.Length; m++)
            {
                var (mine, theirs) = (Multi[m], other.Multi[m]);
                foreach (var ord in theirs.Seen)
                {
                    if (mine.Counts[ord] == 0) mine.Seen.Add(ord);
                    mine.Counts[ord] += theirs.Counts[ord];
                }
            }
        }

        /// <summary>Gives the multi-valued counts back to the pool, all zeros.</summary>
        public void Release()
        {
            foreach (var m in Multi)
            {
                foreach (var ord in m.Seen) m.Counts[ord] = 0;
                Pool.Return(m.Counts);
            }
        }

        private static int[] OffsetsOf(FacetOrdinals s)
        {
            var offsets = new int[FacetOrdinals.Width + 1];
            for (var c = 0; c < FacetOrdinals.Width; c++) offsets[c + 1] = offsets[c] + s.Values[c].Length + 1;
            return offsets;
        }
    }

    /// <summary>A multi-valued facet's counts by ordinal, and which ordinals were counted.</summary>
    private sealed record MultiCounts(int[] Counts, List<int> Seen);

    // A pool of our own: every array in it went back all zeros (one abandoned by a timed-out search is simply
    // never returned).
    private static readonly ArrayPool<int> Pool = ArrayPool<int>.Create(1 << 20, 16);

    private readonly List<SegmentCounts> _segments = [];
    private int[] _rows = [];
    private int[] _counts = [];
    private int[] _offsets = [];

    // The current segment's multi-valued facets, hoisted out of Collect: per facet its starts, ordinals,
    // counts and the ordinals seen.
    private int[][] _multiStarts = [];
    private int[][] _multiOrds = [];
    private int[][] _multiCounts = [];
    private List<int>[] _multiSeen = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        var ordinals = FacetOrdinals.For(context.AtomicReader);
        var s = _segments.Find(x => ReferenceEquals(x.Ordinals, ordinals)) ?? new SegmentCounts(ordinals);
        if (!_segments.Contains(s)) _segments.Add(s);
        _rows = ordinals.Rows;
        _counts = s.Counts;
        _offsets = s.Offsets;
        _multiStarts = [.. ordinals.Multi.Select(m => m.Starts)];
        _multiOrds = [.. ordinals.Multi.Select(m => m.Ords)];
        _multiCounts = [.. s.Multi.Select(m => m.Counts)];
        _multiSeen = [.. s.Multi.Select(m => m.Seen)];
    }

    public void Collect(int doc)
    {
        var rows = _rows;
        var counts = _counts;
        var offsets = _offsets;
        var at = doc * FacetOrdinals.Width;
        for (var c = 0; c < FacetOrdinals.Width; c++) counts[offsets[c] + rows[at + c]]++;
        var multiStarts = _multiStarts;
        for (var m = 0; m < multiStarts.Length; m++)
        {
            var starts = multiStarts[m];
            var ords = _multiOrds[m];
            var mc = _multiCounts[m];
            for (int i = starts[doc], end = starts[doc + 1]; i < end; i++)
            {
                var ord = ords[i];
                if (mc[ord]++ == 0) _multiSeen[m].Add(ord);
            }
        }
    }

    /// <summary>Adds the counts of another collector (of another part of the same search).</summary>
    public void Add(FacetCollector other)
    {
        foreach (var theirs in other._segments)
        {
            var mine = _segments.Find(x => ReferenceEquals(x.Ordinals, theirs.Ordinals));
            if (mine is null)
            {
                _segments.Add(theirs);
                continue;
            }
            mine.Add(theirs);
            theirs.Release();
        }
        other._segments.Clear();
    }

    /// <summary>Every facet of the field table, its values ordered as its entry says.</summary>
    public Facets Result(int limit)
    {
        try
        {
            var result = new Dictionary<ReplyField, IReadOnlyList<FacetValue>>();
            for (var c = 0; c < FacetOrdinals.Width; c++)
            {
                var column = c;
                result[FacetOrdinals.Columns[c]] = Ordered(FacetOrdinals.Columns[c], Merge(s => Enumerable.Range(0, s.Ordinals.Values[column].Length)
                    .Select(ord => (s.Ordinals.Values[column][ord], s.Counts[s.Offsets[column] + ord + 1]))), limit);
            }
            for (var m = 0; m < FacetOrdinals.MultiColumns.Length; m++)
            {
                var multi = m;
                result[FacetOrdinals.MultiColumns[m]] = Ordered(FacetOrdinals.MultiColumns[m],
                    Merge(s => s.Multi[multi].Seen.Select(ord => (s.Ordinals.Multi[multi].Values[ord], s.Multi[multi].Counts[ord]))), limit);
            }
            return new Facets(result);
        }
        finally
        {
            foreach (var s in _segments) s.Release();
            _segments.Clear();
        }
    }

    private static IReadOnlyList<FacetValue> Ordered(ReplyField field, List<(string Value, int Count)> values, int limit) => field.Facet switch
    {
        FacetOrder.ByValue => values.OrderBy(v => v.Value, StringComparer.Ordinal).Select(v => new FacetValue(v.Value, v.Count)).ToList(),
        // A timeline: all of it, newest first.
        FacetOrder.NewestFirst => values.OrderByDescending(v => long.TryParse(v.Value, out var n) ? n : long.MinValue)
            .ThenByDescending(v => v.Value, StringComparer.Ordinal).Select(v => new FacetValue(v.Value, v.Count)).ToList(),
        _ => Top(values, limit),
    };

    /// <summary>The non-zero counts by value, added up over segments (one segment needs no dictionary).</summary>
    private List<(string Value, int Count)> Merge(Func<SegmentCounts, IEnumerable<(string Value, int Count)>> counts)
    {
        if (_segments.Count == 1) return counts(_segments[0]).Where(v => v.Count > 0).ToList();
        var sum = new Dictionary<string, int>();
        foreach (var s in _segments)
        {
            foreach (var (value, n) in counts(s))
            {
                if (n > 0) sum[value] = sum.GetValueOrDefault(value) + n;
            }
        }
        return sum.Select(kv => (kv.Key, kv.Value)).ToList();
    }

    /// <summary>The limit most frequent values (ties by value), without sorting all of them.</summary>
    private static List<FacetValue> Top(List<(string Value, int Count)> values, int limit)
    {
        if (limit <= 0 || values.Count == 0) return [];
        var order = Comparer<(string Value, int Count)>.Create((a, b) =>
            a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        if (values.Count > limit * 4)
        {
            // Keep the best `limit` in a heap whose root is the worst of them.
            var heap = new PriorityQueue<(string Value, int Count), (string Value, int Count)>(
                Comparer<(string Value, int Count)>.Create((a, b) => order.Compare(b, a)));
            foreach (var v in values)
            {
                if (heap.Count < limit) heap.Enqueue(v, v);
                else if (order.Compare(v, heap.Peek()) < 0) heap.EnqueueDequeue(v, v);
            }
            values = [.. heap.UnorderedItems.Select(x => x.Element)];
        }
        values.Sort(order);
        return values.Take(limit).Select(v => new FacetValue(v.Value, v.Count)).ToList();
    }
}
