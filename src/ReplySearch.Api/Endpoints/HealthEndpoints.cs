using Microsoft.AspNetCore.Http.HttpResults;

namespace ReplySearch.Api.Endpoints;

/// <summary>What the index is doing: "starting" while it is being built or opened, then "ok" (or "failed").</summary>
public sealed record Health(IndexState Status, int? Replies, string? Error);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Get)
            .WithTags("health")
            .WithName("Health")
            .WithSummary("\"starting\" (503) until the index is open, then \"ok\" (200)")
            .Produces<Health>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Results<Ok<Health>, JsonHttpResult<Health>> Get(IndexHost host) => host.Index is { } index
        ? TypedResults.Ok(new Health(IndexState.Ok, index.Count, null))
        : TypedResults.Json(new Health(host.State, null, host.Error), statusCode: StatusCodes.Status503ServiceUnavailable);
}
