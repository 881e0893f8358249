using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Deployment;

/// <summary>GET /metrics in Prometheus text format from the real service (issue #20).</summary>
public class MetricsTests
{
    /// <summary>The samples of a metric (the name exactly, any labels) whose labels contain every given pair.</summary>
    private static List<double> Samples(string text, string name, params string[] labels) =>
        text.Split('\n')
            .Select(line => Regex.Match(line, $@"^{Regex.Escape(name)}(\{{(?<labels>[^}}]*)\}})?\s+(?<value>\S+)"))
            .Where(m => m.Success && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();

    [Fact]
    public async Task The_metrics_show_the_index_the_searches_by_route_and_the_refusals()
    {
        await using var service = await ServiceProcess.StartAsync(Repo.Corpus, new Dictionary<string, string>
        {
            ["ReplySearch__SearchPermitLimit"] = "3",
            ["ReplySearch__SearchWindowSeconds"] = "60",
        });
        using var client = new HttpClient { BaseAddress = service.BaseUri };
        var replies = JsonDocument.Parse(await client.GetStringAsync("health")).RootElement.GetProperty("replies").GetInt32();
        for (var i = 0; i < 4; i++) await client.GetAsync("api/search?q=" + Uri.EscapeDataString("产学研"));

        var response = await client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal([replies], Samples(text, "replysearch_replies"));
        Assert.True(Samples(text, "replysearch_index_size_bytes").Single() > 0);
        var committed = DateTime.UnixEpoch.AddSeconds(Samples(text, "replysearch_index_last_commit_seconds").Single());
        Assert.InRange(committed, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(Samples(text, "replysearch_indexing_total").Single(), Samples(text, "replysearch_indexing_done").Single());
        Assert.Equal([0.0], Samples(text, "replysearch_indexing_failed"));
        Assert.Equal([3.0], Samples(text, "replysearch_search_duration_seconds_count"));
        Assert.Equal([1.0], Samples(text, "replysearch_searches_refused_total", "reason=\"rate\""));
        // Requests by route, with their status, from ASP.NET Core's own measurements.
        Assert.Equal(3.0, Samples(text, "http_server_request_duration_seconds_count", "http_route=\"/api/search\"", "http_response_status_code=\"200\"").Sum());
        Assert.Equal(1.0, Samples(text, "http_server_request_duration_seconds_count", "http_route=\"/api/search\"", "http_response_status_code=\"429\"").Sum());
    }

    [Theory]
    [InlineData("10.0.0.0/8", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("127.0.0.0/8", HttpStatusCode.OK)]
    public async Task The_metrics_answer_only_the_configured_addresses(string allowed, HttpStatusCode expected)
    {
        await using var service = await ServiceProcess.StartAsync(Repo.Corpus, new Dictionary<string, string>
        {
            ["ReplySearch__MetricsAllowedFrom__0"] = allowed,
        });
        using var client = new HttpClient { BaseAddress = service.BaseUri };
        Assert.Equal(expected, (await client.GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health")).StatusCode);
    }
}
