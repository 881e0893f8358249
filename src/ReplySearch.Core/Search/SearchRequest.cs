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
    public string? Agency { get; init; }
    public YearRange? Year { get; init; }
    public string? Delegate { get; init; }
    public string? Kind { get; init; }
    public string? HandlingType { get; init; }
    public string? Section { get; init; }

    /// <summary>The portal's 内容分类, exactly.</summary>
    public string? ContentCategory { get; init; }

    /// <summary>主办, 协办 or 会办.</summary>
    public string? HandlingRole { get; init; }

    /// <summary>The portal's 公开方式, exactly.</summary>
    public string? Disclosure { get; init; }
    public SortOrder Sort { get; init; } = SortOrder.Relevance;
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 10;

    /// <summary>How many values each facet returns at most.</summary>
    public int FacetLimit { get; init; } = 20;

    /// <summary>A search still collecting after this long stops with <see cref="SearchTimeoutException"/>.</summary>
    public int TimeLimitMs { get; init; } = 2000;

    /// <summary>Whether to count facets over all hits (on by default; the benchmark turns it off to measure its cost).</summary>
    public bool CountFacets { get; init; } = true;

    /// <summary>The problems with this request, each naming its parameter; empty when it is valid.</summary>
    public IReadOnlyList<(string Parameter, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (Page < 1) errors.Add(("page", "page must be 1 or more"));
        if (Size < 1 || Size > MaxSize) errors.Add(("size", $"size must be between 1 and {MaxSize}"));
        if (Page >= 1 && Size is >= 1 and <= MaxSize && (long)Page * Size > MaxDepth)
            errors.Add(("page", $"page × size must not exceed {MaxDepth}; narrow the query instead"));
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
