namespace ReplySearch.Core.Search;

/// <summary>The answer to a search; its JSON is the contract of <c>search --json</c> and GET /api/search.</summary>
public sealed record SearchResult
{
    public int Total { get; init; }
    public int Page { get; init; }
    public int Size { get; init; }
    public double TookMs { get; init; }
    public IReadOnlyList<Hit> Hits { get; init; } = [];
    public Facets Facets { get; init; } = new();

    /// <summary>What the query language made of the input, e.g. that it was cut to the term limit.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}

public sealed record Hit
{
    public required string Id { get; init; }
    public string Source { get; init; } = "";
    public string? Title { get; init; }
    public string? Agency { get; init; }
    public int? Year { get; init; }
    public string? Date { get; init; }
    public IReadOnlyList<string> Delegates { get; init; } = [];
    public string? ProposalNumber { get; init; }
    public string? DocNumber { get; init; }
    public string Kind { get; init; } = "";
    public string? HandlingType { get; init; }

    /// <summary>主办 (the main reply), 协办 or 会办 (a co-handler's opinion).</summary>
    public string HandlingRole { get; init; } = "";
    public string? ContentCategory { get; init; }
    public string? Disclosure { get; init; }
    public string? IndexNumber { get; init; }
    public string? SubmittedDate { get; init; }
    public float Score { get; init; }
    public IReadOnlyList<Snippet> Snippets { get; init; } = [];

    /// <summary>Which form of each query term this reply holds, and how often (高企 → 高新技术企业, synonym).</summary>
    public IReadOnlyList<MatchedForm> Matched { get; init; } = [];
}

/// <summary>A query term, the text it matched in the reply, and how.</summary>
public sealed record MatchedForm(string Term, string Form, MatchKind Kind, int Count);

/// <summary>A passage of the reply: its section label and HTML with every match in &lt;mark&gt;.</summary>
public sealed record Snippet(string Section, string Html);

public sealed record FacetValue(string Value, int Count);

public sealed record Facets
{
    public IReadOnlyList<FacetValue> Agency { get; init; } = [];
    public IReadOnlyList<FacetValue> Year { get; init; } = [];
    public IReadOnlyList<FacetValue> Delegate { get; init; } = [];
    public IReadOnlyList<FacetValue> Kind { get; init; } = [];
    public IReadOnlyList<FacetValue> HandlingType { get; init; } = [];
    public IReadOnlyList<FacetValue> ContentCategory { get; init; } = [];
    public IReadOnlyList<FacetValue> HandlingRole { get; init; } = [];
    public IReadOnlyList<FacetValue> Disclosure { get; init; } = [];
}
