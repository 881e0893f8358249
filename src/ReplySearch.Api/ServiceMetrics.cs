using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Options;

namespace ReplySearch.Api;

/// <summary>
/// The service's own measurements, exported with ASP.NET Core's (requests by route, rate limiting) at
/// GET /metrics in Prometheus text format through OpenTelemetry. Names as Prometheus shows them:
/// - replysearch_replies: replies in the index;
/// - replysearch_index_size_bytes: the index folder on disk;
/// - replysearch_index_last_commit_seconds: when the index was last committed (Unix time);
/// - replysearch_indexing_done / replysearch_indexing_total: files of the current or last indexing run;
/// - replysearch_indexing_failed: files the last run could not read;
/// - replysearch_search_duration_seconds: time to answer a search (histogram);
/// - replysearch_searches_refused_total{reason}: searches refused by a per-client limit (rate, concurrency, cost).
/// The meter comes from the host's IMeterFactory: one per service, no process-wide state of ours.
/// </summary>
public sealed class ServiceMetrics
{
    public const string MeterName = "ReplySearch";

    private readonly Histogram<double> _searchDuration;
    private readonly Counter<long> _refused;

    public ServiceMetrics(IMeterFactory meters, IndexHost host)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("replysearch.replies", () => host.Index?.Count ?? 0, description: "Replies in the index.");
        meter.CreateObservableGauge("replysearch.index.size", () => FolderBytes(host.IndexPath), unit: "By", description: "The index folder on disk.");
        meter.CreateObservableGauge("replysearch.index.last_commit", () => LastCommit(host.IndexPath), unit: "s", description: "When the index was last committed, in seconds since 1970 (0: never).");
        meter.CreateObservableGauge("replysearch.indexing.done", () => host.Indexing?.Done ?? 0, description: "Files read by the current or last indexing run.");
        meter.CreateObservableGauge("replysearch.indexing.total", () => host.Indexing?.Total ?? 0, description: "Files found by the current or last indexing run.");
        meter.CreateObservableGauge("replysearch.indexing.failed", () => host.LastReport?.Failed.Count ?? 0, description: "Files the last indexing run could not read.");
        _searchDuration = meter.CreateHistogram<double>("replysearch.search.duration", unit: "s", description: "Time to answer a search.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2] });
        _refused = meter.CreateCounter<long>("replysearch.searches.refused", description: "Searches refused by a per-client limit.");
    }

    public void SearchAnswered(TimeSpan took) => _searchDuration.Record(took.TotalSeconds);

    /// <summary>A refusal by a limit: "rate" (count or concurrency, from the rate limiter) or "cost".</summary>
    public void SearchRefused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private static long FolderBytes(string path)
    {
        try
        {
            return Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles().Sum(f => f.Length) : 0;
        }
        catch (IOException)
        {
            return 0; // a file merged away while counting: the next scrape counts again
        }
    }

    private static double LastCommit(string path)
    {
        try
        {
            var newest = Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("segments_*").Select(f => f.LastWriteTimeUtc).DefaultIfEmpty().Max() : default;
            return newest == default ? 0 : (newest - DateTime.UnixEpoch).TotalSeconds;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>
/// GET /metrics answers only the addresses (or networks) in ReplySearch:MetricsAllowedFrom, when set; others
/// get 403. Unset, it answers everyone, like /health.
/// </summary>
public static class MetricsAccess
{
    public const string Path = "/metrics";

    public static IApplicationBuilder UseMetricsAccess(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(Path))
        {
            var allowed = context.RequestServices.GetRequiredService<IOptions<ReplySearchOptions>>().Value.MetricsAllowedFrom;
            if (allowed is { Length: > 0 } && !Allows(allowed, context.Connection.RemoteIpAddress))
            {
                await TypedResults.Problem(title: "Forbidden", detail: "The metrics answer only the addresses in ReplySearch:MetricsAllowedFrom.",
                    statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });

    public static bool Allows(IEnumerable<string> allowed, IPAddress? client)
    {
        if (client is null) return false;
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        foreach (var entry in allowed.Select(a => a.Trim()))
        {
            if (IPAddress.TryParse(entry, out var address) && address.Equals(client)) return true;
            if (System.Net.IPNetwork.TryParse(entry, out var network) && network.Contains(client)) return true;
        }
        return false;
    }
}
