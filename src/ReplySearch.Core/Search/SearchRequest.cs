using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

public enum SortOrder
{
    Relevance,
    Date,
}

/// <summary>What a user asks: the query text, filters, sort and page. Filters combine with those written in the query.</summary>
public sealed record SearchRequest
{
    public const int MaxSize = 100;

    /// <summary>Deep pages cost memory and time for nobody; past this, narrow the query instead.</summary>
    public const int MaxDepth = 10_000;

    public string Query { get; init; } = "";

    /// <summary>
    /// A value per filter field of <see cref="FieldTable"/>: the year as 2023 or 2021..2023, the others as
    /// typed. A reply must match every filter, and every filter written in the query too.
    /// </summary>
    public IReadOnlyDictionary<ReplyField, string> Filters { get; init; } = new Dictionary<ReplyField, string>();

    public SortOrder Sort { get; init; } = SortOrder.Relevance;

    /// <summary>Whether the total, the facets and exports count the related tier too (the exact tier always comes first).</summary>
    public SearchScope Scope { get; init; } = SearchScope.Exact;
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 10;

    /// <summary>How many values each facet returns at most.</summary>
    public int FacetLimit { get; init; } = 20;

    /// <summary>A search still collecting after this long stops with <see cref="SearchTimeoutException"/>.</summary>
    public int TimeLimitMs { get; init; } = 2000;

    /// <summary>
    /// A measurement hook, internal to the library and its harnesses: false skips facet counting, so that
    /// the benchmark can show what counting costs. Every real search counts.
    /// </summary>
    internal bool CountFacets { get; init; } = true;

    /// <summary>The value of a filter, or null when the request has none.</summary>
    public string? this[ReplyField field] => Filters.GetValueOrDefault(field);

    /// <summary>The problems with this request, each naming its parameter; empty when it is valid.</summary>
    public IReadOnlyList<(string Parameter, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (Page < 1) errors.Add(("page", "page must be 1 or more"));
        if (Size < 1 || Size > MaxSize) errors.Add(("size", $"size must be between 1 and {MaxSize}"));
        if (Page >= 1 && Size is >= 1 and <= MaxSize && (long)Page * Size > MaxDepth)
            errors.Add(("page", $"page × size must not exceed {MaxDepth}; narrow the query instead"));
        foreach (var (field, value) in Filters)
        {
            if (field.Filter is null) errors.Add((field.Name, $"{field.Name} is not a filter"));
            else if (field.Filter == FilterMatch.YearRange && !YearRange.TryParse(value, out _))
                errors.Add((field.Name, $"'{value}' is not a year or a range of years (2023 or 2021..2023)"));
        }
        return errors;
    }
}

/// <summary>A year or an inclusive range of years: 2023, 2021..2023.</summary>
public readonly record struct YearRange(int From, int To)
{
    public static bool TryParse(string? text, out YearRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = Analysis.CharFolding.Fold(text.Trim());
        var parts = t.Split([".."], StringSplitOptions.None);
        if (parts.Length == 1 && t.Length == 9 && t[4] == '-') parts = [t[..4], t[5..]];
        if (parts.Length > 2) return false;
        if (!int.TryParse(parts[0], out var from) || from is < 1900 or > 2200) return false;
        var to = from;
        if (parts.Length == 2 && (!int.TryParse(parts[1], out to) || to is < 1900 or > 2200 || to < from)) return false;
        range = new YearRange(from, to);
        return true;
    }

    public override string ToString() => From == To ? From.ToString() : $"{From}..{To}";
}

/// <summary>
/// The one place a search request is read from raw text, as the API's query string and the CLI's options
/// give it: parameter names are the API's (q, the filter fields' names, sort, page, size).
/// </summary>
public static class SearchRequestParser
{
    /// <summary>The parameters that are not filter fields.</summary>
    public const string Query = "q", Sort = "sort", Page = "page", Size = "size", Scope = "scope";

    /// <summary>A parameter a front end accepts: its API name, what it means, and whether only paged requests take it.</summary>
    public sealed record Parameter(string Name, string Description, bool PagedOnly = false, ReplyField? Field = null);

    /// <summary>Every parameter of a search request, in the order the API documents them.</summary>
    public static readonly IReadOnlyList<Parameter> Parameters =
    [
        new(Page, "Page number, an integer from 1 (default 1).", PagedOnly: true),
        new(Size, $"Hits per page, an integer from 1 to {SearchRequest.MaxSize} (default 10).", PagedOnly: true),
        new(Query, "The query: words (ANDed), \"phrases\", -exclusions, OR, and agency:/year:/delegate: filters."),
        .. FieldTable.Filters.Select(f => new Parameter(f.Name, f.Description, Field: f)),
        new(Sort, "relevance (default) or date."),
        new(Scope, "exact (default): the total and facets count replies holding every term; all: related replies too (found by their words) are counted."),
    ];

    /// <summary>
    /// The request, or null with the problems, each under its parameter's name. Page and size are read only
    /// when <paramref name="paged"/>: an export or a trend has every hit.
    /// </summary>
    public static SearchRequest? Parse(Func<string, string?> raw, bool paged, out IReadOnlyList<(string Parameter, string Message)> errors)
    {
        var found = new List<(string Parameter, string Message)>();
        var filters = new Dictionary<ReplyField, string>();
        foreach (var field in FieldTable.Filters)
        {
            if (raw(field.Name) is { } value && !string.IsNullOrWhiteSpace(value)) filters[field] = value;
        }
        var sort = Choice(raw(Sort), Sort, SortOrder.Relevance, "a sort order: use relevance or date", found);
        var scope = Choice(raw(Scope), Scope, SearchScope.Exact, "a scope: use exact or all", found);
        var request = new SearchRequest
        {
            Query = raw(Query) ?? "",
            Filters = filters,
            Sort = sort,
            Scope = scope,
            Page = paged ? Integer(raw(Page), Page, 1, found) : 1,
            Size = paged ? Integer(raw(Size), Size, 10, found) : 10,
        };
        foreach (var problem in request.Validate())
        {
            if (!found.Any(f => f.Parameter == problem.Parameter)) found.Add(problem);
        }
        errors = found;
        return found.Count == 0 ? request : null;
    }

    /// <summary>A parameter that names one value of an enum (case-insensitive, never a number); a problem naming it otherwise.</summary>
    private static T Choice<T>(string? text, string name, T fallback, string expected, List<(string Parameter, string Message)> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)) return value;
        errors.Add((name, $"'{text}' is not {expected}"));
        return fallback;
    }

    /// <summary>An integer parameter; a problem naming it when the text is not one.</summary>
    public static int Integer(string? text, string name, int fallback, List<(string Parameter, string Message)> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add((name, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not an integer"));
        return fallback;
    }
}
