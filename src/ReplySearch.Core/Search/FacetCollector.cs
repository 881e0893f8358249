using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>
/// Counts facet values over every hit, not just the page: per segment it counts doc-value ordinals in
/// arrays and turns them into strings once per segment, so a hit costs a few array increments.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, int> _agency = new();
    private readonly Dictionary<string, int> _kind = new();
    private readonly Dictionary<string, int> _type = new();
    private readonly Dictionary<string, int> _delegate = new();
    private readonly Dictionary<int, int> _year = new();
    private readonly Dictionary<string, int> _category = new();
    private readonly Dictionary<string, int> _role = new();
    private readonly Dictionary<string, int> _disclosure = new();

    private SortedDocValues? _agencyDv, _kindDv, _typeDv, _categoryDv, _roleDv, _disclosureDv;
    private SortedSetDocValues? _delegateDv;
    private NumericDocValues? _yearDv;
    private int[] _agencyCounts = [], _kindCounts = [], _typeCounts = [], _delegateCounts = [];
    private int[] _categoryCounts = [], _roleCounts = [], _disclosureCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var r = context.AtomicReader;
        _agencyDv = r.GetSortedDocValues(Schema.Agency);
        _kindDv = r.GetSortedDocValues(Schema.Kind);
        _typeDv = r.GetSortedDocValues(Schema.HandlingType);
        _delegateDv = r.GetSortedSetDocValues(Schema.Delegate);
        _yearDv = r.GetNumericDocValues(Schema.Year);
        _agencyCounts = new int[_agencyDv?.ValueCount ?? 0];
        _kindCounts = new int[_kindDv?.ValueCount ?? 0];
        _typeCounts = new int[_typeDv?.ValueCount ?? 0];
        _delegateCounts = new int[_delegateDv?.ValueCount ?? 0];
        _categoryDv = r.GetSortedDocValues(Schema.ContentCategory);
        _roleDv = r.GetSortedDocValues(Schema.HandlingRole);
        _disclosureDv = r.GetSortedDocValues(Schema.Disclosure);
        _categoryCounts = new int[_categoryDv?.ValueCount ?? 0];
        _roleCounts = new int[_roleDv?.ValueCount ?? 0];
        _disclosureCounts = new int[_disclosureDv?.ValueCount ?? 0];
    }

    public void Collect(int doc)
    {
        Count(_agencyDv, _agencyCounts, doc);
        Count(_kindDv, _kindCounts, doc);
        Count(_typeDv, _typeCounts, doc);
        Count(_categoryDv, _categoryCounts, doc);
        Count(_roleDv, _roleCounts, doc);
        Count(_disclosureDv, _disclosureCounts, doc);
        if (_delegateDv is { } d)
        {
            d.SetDocument(doc);
            long ord;
            while ((ord = d.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) _delegateCounts[ord]++;
        }
        if (_yearDv is { } y)
        {
            var year = (int)y.Get(doc);
            if (year != 0) _year[year] = _year.GetValueOrDefault(year) + 1;
        }
    }

    private static void Count(SortedDocValues? dv, int[] counts, int doc)
    {
        if (dv is null) return;
        var ord = dv.GetOrd(doc);
        if (ord >= 0) counts[ord]++;
    }

    private void Flush()
    {
        Merge(_agencyDv, _agencyCounts, _agency);
        Merge(_kindDv, _kindCounts, _kind);
        Merge(_typeDv, _typeCounts, _type);
        Merge(_categoryDv, _categoryCounts, _category);
        Merge(_roleDv, _roleCounts, _role);
        Merge(_disclosureDv, _disclosureCounts, _disclosure);
        if (_delegateDv is { } d)
        {
            var bytes = new BytesRef();
            for (var ord = 0; ord < _delegateCounts.Length; ord++)
            {
                if (_delegateCounts[ord] == 0) continue;
                d.LookupOrd(ord, bytes);
                var key = bytes.Utf8ToString();
                _delegate[key] = _delegate.GetValueOrDefault(key) + _delegateCounts[ord];
            }
        }
        _agencyDv = _kindDv = _typeDv = _categoryDv = _roleDv = _disclosureDv = null;
        _delegateDv = null;
    }

    private static void Merge(SortedDocValues? dv, int[] counts, Dictionary<string, int> into)
    {
        if (dv is null) return;
        var bytes = new BytesRef();
        for (var ord = 0; ord < counts.Length; ord++)
        {
            if (counts[ord] == 0) continue;
            dv.LookupOrd(ord, bytes);
            var key = bytes.Utf8ToString();
            into[key] = into.GetValueOrDefault(key) + counts[ord];
        }
    }

    public Facets Result(int limit)
    {
        Flush();
        static IReadOnlyList<FacetValue> Top(Dictionary<string, int> d, int limit) =>
            d.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(limit).Select(kv => new FacetValue(kv.Key, kv.Value)).ToList();
        return new Facets
        {
            Agency = Top(_agency, limit),
            Kind = Top(_kind, limit),
            HandlingType = _type.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new FacetValue(kv.Key, kv.Value)).ToList(),
            Delegate = Top(_delegate, limit),
            ContentCategory = Top(_category, limit),
            HandlingRole = Top(_role, limit),
            Disclosure = Top(_disclosure, limit),
            // Years are a timeline: all of them, newest first.
            Year = _year.OrderByDescending(kv => kv.Key).Select(kv => new FacetValue(kv.Key.ToString(), kv.Value)).ToList(),
        };
    }
}
