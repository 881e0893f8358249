using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using ReplySearch.Core.Search;

namespace ReplySearch.Api.Endpoints;

/// <summary>One reply: to read it whole, marked, and to find the earlier replies like it.</summary>
public static class ReplyEndpoints
{
    public static IEndpointRouteBuilder MapReplyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/replies").WithTags("replies").RequireRateLimiting(SearchRateLimit.Policy).WithRateLimitProblem();

        api.MapGet("/{id}", Get)
            .WithName("GetReply")
            .WithSummary("The whole reply: every field, its sections and the clean text; with q, every match marked")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{id}/similar", Similar)
            .WithName("SimilarReplies")
            .WithSummary("The most similar replies, earlier ones first, each with the key terms it shares")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{id}/history", History)
            .WithName("ReplyHistory")
            .WithSummary("The reply's proposal thread (主办, 协办 and 会办 replies to the same proposal), each delegate's other proposals (newest first) and the same topic in other years (oldest first)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{id}/paragraphs", Paragraphs)
            .WithName("ReplyParagraphs")
            .WithSummary("Each paragraph of the reply with the replies that hold it near-verbatim (shingle Jaccard ≥ 0.6, found through MinHash bands), and whether it is boilerplate (a closing formula, or in 10 replies or more)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGet("/api/delegates/{name}", Delegate)
            .WithTags("replies")
            .RequireRateLimiting(SearchRateLimit.Policy)
            .WithName("Delegate")
            .WithSummary("A delegate's (or organisation's) replies by year, newest first, and the words their proposals are about")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Results<Ok<ReplyHistory>, ProblemHttpResult> History([Description("The reply's id.")] string id, IndexHost host)
    {
        if (host.Index is not { } index) return Problems.Starting(host);
        if (!Problems.IsId(id) || index.History(id) is not { } history) return Problems.NotFound(id);
        return TypedResults.Ok(history);
    }

    private static Results<Ok<IReadOnlyList<ParagraphReuse>>, ProblemHttpResult> Paragraphs([Description("The reply's id.")] string id, IndexHost host)
    {
        if (host.Index is not { } index) return Problems.Starting(host);
        if (!Problems.IsId(id) || index.Paragraphs(id) is not { } paragraphs) return Problems.NotFound(id);
        return TypedResults.Ok(paragraphs);
    }

    private static Results<Ok<DelegateProfile>, ProblemHttpResult> Delegate(
        [Description("The name as any reply writes it (崔文虎, 崔文虎代表, 崔文虎等).")] string name, IndexHost host)
    {
        if (host.Index is not { } index) return Problems.Starting(host);
        if (index.Delegate(name) is not { } profile) return TypedResults.Problem(title: "No such delegate", detail: $"No reply names '{name}'.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(profile);
    }

    private static Results<Ok<ReplyView>, ProblemHttpResult> Get(
        [Description("The reply's id, as search returns it.")] string id,
        [Description("A query whose matches are marked.")] string? q,
        IndexHost host)
    {
        if (host.Index is not { } index) return Problems.Starting(host);
        if (!Problems.IsId(id) || index.View(id, q) is not { } view) return Problems.NotFound(id);
        return TypedResults.Ok(view);
    }

    private static Results<Ok<IReadOnlyList<SimilarReply>>, ValidationProblem, ProblemHttpResult> Similar(
        [Description("The reply's id.")] string id,
        [Description("How many, an integer from 1 to 20 (default 5).")] string? size,
        IndexHost host)
    {
        if (SearchParameters.ReadSize(size, 5, 20, out var n) is { } errors) return Problems.BadParameters(errors);
        if (host.Index is not { } index) return Problems.Starting(host);
        if (!Problems.IsId(id) || index.Similar(id, n) is not { } similar) return Problems.NotFound(id);
        return TypedResults.Ok(similar);
    }
}
