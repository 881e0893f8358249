using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Api.Endpoints;

/// <summary>Searching: ranked hits, trends over time, completions and CSV export.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("search").RequireRateLimiting(SearchRateLimit.Policy).WithRateLimitProblem();

        api.MapGet("/search", Search)
            .WithName("Search")
            .WithSummary("Ranked, highlighted, faceted search")
            .WithDescription("The same JSON as `replysearch search --json`: total, hits with snippets (matches in <mark>), facets over all hits, and tookMs.")
            .WithSearchParameters(paged: true)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/trend", Trend)
            .WithName("Trend")
            .WithSummary("Matching replies and occurrences per year (and per agency on request)")
            .WithSearchParameters(paged: false)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/suggest", Suggest)
            .WithName("Suggest")
            .WithSummary("Completions for the search box from agencies, delegates, proposal titles and frequent words")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/draft", Draft)
            .WithName("Draft")
            .WithSummary("The drafting helper: for a new proposal's text (or title), the most similar earlier replies and the paragraphs most worth reusing, the given agency's first")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/commitments", Commitments)
            .WithName("Commitments")
            .WithSummary("What replies promised to do (承诺事项: 下一步…将…, 计划于…前, 力争…, 年底前完成…), newest reply first, with the deadline each states")
            .WithDescription("The filters choose the replies; q's words are looked for in each commitment's own text (words ANDed, OR, -word). total counts commitments, not replies.")
            .WithSearchParameters(paged: true, SearchRequestParser.Sort, SearchRequestParser.Scope)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/commitments.csv", ExportCommitments)
            .WithName("ExportCommitments")
            .WithSummary("Every commitment of a query as CSV (UTF-8 with a BOM, for Excel): id, title, agency, year, date, kind, handlingRole, section, due, dueText, text")
            .WithSearchParameters(paged: false, SearchRequestParser.Sort, SearchRequestParser.Scope)
            .Produces<string>(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/schema", Schema)
            .WithName("Schema")
            .WithSummary("The fields replies are filtered and faceted on, with their labels, parameters and query-language names: what the search page builds its filters from");

        api.MapGet("/export.csv", Export)
            .WithName("Export")
            .WithSummary("Every hit of a query as CSV (UTF-8 with a BOM, for Excel)")
            .WithSearchParameters(paged: false)
            .Produces<string>(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Results<Ok<SearchResult>, ValidationProblem, ProblemHttpResult> Search(
        HttpRequest http, IndexHost host, IOptions<ReplySearchOptions> options, ILoggerFactory logs, SearchCostLimiter costs, ServiceMetrics metrics)
    {
        if (SearchParameters.Read(http, paged: true, out var errors) is not { } request) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        if (costs.Charge(http.HttpContext, index.SearchCost(request)) is { } tooExpensive) return tooExpensive;
        if (options.Value.LogQueries) logs.CreateLogger("ReplySearch.Queries").LogInformation("Search {Query}", request.Query);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = index.Search(request);
            metrics.SearchAnswered(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return TypedResults.Ok(result);
        }
        catch (SearchTimeoutException e)
        {
            return TypedResults.Problem(title: "Search timed out", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static Results<Ok<TrendResult>, ValidationProblem, ProblemHttpResult> Trend(
        HttpRequest http,
        [Description("Also count per agency (by=agency).")] string? by,
        IndexHost host, SearchCostLimiter costs)
    {
        if (SearchParameters.Read(http, paged: false, out var errors) is not { } request) return Problems.BadParameters(errors);
        if (by is not (null or "" or "year" or "agency")) return Problems.BadParameters(new() { ["by"] = [$"'{by}' is not year or agency"] });
        if (host.Index is not { } index) return Problems.Starting(host);
        if (costs.Charge(http.HttpContext, index.SearchCost(request)) is { } tooExpensive) return tooExpensive;
        return TypedResults.Ok(index.Trend(request, by == "agency"));
    }

    private static Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem, ProblemHttpResult> Suggest(
        [Description("What the user has typed so far.")] string? prefix,
        [Description("How many completions, an integer from 1 to 20 (default 8).")] string? size,
        IndexHost host)
    {
        if (SearchParameters.ReadSize(size, 8, 20, out var n) is { } errors) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        var text = (prefix ?? "").Trim();
        if (text.Length > 50) text = text[..50];
        return TypedResults.Ok(index.Suggest(text, n));
    }

    /// <summary>What a draft costs against the client's search budget: about ten searches' work (one search, ten replies read and split).</summary>
    private const int DraftCost = 10;

    private static Results<Ok<DraftResult>, ValidationProblem, ProblemHttpResult> Draft(DraftRequest request, IndexHost host, HttpContext context, SearchCostLimiter costs)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0) return Problems.BadParameters(new() { ["text"] = ["paste the new proposal's text or title"] });
        if (text.Length > DraftHelper.MaxTextLength) return Problems.BadParameters(new() { ["text"] = [$"at most {DraftHelper.MaxTextLength:N0} characters ({text.Length:N0} sent)"] });
        if (host.Index is not { } index) return Problems.Starting(host);
        if (costs.Charge(context, DraftCost) is { } tooExpensive) return tooExpensive;
        return TypedResults.Ok(index.Draft(text, request.Agency));
    }

    private static Results<Ok<CommitmentPage>, ValidationProblem, ProblemHttpResult> Commitments(HttpRequest http, IndexHost host, SearchCostLimiter costs)
    {
        if (SearchParameters.Read(http, paged: true, out var errors) is not { } request) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        if (costs.Charge(http.HttpContext, index.SearchCost(request)) is { } tooExpensive) return tooExpensive;
        return TypedResults.Ok(index.Commitments(request));
    }

    private static IResult ExportCommitments(HttpRequest http, IndexHost host, IOptions<ReplySearchOptions> options, HttpContext context, SearchCostLimiter costs)
    {
        if (SearchParameters.Read(http, paged: false, out var errors) is not { } request) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        if (costs.Charge(context, index.SearchCost(request)) is { } tooExpensive) return tooExpensive;
        var csv = new StringWriter();
        var limit = options.Value.ExportLimit;
        var rows = CsvExport.WriteCommitments(csv, write => index.EachCommitment(request, limit, write));
        if (rows >= limit) context.Response.Headers["X-Export-Truncated"] = $"first {rows} rows; narrow the query for the rest";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", "replysearch-commitments.csv");
    }

    private static Ok<SchemaInfo> Schema() => TypedResults.Ok(SchemaInfo.Current);

    private static IResult Export(HttpRequest http, IndexHost host, IOptions<ReplySearchOptions> options, HttpContext context, SearchCostLimiter costs)
    {
        // Paging does not apply to an export: it writes every hit.
        if (SearchParameters.Read(http, paged: false, out var errors) is not { } request) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        if (costs.Charge(context, index.SearchCost(request)) is { } tooExpensive) return tooExpensive;
        var csv = new StringWriter();
        var rows = index.ExportCsv(request, options.Value.ExportLimit, csv);
        if (rows >= options.Value.ExportLimit) context.Response.Headers["X-Export-Truncated"] = $"first {rows} rows; narrow the query for the rest";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", "replysearch-export.csv");
    }
}

/// <summary>The body of POST /api/draft: a new proposal's text or title, pasted, and optionally the agency drafting the reply (its paragraphs rank first).</summary>
public sealed record DraftRequest(string? Text, string? Agency);

/// <summary>The answer of GET /api/schema: the field table as front ends need it.</summary>
/// <param name="Fields">Every field, in the order of facets in a result.</param>
/// <param name="Parameters">The search parameters, in the order the API documents them.</param>
public sealed record SchemaInfo(IReadOnlyList<SchemaField> Fields, IReadOnlyList<string> Parameters)
{
    public static readonly SchemaInfo Current = new(
        [.. FieldTable.All.Select(f => new SchemaField(f.Name, f.Label, f.Description, f.Filter, f.Facet, f.Aliases, f.Csv?.Header))],
        [.. SearchRequestParser.Parameters.Select(p => p.Name)]);
}

/// <summary>One field: its name (facet key and API parameter), label, how it filters and facets (null: it does not), its query-language names and its CSV column.</summary>
public sealed record SchemaField(string Name, string Label, string Description, FilterMatch? Filter, FacetOrder? Facet, IReadOnlyList<string> Aliases, string? CsvColumn);
