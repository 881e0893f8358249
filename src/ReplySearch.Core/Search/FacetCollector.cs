using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>
/// Counts facet values over every hit, not just the page. A hit costs a few array increments: counts are
/// kept by ordinal of each segment's in-memory <see cref="FacetOrdinals"/> until the result is asked for,
/// so the parts of a split search over one segment add up as arrays, and strings are only touched for the
/// values that make the top of a facet.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    /// <summary>One segment's counts: per field f, ordinal + 1 at Offsets[f] + ord + 1; delegates apart.</summary>
    private sealed class SegmentCounts(FacetOrdinals ordinals)
    {
        public FacetOrdinals Ordinals { get; } = ordinals;
        public int[] Offsets { get; } = OffsetsOf(ordinals);
        public int[] Counts { get; } = new int[OffsetsOf(ordinals)[FacetOrdinals.Width]];

        // Delegates run to tens of thousands of values: their counts come from a pool (a fresh array per
        // query was a large-object allocation, and with it full collections), and only touched ones are reset.
        public int[] Delegates { get; } = Pool.Rent(Math.Max(1, ordinals.Delegates.Length));
        public List<int> DelegatesSeen { get; } = [];

        public void Add(SegmentCounts other)
        {
            var counts = Counts;
            var more = other.Counts;
            for (var i = 0; i < counts.Length; i++) counts[i] += more[i];
            foreach (var ord in other.DelegatesSeen)
            {
                if (Delegates[ord] == 0) DelegatesSeen.Add(ord);
                Delegates[ord] += other.Delegates[ord];
            }
        }

        /// <summary>Gives the delegate counts back to the pool, all zeros.</summary>
        public void Release()
        {
            foreach (var ord in DelegatesSeen) Delegates[ord] = 0;
            Pool.Return(Delegates);
        }

        private static int[] OffsetsOf(FacetOrdinals s)
        {
            var offsets = new int[FacetOrdinals.Width + 1];
            for (var f = 0; f < FacetOrdinals.Fields.Length; f++) offsets[f + 1] = offsets[f] + s.Values[f].Length + 1;
            offsets[FacetOrdinals.Width] = offsets[FacetOrdinals.YearColumn] + s.Years.Length + 1;
            return offsets;
        }
    }

    // A pool of our own: every array in it went back all zeros (one abandoned by a timed-out search is simply
    // never returned).
    private static readonly ArrayPool<int> Pool = ArrayPool<int>.Create(1 << 20, 16);

    private readonly List<SegmentCounts> _segments = [];
    private SegmentCounts? _current;
    private int[] _rows = [];
    private int[] _counts = [];
    private int[] _offsets = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        var ordinals = FacetOrdinals.For(context.AtomicReader);
        var s = _current = _segments.Find(x => ReferenceEquals(x.Ordinals, ordinals)) ?? new SegmentCounts(ordinals);
        if (!_segments.Contains(s)) _segments.Add(s);
        _rows = ordinals.Rows;
        _counts = s.Counts;
        _offsets = s.Offsets;
    }

    public void Collect(int doc)
    {
        var rows = _rows;
        var counts = _counts;
        var offsets = _offsets;
        var at = doc * FacetOrdinals.Width;
        for (var f = 0; f < FacetOrdinals.Width; f++) counts[offsets[f] + rows[at + f]]++;
        var s = _current!;
        var ordinals = s.Ordinals;
        var delegates = s.Delegates;
        for (int i = ordinals.DelegateStarts[doc], end = ordinals.DelegateStarts[doc + 1]; i < end; i++)
        {
            var ord = ordinals.DelegateOrds[i];
            if (delegates[ord]++ == 0) s.DelegatesSeen.Add(ord);
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

    public Facets Result(int limit)
    {
        try
        {
            var fields = new List<(string Value, int Count)>[FacetOrdinals.Fields.Length];
            for (var f = 0; f < fields.Length; f++)
            {
                var column = f;
                fields[f] = Merge(s => Enumerable.Range(0, s.Ordinals.Values[column].Length)
                    .Select(ord => (s.Ordinals.Values[column][ord], s.Counts[s.Offsets[column] + ord + 1])));
            }
            var years = Merge(s => Enumerable.Range(0, s.Ordinals.Years.Length)
                .Select(i => (s.Ordinals.Years[i].ToString(), s.Counts[s.Offsets[FacetOrdinals.YearColumn] + i + 1])));
            var delegates = Merge(s => s.DelegatesSeen.Select(ord => (s.Ordinals.Delegates[ord], s.Delegates[ord])));
            var field = (string name) => fields[Array.IndexOf(FacetOrdinals.Fields, name)];
            return new Facets
            {
                Agency = Top(field(Schema.Agency), limit),
                Kind = Top(field(Schema.Kind), limit),
                HandlingType = field(Schema.HandlingType).OrderBy(v => v.Value, StringComparer.Ordinal).Select(v => new FacetValue(v.Value, v.Count)).ToList(),
                Delegate = Top(delegates, limit),
                ContentCategory = Top(field(Schema.ContentCategory), limit),
                HandlingRole = Top(field(Schema.HandlingRole), limit),
                Disclosure = Top(field(Schema.Disclosure), limit),
                // Years are a timeline: all of them, newest first.
                Year = years.OrderByDescending(v => int.Parse(v.Value)).Select(v => new FacetValue(v.Value, v.Count)).ToList(),
            };
        }
        finally
        {
            foreach (var s in _segments) s.Release();
            _segments.Clear();
        }
    }

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
