using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using ReplySearch.Core.Search;

namespace ReplySearch.Api.Endpoints;

/// <summary>The query and filters shared by /api/search, /api/trend and /api/export.csv.</summary>
public class FilterParameters
{
    [Description("The query: words (ANDed), \"phrases\", -exclusions, OR, and agency:/year:/delegate: filters.")]
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [Description("Only replies of this agency (承办单位).")]
    [FromQuery(Name = "agency")]
    public string? Agency { get; set; }

    [Description("A year or an inclusive range: 2023 or 2021..2023.")]
    [FromQuery(Name = "year")]
    public string? Year { get; set; }

    [Description("Only replies to this delegate or member.")]
    [FromQuery(Name = "delegate")]
    public string? Delegate { get; set; }

    [Description("人大建议, 政协提案 or 其他.")]
    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    [Description("Handling type A, B, C or D.")]
    [FromQuery(Name = "handlingType")]
    public string? HandlingType { get; set; }

    [Description("Only replies the portal files under this 内容分类 (content category), exactly.")]
    [FromQuery(Name = "contentCategory")]
    public string? ContentCategory { get; set; }

    [Description("主办 (the main reply), 协办 or 会办 (a co-handling agency's opinion).")]
    [FromQuery(Name = "handlingRole")]
    public string? HandlingRole { get; set; }

    [Description("Only replies with this 公开方式 (disclosure), exactly.")]
    [FromQuery(Name = "disclosure")]
    public string? Disclosure { get; set; }

    [Description("Only replies with a section heading containing this.")]
    [FromQuery(Name = "section")]
    public string? Section { get; set; }

    [Description("relevance (default) or date.")]
    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    /// <summary>The request, or the problems with the parameters, each under its name.</summary>
    public SearchRequest? ToRequest(out Dictionary<string, string[]> errors) => ToRequest(null, null, out errors);

    protected SearchRequest? ToRequest(string? pageText, string? sizeText, out Dictionary<string, string[]> errors)
    {
        errors = [];
        YearRange? year = null;
        if (!string.IsNullOrWhiteSpace(Year))
        {
            if (YearRange.TryParse(Year, out var y)) year = y;
            else errors["year"] = [$"'{Year}' is not a year or a range of years (2023 or 2021..2023)"];
        }
        var sort = SortOrder.Relevance;
        if (!string.IsNullOrWhiteSpace(Sort) && (!Enum.TryParse(Sort, ignoreCase: true, out sort) || int.TryParse(Sort, out _)))
        {
            errors["sort"] = [$"'{Sort}' is not a sort order: use relevance or date"];
        }
        var page = Integer(pageText, "page", 1, errors);
        var size = Integer(sizeText, "size", 10, errors);
        var request = new SearchRequest
        {
            Query = Q ?? "",
            Agency = Agency,
            Year = year,
            Delegate = Delegate,
            Kind = Kind,
            HandlingType = HandlingType,
            Section = Section,
            ContentCategory = ContentCategory,
            HandlingRole = HandlingRole,
            Disclosure = Disclosure,
            Sort = sort,
            Page = page,
            Size = size,
        };
        foreach (var (parameter, message) in request.Validate()) errors.TryAdd(parameter, [message]);
        return errors.Count == 0 ? request : null;
    }

    internal static int Integer(string? text, string name, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        errors[name] = [$"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not an integer"];
        return fallback;
    }
}

/// <summary>The query string of /api/search: the filters plus the page.</summary>
public sealed class SearchParameters : FilterParameters
{
    // Page and size are bound as text so that page=abc gets a problem naming the parameter, not a bare 400.
    [Description("Page number, an integer from 1 (default 1).")]
    [FromQuery(Name = "page")]
    public string? Page { get; set; }

    [Description("Hits per page, an integer from 1 to 100 (default 10).")]
    [FromQuery(Name = "size")]
    public string? Size { get; set; }

    public SearchRequest? ToPagedRequest(out Dictionary<string, string[]> errors) => ToRequest(Page, Size, out errors);
}
