using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReplySearch.Api;

/// <summary>
/// Searching is open on the intranet, so each client (by remote address) is limited three ways, all
/// answering 429 with Retry-After:
/// - by count: a fixed window of searches (ReplySearch:SearchPermitLimit per ReplySearch:SearchWindowSeconds);
/// - by concurrency: ReplySearch:SearchConcurrencyPerClient at once, a short queue behind them;
/// - by cost: <see cref="SearchCostLimiter"/>, each search charged its estimated cost.
/// Count and concurrency apply to every route of the "search" policy; cost, to the routes that run a query.
/// </summary>
public static class SearchRateLimit
{
    public const string Policy = "search";

    public static void Configure(RateLimiterOptions o)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(Policy, context =>
        {
            var options = Options(context);
            return RateLimitPartition.GetFixedWindowLimiter(Client(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, options.SearchPermitLimit),
                Window = TimeSpan.FromSeconds(Math.Max(1, options.SearchWindowSeconds)),
                QueueLimit = 0,
            });
        });
        // Runs before the policy: the routes of the search policy, per client, at most so many at once.
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != Policy)
                return RateLimitPartition.GetNoLimiter("");
            var options = Options(context);
            return RateLimitPartition.GetConcurrencyLimiter(Client(context), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Math.Max(1, options.SearchConcurrencyPerClient),
                QueueLimit = Math.Max(0, options.SearchQueuePerClient),
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        });
        o.OnRejected = async (context, cancel) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ServiceMetrics>().SearchRefused("rate");
            var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(title: "Too many searches", detail: "This client searched too often, or too many at once; try again after the Retry-After seconds.",
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
        };
    }

    /// <summary>The client a limit counts for: its remote address (forwarded headers are not trusted here).</summary>
    internal static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static ReplySearchOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<ReplySearchOptions>>().Value;

    /// <summary>Documents the 429 that every route of a rate-limited group may answer.</summary>
    public static RouteGroupBuilder WithRateLimitProblem(this RouteGroupBuilder group) =>
        group.WithMetadata(new Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata(
            StatusCodes.Status429TooManyRequests, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}

/// <summary>
/// Each client's searches draw their estimated cost (Core's QueryCost) from a token bucket of
/// ReplySearch:SearchCostLimit units, refilled every ReplySearch:SearchWindowSeconds. Ordinary searches cost
/// 1 and never notice; a client sending queries of hundreds of terms runs out and gets 429 with Retry-After,
/// so it cannot take the cores from everyone else. A query costing more than the whole bucket is charged the bucket.
/// </summary>
public sealed class SearchCostLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly int _limit;
    private readonly ServiceMetrics _metrics;

    public SearchCostLimiter(IOptions<ReplySearchOptions> options, ServiceMetrics metrics)
    {
        _metrics = metrics;
        var o = options.Value;
        _limit = Math.Max(1, o.SearchCostLimit);
        var period = TimeSpan.FromSeconds(Math.Max(1, o.SearchWindowSeconds));
        _buckets = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = _limit,
            TokensPerPeriod = _limit,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
        }));
    }

    /// <summary>Charges a search's cost to its client: null when granted, else the 429 to answer.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Charge(HttpContext context, int cost)
    {
        using var lease = _buckets.AttemptAcquire(SearchRateLimit.Client(context), Math.Clamp(cost, 1, _limit));
        if (lease.IsAcquired) return null;
        _metrics.SearchRefused("cost");
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Searches too expensive",
            detail: $"This client's searches cost more than {_limit} ordinary searches in the window (this one: {cost}); long OR lists and long numbers cost the most. Try again after the Retry-After seconds.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _buckets.Dispose();
}
