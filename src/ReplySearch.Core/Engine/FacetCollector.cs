using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: Lucene.Net.Facet's counting (not served here) and per-hit doc-value reads.
// Proved equal by: SearchTests.Facet_counts_match_the_corpus, FacetCountTests (counted from either side of a
// range, with deletions, split or not, as the hits' own values add up) and HitCollectionTests.

/// <summary>
/// Counts facet values over every hit, not just the page. Counts are kept by ordinal of each segment's
/// in-memory <see cref="FacetOrdinals"/> until the result is asked for, so the parts of a split search over
/// one segment add up as arrays, and strings are only touched for the values that make the top of a facet.
/// A hit costs one bit as it is collected; a range of documents is counted from its smaller side: the rows
/// of its hits, or, when most documents are hits, the range's totals less the rows of the rest. A query in
/// nearly every reply (企业, 2023 at a million replies) then counts a few thousand rows, not a million.
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
            AddSingle(other.Counts);
            for (var m = 0; m < Multi.Length; m++)
            {
                var theirs = other.Multi[m];
                foreach (var ord in theirs.Seen) AddMulti(Multi[m], ord, theirs.Counts[ord]);
            }
        }

        /// <summary>Adds a range's totals (<see cref="RangeTotals"/>).</summary>
        public void AddTotals(RangeTotals totals)
        {
            AddSingle(totals.Counts);
            for (var m = 0; m < Multi.Length; m++)
            {
                var theirs = totals.Multi[m];
                for (var ord = 0; ord < theirs.Length; ord++) AddMulti(Multi[m], ord, theirs[ord]);
            }
        }

        private void AddSingle(int[] more)
        {
            var counts = Counts;
            for (var i = 0; i < counts.Length; i++) counts[i] += more[i];
        }

        private static void AddMulti(MultiCounts mine, int ord, int n)
        {
            if (n == 0) return;
            if (mine.Counts[ord] == 0) mine.Seen.Add(ord);
            mine.Counts[ord] += n;
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

    /// <summary>
    /// A multi-valued facet's counts by ordinal, and which ordinals were counted (an ordinal whose count fell
    /// back to zero and rose again is listed twice).
    /// </summary>
    private sealed record MultiCounts(int[] Counts, List<int> Seen);

    // A pool of our own: every array in it went back all zeros (one abandoned by a timed-out search is simply
    // never returned).
    private static readonly ArrayPool<int> Pool = ArrayPool<int>.Create(1 << 20, 16);

    // A range's hits, one bit a document: 125 KB at a million, rented rather than allocated per search.
    private static readonly ArrayPool<ulong> Bits = ArrayPool<ulong>.Create(1 << 20, 16);

    private readonly List<SegmentCounts> _segments = [];
    private int[] _rows = [];
    private int[] _counts = [];
    private int[] _offsets = [];

    // The current segment's multi-valued facets, hoisted out of counting: per facet its starts, ordinals,
    // counts and the ordinals seen.
    private int[][] _multiStarts = [];
    private int[][] _multiOrds = [];
    private int[][] _multiCounts = [];
    private List<int>[] _multiSeen = [];

    // The range being collected: its reader, documents [_from, _to), and its hits as bits from _from.
    private AtomicReader? _reader;
    private SegmentCounts? _current;
    private int _from;
    private int _to;
    private int _hitCount;
    private ulong[] _bits = [];

    // Within a range hits may come in any order: they are bits, counted when the range ends (the next one
    // begins, or the counts are read).
    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        var ordinals = FacetOrdinals.For(reader);
        var s = _segments.Find(x => ReferenceEquals(x.Ordinals, ordinals)) ?? new SegmentCounts(ordinals);
        if (!_segments.Contains(s)) _segments.Add(s);
        _reader = reader;
        _current = s;
        _rows = ordinals.Rows;
        _counts = s.Counts;
        _offsets = s.Offsets;
        _multiStarts = [.. ordinals.Multi.Select(m => m.Starts)];
        _multiOrds = [.. ordinals.Multi.Select(m => m.Ords)];
        _multiCounts = [.. s.Multi.Select(m => m.Counts)];
        _multiSeen = [.. s.Multi.Select(m => m.Seen)];
        SetRange(0, reader.MaxDoc);
    }

    /// <summary>Narrows the segment just begun to documents [from, to): a part of a split search.</summary>
    public void SetRange(int from, int to)
    {
        if (_hitCount > 0) throw new InvalidOperationException("a range is set before its hits are collected");
        (_from, _to) = (from, to);
        var words = (to - from + 63) >> 6;
        if (_bits.Length < words)
        {
            if (_bits.Length > 0) Bits.Return(_bits);
            _bits = Bits.Rent(words);
        }
        Array.Clear(_bits, 0, words);
    }

    public void Collect(int doc)
    {
        var i = doc - _from;
        _bits[i >> 6] |= 1UL << i;
        _hitCount++;
    }

    /// <summary>
    /// Counts the range's hits: each hit's row when they are at most half of the range, else the range's
    /// totals less the rows of the live documents that are not hits. Either way a range costs its smaller
    /// side, so a query matching nearly every reply counts almost nothing. Done by the next range,
    /// <see cref="Add"/> and <see cref="Result"/>; a part of a split search calls it on its own thread, so that
    /// the parts count in parallel.
    /// </summary>
    public void Flush()
    {
        if (_current is null || _hitCount == 0) return;
        var words = (_to - _from + 63) >> 6;
        if ((long)_hitCount * 2 <= _to - _from)
        {
            for (var w = 0; w < words; w++)
            {
                for (var bits = _bits[w]; bits != 0; bits &= bits - 1) Count(_from + (w << 6) + BitOperations.TrailingZeroCount(bits), 1);
            }
        }
        else
        {
            var totals = RangeTotals.For(_reader!, _current.Ordinals, _from, _to);
            _current.AddTotals(totals);
            var live = _reader!.LiveDocs;
            for (var w = 0; w < words; w++)
            {
                var misses = ~_bits[w];
                var end = _to - _from - (w << 6);
                if (end < 64) misses &= (1UL << end) - 1;
                for (; misses != 0; misses &= misses - 1)
                {
                    var doc = _from + (w << 6) + BitOperations.TrailingZeroCount(misses);
                    if (live is null || live.Get(doc)) Count(doc, -1);
                }
            }
        }
        _hitCount = 0;
        Array.Clear(_bits, 0, words);
    }

    /// <summary>Adds sign to the counts of every facet value of doc.</summary>
    private void Count(int doc, int sign)
    {
        var rows = _rows;
        var counts = _counts;
        var offsets = _offsets;
        var at = doc * FacetOrdinals.Width;
        for (var c = 0; c < FacetOrdinals.Width; c++) counts[offsets[c] + rows[at + c]] += sign;
        var multiStarts = _multiStarts;
        for (var m = 0; m < multiStarts.Length; m++)
        {
            var starts = multiStarts[m];
            var ords = _multiOrds[m];
            var mc = _multiCounts[m];
            for (int i = starts[doc], end = starts[doc + 1]; i < end; i++)
            {
                var ord = ords[i];
                if (mc[ord] == 0) _multiSeen[m].Add(ord);
                mc[ord] += sign;
            }
        }
    }

    /// <summary>
    /// The counts over every live document of a range, per reader (live documents are a reader's): what a
    /// range's non-hits are taken from. Made by the first search that needs them, kept with the reader.
    /// </summary>
    private sealed class RangeTotals
    {
        private static readonly ConditionalWeakTable<AtomicReader, ConcurrentDictionary<(int, int), RangeTotals>> Cache = new();

        public int[] Counts { get; }
        public int[][] Multi { get; }

        private RangeTotals(AtomicReader reader, FacetOrdinals ordinals, int from, int to)
        {
            var collector = new FacetCollector();
            collector.SetNextReader(reader.AtomicContext);
            var live = reader.LiveDocs;
            for (var doc = from; doc < to; doc++)
            {
                if (live is null || live.Get(doc)) collector.Count(doc, 1);
            }
            var s = collector._current!;
            Counts = [.. s.Counts];
            Multi = new int[s.Multi.Length][];
            for (var m = 0; m < Multi.Length; m++) Multi[m] = s.Multi[m].Counts.AsSpan(0, ordinals.Multi[m].Values.Length).ToArray();
            collector._hitCount = 0;
            s.Release();
            collector.ReturnBits();
        }

        // A segment's ranges move when other segments come and go (a split cuts the whole index), while its
        // reader lives on: a reader keeps the totals of this many ranges at most, and starts over past them.
        private const int RangesPerReader = 8;

        public static int Held(AtomicReader reader) => Cache.TryGetValue(reader, out var ranges) ? ranges.Count : 0;

        public static RangeTotals For(AtomicReader reader, FacetOrdinals ordinals, int from, int to)
        {
            var ranges = Cache.GetValue(reader, _ => new());
            if (ranges.TryGetValue((from, to), out var kept)) return kept;
            if (ranges.Count >= RangesPerReader) ranges.Clear();
            return ranges.GetOrAdd((from, to), _ => new RangeTotals(reader, ordinals, from, to));
        }
    }

    /// <summary>How many ranges' totals a reader keeps now (<see cref="RangeTotals"/>).</summary>
    internal static int RangeTotalsHeld(AtomicReader reader) => RangeTotals.Held(reader);

    private void ReturnBits()
    {
        if (_bits.Length > 0) Bits.Return(_bits);
        _bits = [];
    }

    /// <summary>Adds the counts of another collector (of another part of the same search).</summary>
    public void Add(FacetCollector other)
    {
        Flush();
        other.Flush();
        other.ReturnBits();
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
        Flush();
        ReturnBits();
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
                    Merge(s => s.Multi[multi].Seen.Distinct().Select(ord => (s.Ordinals.Multi[multi].Values[ord], s.Multi[multi].Counts[ord]))), limit);
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
