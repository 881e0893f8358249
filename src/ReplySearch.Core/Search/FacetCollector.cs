using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>
/// Counts facet values over every hit, not just the page: per segment it counts ordinals from the
/// segment's in-memory <see cref="FacetOrdinals"/> and turns them into strings once per segment, so a
/// hit costs a few array increments.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, int>[] _fields = FacetOrdinals.Fields.Select(_ => new Dictionary<string, int>()).ToArray();
    private readonly Dictionary<string, int> _delegate = new();
    private readonly Dictionary<int, int> _year = new();

    private FacetOrdinals? _segment;
    private int[] _rows = [];
    private int[] _counts = [];        // per field f: ordinal + 1 at _offsets[f] + ord + 1
    private int[] _offsets = [];
    // Delegates run to tens of thousands of values: their counts come from a pool (a fresh array per query
    // was a large-object allocation, and with it full collections), and only the touched ones are reset.
    // A pool of our own: every array in it went back all zeros (one abandoned by a timed-out search is
    // simply never returned).
    private static readonly ArrayPool<int> Pool = ArrayPool<int>.Create(1 << 20, 16);
    private int[] _delegateCounts = [];
    private readonly List<int> _delegatesSeen = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var s = _segment = FacetOrdinals.For(context.AtomicReader);
        _rows = s.Rows;
        _offsets = new int[FacetOrdinals.Width + 1];
        for (var f = 0; f < FacetOrdinals.Fields.Length; f++) _offsets[f + 1] = _offsets[f] + s.Values[f].Length + 1;
        _offsets[FacetOrdinals.Width] = _offsets[FacetOrdinals.YearColumn] + s.Years.Length + 1;
        _counts = new int[_offsets[FacetOrdinals.Width]];
        _delegateCounts = Pool.Rent(Math.Max(1, s.Delegates.Length));
        _delegatesSeen.Clear();
    }

    public void Collect(int doc)
    {
        var rows = _rows;
        var counts = _counts;
        var offsets = _offsets;
        var at = doc * FacetOrdinals.Width;
        for (var f = 0; f < FacetOrdinals.Width; f++) counts[offsets[f] + rows[at + f]]++;
        var s = _segment!;
        for (int i = s.DelegateStarts[doc], end = s.DelegateStarts[doc + 1]; i < end; i++)
        {
            var ord = s.DelegateOrds[i];
            if (_delegateCounts[ord]++ == 0) _delegatesSeen.Add(ord);
        }
    }

    private void Flush()
    {
        if (_segment is not { } s) return;
        for (var f = 0; f < FacetOrdinals.Fields.Length; f++)
        {
            for (var ord = 0; ord < s.Values[f].Length; ord++)
            {
                var n = _counts[_offsets[f] + ord + 1];
                if (n > 0) _fields[f][s.Values[f][ord]] = _fields[f].GetValueOrDefault(s.Values[f][ord]) + n;
            }
        }
        for (var i = 0; i < s.Years.Length; i++)
        {
            var n = _counts[_offsets[FacetOrdinals.YearColumn] + i + 1];
            if (n > 0) _year[s.Years[i]] = _year.GetValueOrDefault(s.Years[i]) + n;
        }
        foreach (var ord in _delegatesSeen)
        {
            _delegate[s.Delegates[ord]] = _delegate.GetValueOrDefault(s.Delegates[ord]) + _delegateCounts[ord];
            _delegateCounts[ord] = 0;
        }
        _delegatesSeen.Clear();
        Pool.Return(_delegateCounts);
        _delegateCounts = [];
        _segment = null;
    }

    /// <summary>Adds the counts of another collector (of another part of the same search).</summary>
    public void Add(FacetCollector other)
    {
        Flush();
        other.Flush();
        for (var f = 0; f < _fields.Length; f++) AddTo(_fields[f], other._fields[f]);
        AddTo(_delegate, other._delegate);
        foreach (var (year, n) in other._year) _year[year] = _year.GetValueOrDefault(year) + n;

        static void AddTo(Dictionary<string, int> into, Dictionary<string, int> from)
        {
            foreach (var (key, n) in from) into[key] = into.GetValueOrDefault(key) + n;
        }
    }

    public Facets Result(int limit)
    {
        Flush();
        static IReadOnlyList<FacetValue> Top(Dictionary<string, int> d, int limit) =>
            d.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(limit).Select(kv => new FacetValue(kv.Key, kv.Value)).ToList();
        var field = (string name) => _fields[Array.IndexOf(FacetOrdinals.Fields, name)];
        return new Facets
        {
            Agency = Top(field(Schema.Agency), limit),
            Kind = Top(field(Schema.Kind), limit),
            HandlingType = field(Schema.HandlingType).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new FacetValue(kv.Key, kv.Value)).ToList(),
            Delegate = Top(_delegate, limit),
            ContentCategory = Top(field(Schema.ContentCategory), limit),
            HandlingRole = Top(field(Schema.HandlingRole), limit),
            Disclosure = Top(field(Schema.Disclosure), limit),
            // Years are a timeline: all of them, newest first.
            Year = _year.OrderByDescending(kv => kv.Key).Select(kv => new FacetValue(kv.Key.ToString(), kv.Value)).ToList(),
        };
    }
}
