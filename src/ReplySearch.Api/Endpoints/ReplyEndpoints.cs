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
        return app;
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
