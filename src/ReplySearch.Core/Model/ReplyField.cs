
namespace ReplySearch.Core.Model;

/// <summary>How a field's values go into the index, beside the stored document.</summary>
public enum FieldIndexing
{
    /// <summary>Not indexed on its own (read from the stored document only).</summary>
    None,

    /// <summary>One exact term and sorted doc values: filters, facets, completions.</summary>
    Keyword,

    /// <summary>An exact term per value and sorted-set doc values (several delegates to one reply).</summary>
    KeywordSet,

    /// <summary>A 32-bit integer for range filters and numeric doc values (the year).</summary>
    Year,
}

/// <summary>How a filter value selects replies.</summary>
public enum FilterMatch
{
    /// <summary>The value occurs as a substring of the field (潍坊 finds 潍坊市科学技术局): a phrase over its grams.</summary>
    Contains,

    /// <summary>The value, normalised like the indexed values, equals one of them.</summary>
    Exact,

    /// <summary>A year or an inclusive range of years: 2023, 2021..2023.</summary>
    YearRange,
}

/// <summary>How a facet's values are ordered in a result, and whether the facet limit applies.</summary>
public enum FacetOrder
{
    /// <summary>Most frequent first (ties by value), at most the request's facet limit.</summary>
    ByCount,

    /// <summary>Every value, in ordinal order of the value (A, B, C, D).</summary>
    ByValue,

    /// <summary>Every value, newest first: a timeline.</summary>
    NewestFirst,
}

/// <summary>A CSV export column: its header and its place among the export's columns.</summary>
public sealed record CsvColumn(string Header, int Position);

/// <summary>
/// One field of a reply, declared once: how it is read from <see cref="ReplyDocument"/>, how it is indexed,
/// how it filters and facets, what the query language, the API, the CLI and the export call it. Indexing,
/// searching, request parsing in both front ends, the export and the page all follow <see cref="FieldTable"/>;
/// none of them lists fields of its own.
/// </summary>
public sealed record ReplyField
{
    /// <summary>The field's name in JSON: the facet key, the API parameter and the schema's key.</summary>
    public required string Name { get; init; }

    /// <summary>What the search page calls it.</summary>
    public required string Label { get; init; }

    /// <summary>What the field is, for the API description and the CLI's help.</summary>
    public required string Description { get; init; }

    /// <summary>The field's values as written in the document (empty when it has none).</summary>
    public required Func<ReplyDocument, IReadOnlyList<string>> Read { get; init; }

    public FieldIndexing Indexing { get; init; }

    /// <summary>The Lucene field of the exact terms and doc values (<see cref="Indexing"/> other than None).</summary>
    public string? IndexName { get; init; }

    /// <summary>The values to index when they differ from the written ones (the 文号 with its brackets made one).</summary>
    public Func<ReplyDocument, IReadOnlyList<string>>? ReadIndexed { get; init; }

    /// <summary>
    /// Makes one value of several spellings, applied alike to indexed values and to exact filter values, so
    /// that 主動公開 and 主动公开 count as one facet value and either finds both.
    /// </summary>
    public Func<string, string> Normalize { get; init; } = v => v;

    /// <summary>A gram field of the values, for substring filters (indexed with the short fields' grams).</summary>
    public string? GramsField { get; init; }

    /// <summary>How a filter on this field matches; null when the field cannot filter.</summary>
    public FilterMatch? Filter { get; init; }

    /// <summary>How the facet is ordered; null when results carry no facet for the field.</summary>
    public FacetOrder? Facet { get; init; }

    /// <summary>Names that introduce an inline filter in the query language (agency:, 单位:), besides none.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The CLI option of the filter (--agency); the API parameter is <see cref="Name"/>.</summary>
    public string? CliOption { get; init; }

    public CsvColumn? Csv { get; init; }

    /// <summary>The values that go into the index.</summary>
    public IEnumerable<string> IndexedValues(ReplyDocument d) =>
        (ReadIndexed ?? Read)(d).Where(v => !string.IsNullOrEmpty(v)).Select(Normalize).Where(v => v.Length > 0);

    public override string ToString() => Name;
}
