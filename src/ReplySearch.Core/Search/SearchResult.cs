using System.Collections.ObjectModel;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>The answer to a search; its JSON is the contract of <c>search --json</c> and GET /api/search.</summary>
public sealed record SearchResult
{
    /// <summary>Replies found: the exact tier's, or both tiers' when the request's scope is all.</summary>
    public int Total { get; init; }

    /// <summary>
    /// Replies of the related tier (found by their words, not holding every term), whatever the scope: 0 when
    /// the query has no related tier (it is quoted, or has no words), null when it was not counted because
    /// the page was full of exact hits and the scope is exact.
    /// </summary>
    public int? RelatedTotal { get; init; }

    /// <summary>What <see cref="Total"/> and the facets count.</summary>
    public SearchScope Scope { get; init; } = SearchScope.Exact;
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

    /// <summary>exact: every term is in the reply; related: its words are (listed after every exact hit).</summary>
    public MatchTier Match { get; init; } = MatchTier.Exact;
    public IReadOnlyList<Snippet> Snippets { get; init; } = [];

    /// <summary>Which form of each query term this reply holds, and how often (高企 → 高新技术企业, synonym).</summary>
    public IReadOnlyList<MatchedForm> Matched { get; init; } = [];

    /// <summary>The stored document the hit was made from (without section texts), for exports; not serialised.</summary>
    internal ReplyDocument? Document { get; init; }
}

/// <summary>A query term, the text it matched in the reply, and how.</summary>
public sealed record MatchedForm(string Term, string Form, MatchKind Kind, int Count);

/// <summary>A passage of the reply: its section label and HTML with every match in &lt;mark&gt;.</summary>
public sealed record Snippet(string Section, string Html);

public sealed record FacetValue(string Value, int Count);

/// <summary>
/// The values of every facet of <see cref="FieldTable"/>, by field name (its JSON key), each with its count
/// over all hits. A facet with no values is present and empty.
/// </summary>
public sealed class Facets : ReadOnlyDictionary<string, IReadOnlyList<FacetValue>>
{
    public Facets()
        : this(new Dictionary<ReplyField, IReadOnlyList<FacetValue>>())
    {
    }

    public Facets(IReadOnlyDictionary<ReplyField, IReadOnlyList<FacetValue>> values)
        : base(FieldTable.Facets.ToDictionary(f => f.Name, f => values.GetValueOrDefault(f) ?? []))
    {
    }

    public IReadOnlyList<FacetValue> this[ReplyField field] => this[field.Name];
}
