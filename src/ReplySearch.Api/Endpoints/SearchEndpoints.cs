using System.ComponentModel;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReplySearch.Core.Search;

namespace ReplySearch.Api.Endpoints;

/// <summary>Searching: ranked hits, trends over time, completions and CSV export.</summary>
public static partial class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("search").RequireRateLimiting(SearchRateLimit.Policy);

        api.MapGet("/search", Search)
            .WithName("Search")
            .WithSummary("Ranked, highlighted, faceted search")
            .WithDescription("The same JSON as `replysearch search --json`: total, hits with snippets (matches in <mark>), facets over all hits, and tookMs.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/trend", Trend)
            .WithName("Trend")
            .WithSummary("Matching replies and occurrences per year (and per agency on request)")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/suggest", Suggest)
            .WithName("Suggest")
            .WithSummary("Completions for the search box from agencies, delegates, proposal titles and frequent words")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/export.csv", Export)
            .WithName("Export")
            .WithSummary("Every hit of a query as CSV (UTF-8 with a BOM, for Excel)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Results<Ok<SearchResult>, ValidationProblem, ProblemHttpResult> Search(
        [AsParameters] SearchParameters p, IndexHost host, IOptions<ReplySearchOptions> options, ILoggerFactory logs)
    {
        if (p.ToPagedRequest(out var errors) is not { } request) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        if (options.Value.LogQueries) logs.CreateLogger("ReplySearch.Queries").LogInformation("Search {Query}", request.Query);
        try
        {
            return TypedResults.Ok(index.Search(request));
        }
        catch (SearchTimeoutException e)
        {
            return TypedResults.Problem(title: "Search timed out", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static Results<Ok<TrendResult>, ValidationProblem, ProblemHttpResult> Trend(
        [AsParameters] FilterParameters p,
        [Description("Also count per agency (by=agency).")] string? by,
        IndexHost host)
    {
        if (p.ToRequest(out var errors) is not { } request) return Problems.BadParameters(errors);
        if (by is not (null or "" or "year" or "agency")) return Problems.BadParameters(new() { ["by"] = [$"'{by}' is not year or agency"] });
        if (host.Index is not { } index) return Problems.Starting(host);
        return TypedResults.Ok(index.Trend(request, by == "agency"));
    }

    private static Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem, ProblemHttpResult> Suggest(
        [Description("What the user has typed so far.")] string? prefix,
        [Description("How many completions, an integer from 1 to 20 (default 8).")] string? size,
        IndexHost host)
    {
        var errors = new Dictionary<string, string[]>();
        var n = SearchParameters.Integer(size, "size", 8, errors);
        if (errors.Count == 0 && n is < 1 or > 20) errors["size"] = ["size must be between 1 and 20"];
        if (errors.Count > 0) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        var text = (prefix ?? "").Trim();
        if (text.Length > 50) text = text[..50];
        return TypedResults.Ok(index.Suggest(text, n));
    }

    private static IResult Export([AsParameters] FilterParameters p, IndexHost host, IOptions<ReplySearchOptions> options, HttpContext http)
    {
        // Paging does not apply to an export: it writes every hit.
        if (p.ToRequest(out var errors) is not { } request) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        var csv = new StringBuilder();
        // New columns go at the end: scripts read the first ones by position.
        csv.Append("id,source,title,agency,year,date,delegates,proposalNumber,docNumber,kind,handlingType,score,section,snippet,"
            + "handlingRole,contentCategory,disclosure,indexNumber,submittedDate\r\n");
        var rows = 0;
        index.WithSearcher(s =>
        {
            foreach (var h in ReplySearcher.All(s, request, options.Value.ExportLimit))
            {
                var first = h.Snippets.FirstOrDefault();
                Row(csv, h.Id, h.Source, h.Title, h.Agency, h.Year?.ToString(), h.Date, string.Join("、", h.Delegates), h.ProposalNumber,
                    h.DocNumber, h.Kind, h.HandlingType, h.Score.ToString("F3"), first?.Section, first is null ? null : PlainText(first.Html),
                    h.HandlingRole, h.ContentCategory, h.Disclosure, h.IndexNumber, h.SubmittedDate);
                rows++;
            }
            return 0;
        });
        if (rows >= options.Value.ExportLimit) http.Response.Headers["X-Export-Truncated"] = $"first {rows} rows; narrow the query for the rest";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", "replysearch-export.csv");
    }

    private static void Row(StringBuilder csv, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) csv.Append(',');
            var c = cells[i] ?? "";
            // Cells that a spreadsheet would run as a formula are written as text.
            if (c.Length > 0 && c[0] is '=' or '+' or '-' or '@') c = "'" + c;
            csv.Append('"').Append(c.Replace("\"", "\"\"")).Append('"');
        }
        csv.Append("\r\n");
    }

    private static string PlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, ""));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
