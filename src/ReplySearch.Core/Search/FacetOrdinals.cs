using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>
/// One segment's facet values, read out of its doc values once and kept in memory: per document a row of
/// small integers (one per single-valued facet, the year as an index into the segment's years), the
/// delegates as a flat list, and each ordinal's string. Counting a hit is then a few array increments in
/// one cache line; reading doc values per hit went through the index files at every hit (a quarter of a
/// search's time). Built when a searcher opens (<see cref="Warm"/>), so no query pays for it.
/// </summary>
internal sealed class FacetOrdinals
{
    /// <summary>The single-valued facets, in row order.</summary>
    public static readonly string[] Fields =
    [
        Schema.Agency, Schema.Kind, Schema.HandlingType, Schema.ContentCategory, Schema.HandlingRole, Schema.Disclosure,
    ];

    /// <summary>Column of the year in a row; its values index <see cref="Years"/>.</summary>
    public static readonly int YearColumn = Fields.Length;

    public static readonly int Width = Fields.Length + 1;

    private static readonly ConditionalWeakTable<object, FacetOrdinals> Cache = new();

    /// <summary>Per document, <see cref="Width"/> values: ordinal + 1 per field (0 = none).</summary>
    public int[] Rows { get; }

    /// <summary>Per field, the value of each ordinal.</summary>
    public string[][] Values { get; }

    public int[] Years { get; }

    /// <summary>Delegates of document d: <see cref="DelegateOrds"/>[<see cref="DelegateStarts"/>[d] .. [d + 1]].</summary>
    public int[] DelegateStarts { get; }

    public int[] DelegateOrds { get; }

    public string[] Delegates { get; }

    private FacetOrdinals(AtomicReader reader)
    {
        var maxDoc = reader.MaxDoc;
        Rows = new int[maxDoc * Width];
        Values = new string[Fields.Length][];
        var bytes = new BytesRef();
        for (var f = 0; f < Fields.Length; f++)
        {
            var dv = reader.GetSortedDocValues(Fields[f]);
            Values[f] = dv is null ? [] : new string[dv.ValueCount];
            if (dv is null) continue;
            for (var ord = 0; ord < dv.ValueCount; ord++)
            {
                dv.LookupOrd(ord, bytes);
                Values[f][ord] = bytes.Utf8ToString();
            }
            for (var d = 0; d < maxDoc; d++) Rows[d * Width + f] = dv.GetOrd(d) + 1;
        }

        var yearDv = reader.GetNumericDocValues(Schema.Year);
        var years = new SortedSet<int>();
        if (yearDv is not null) for (var d = 0; d < maxDoc; d++) if (yearDv.Get(d) is var y and not 0) years.Add((int)y);
        Years = [.. years];
        if (yearDv is not null)
        {
            for (var d = 0; d < maxDoc; d++)
            {
                var y = (int)yearDv.Get(d);
                Rows[d * Width + YearColumn] = y == 0 ? 0 : Array.BinarySearch(Years, y) + 1;
            }
        }

        var delegates = reader.GetSortedSetDocValues(Schema.Delegate);
        DelegateStarts = new int[maxDoc + 1];
        var ords = new List<int>();
        Delegates = delegates is null ? [] : new string[delegates.ValueCount];
        if (delegates is not null)
        {
            for (var ord = 0; ord < delegates.ValueCount; ord++)
            {
                delegates.LookupOrd(ord, bytes);
                Delegates[ord] = bytes.Utf8ToString();
            }
            for (var d = 0; d < maxDoc; d++)
            {
                DelegateStarts[d] = ords.Count;
                delegates.SetDocument(d);
                long ord;
                while ((ord = delegates.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) ords.Add((int)ord);
            }
        }
        DelegateStarts[maxDoc] = ords.Count;
        DelegateOrds = [.. ords];
    }

    /// <summary>The segment's facet values, built on first use and kept as long as the segment is.</summary>
    public static FacetOrdinals For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new FacetOrdinals(reader));

    /// <summary>Builds the facet values of every segment of a newly opened reader.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves) For(leaf.AtomicReader);
    }
}
