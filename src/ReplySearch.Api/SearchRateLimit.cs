using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReplySearch.Api;

/// <summary>
/// Searching is open on the intranet, so each client (by remote address) gets a fixed window of searches
/// (ReplySearch:SearchPermitLimit per ReplySearch:SearchWindowSeconds); beyond it, 429 with Retry-After.
/// </summary>
public static class SearchRateLimit
{
    public const string Policy = "search";

    public static void Configure(RateLimiterOptions o)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(Policy, context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<ReplySearchOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, options.SearchPermitLimit),
                Window = TimeSpan.FromSeconds(Math.Max(1, options.SearchWindowSeconds)),
                QueueLimit = 0,
            });
        });
        o.OnRejected = async (context, cancel) =>
        {
            var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(title: "Too many searches", detail: "This client searched too often; try again after the Retry-After seconds.",
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
        };
    }

    /// <summary>Documents the 429 that every route of a rate-limited group may answer.</summary>
    public static RouteGroupBuilder WithRateLimitProblem(this RouteGroupBuilder group) =>
        group.WithMetadata(new Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata(
            StatusCodes.Status429TooManyRequests, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}
