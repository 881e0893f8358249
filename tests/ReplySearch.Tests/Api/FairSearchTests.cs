using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReplySearch.Api;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>
/// Expensive queries cannot starve other clients (issue #22, item 4): searches are limited per client by
/// cost and by concurrency, besides count. That this keeps others fast is shown by
/// <c>replysearch loadtest --adversarial</c>; these tests check that the limits are applied.
/// </summary>
public class FairSearchTests(WritableApiFixture api) : IClassFixture<WritableApiFixture>
{
    /// <summary>The attack of the review: 32 OR-ed 26-digit numbers, each a phrase of 25 grams.</summary>
    internal static string Expensive(int seed)
    {
        var random = new Random(seed);
        return string.Join(" OR ", Enumerable.Range(0, 32).Select(_ => string.Concat(Enumerable.Range(0, 26).Select(_ => (char)('0' + random.Next(10))))));
    }

    [Fact]
    public async Task A_client_whose_searches_cost_too_much_gets_429_while_ordinary_searches_still_fit()
    {
        // A budget of one expensive search and a little more: the second expensive one is over it.
        await api.ReadyClient();
        var cost = api.Services.GetRequiredService<IndexHost>().Index!.SearchCost(new SearchRequest { Query = Expensive(1) });
        using var dir = new TempDir();
        await using var limited = api.WithWebHostBuilder(b => b
            .UseSetting("ReplySearch:IndexPath", dir.Combine("index"))
            .UseSetting("ReplySearch:SearchCostLimit", (cost + 10).ToString())
            .UseSetting("ReplySearch:SearchWindowSeconds", "60"));
        var client = limited.CreateClient();
        await Health.WaitUntilHealthy(client);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(Expensive(1)))).StatusCode);
        var refused = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(Expensive(2)));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(429, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        // The count limit is far away: an ordinary search still fits in what is left of the budget.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=" + Uri.EscapeDataString("产学研"))).StatusCode);
        // The trend and the export run queries too, and are charged the same way.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/trend?q=" + Uri.EscapeDataString(Expensive(3)))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/export.csv?q=" + Uri.EscapeDataString(Expensive(4)))).StatusCode);
    }

    [Fact]
    public async Task Ordinary_searches_are_never_refused_by_cost_under_the_count_limit()
    {
        // The default budget holds a whole window of ordinary searches (300 a second) of the page's kind.
        using var dir = new TempDir();
        await using var defaults = api.WithWebHostBuilder(b => b
            .UseSetting("ReplySearch:IndexPath", dir.Combine("index"))
            .UseSetting("ReplySearch:SearchCostLimit", new ReplySearchOptions().SearchCostLimit.ToString())
            .UseSetting("ReplySearch:SearchWindowSeconds", "60")
            .UseSetting("ReplySearch:SearchPermitLimit", "1000"));
        var client = defaults.CreateClient();
        await Health.WaitUntilHealthy(client);
        string[] queries = ["产学研", "科技", "科技型中小企业", "乡村振兴 产业 发展", "王建国", "year:2021..2023 教育", "第91号"];
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 210; i++) codes.Add((await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(queries[i % queries.Length]))).StatusCode);
        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c));
    }

    private static (PartitionedRateLimiter<HttpContext> Limiter, Func<string, bool, HttpContext> Context) GlobalLimiter(int concurrency, int queue)
    {
        var options = new RateLimiterOptions();
        SearchRateLimit.Configure(options);
        var services = new ServiceCollection()
            .AddSingleton(Options.Create(new ReplySearchOptions { SearchConcurrencyPerClient = concurrency, SearchQueuePerClient = queue }))
            .BuildServiceProvider();
        var search = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new EnableRateLimitingAttribute(SearchRateLimit.Policy)), "search");
        var other = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "health");
        HttpContext Context(string client, bool isSearch)
        {
            var context = new DefaultHttpContext { RequestServices = services };
            context.Connection.RemoteIpAddress = IPAddress.Parse(client);
            context.SetEndpoint(isSearch ? search : other);
            return context;
        }
        return (options.GlobalLimiter!, Context);
    }

    [Fact]
    public void One_client_runs_at_most_its_share_of_searches_at_once_and_others_are_not_held_up()
    {
        var (limiter, context) = GlobalLimiter(concurrency: 1, queue: 0);
        using var first = limiter.AttemptAcquire(context("10.0.0.1", true));
        Assert.True(first.IsAcquired);
        using (var second = limiter.AttemptAcquire(context("10.0.0.1", true))) Assert.False(second.IsAcquired);
        using (var otherClient = limiter.AttemptAcquire(context("10.0.0.2", true))) Assert.True(otherClient.IsAcquired);
        using (var health = limiter.AttemptAcquire(context("10.0.0.1", false))) Assert.True(health.IsAcquired);
        first.Dispose();
        using var afterwards = limiter.AttemptAcquire(context("10.0.0.1", true));
        Assert.True(afterwards.IsAcquired);
    }

    [Fact]
    public async Task A_search_beyond_the_clients_share_waits_in_its_queue_rather_than_failing()
    {
        var (limiter, context) = GlobalLimiter(concurrency: 1, queue: 1);
        using var first = limiter.AttemptAcquire(context("10.0.0.1", true));
        var waiting = limiter.AcquireAsync(context("10.0.0.1", true)).AsTask();
        using (var third = await limiter.AcquireAsync(context("10.0.0.1", true))) Assert.False(third.IsAcquired); // the queue is full
        Assert.False(waiting.IsCompleted);
        first.Dispose();
        using var granted = await waiting;
        Assert.True(granted.IsAcquired);
    }
}

/// <summary>The cost estimate on the corpus: ordinary searches cost a few units, the attack of the review many.</summary>
[Collection(CorpusIndexCollection.Name)]
public class QueryCostTests(CorpusIndexFixture corpus)
{
    [Theory]
    [InlineData("产学研")]
    [InlineData("科技型中小企业")]
    [InlineData("乡村振兴 产业 发展")]
    [InlineData("year:2021..2023 教育")]
    [InlineData("agency:潍坊 王建国")]
    public void An_ordinary_search_costs_a_few_units(string query) =>
        Assert.InRange(corpus.Index.SearchCost(new SearchRequest { Query = query }), 1, 8);

    [Fact]
    public void Long_or_lists_of_long_numbers_cost_tens_of_ordinary_searches()
    {
        var full = corpus.Index.SearchCost(new SearchRequest { Query = FairSearchTests.Expensive(1) });
        Assert.True(full >= 100, $"{full}");
        // The cost follows the terms: half the list, about half the cost.
        var half = string.Join(" OR ", FairSearchTests.Expensive(1).Split(" OR ").Take(16));
        Assert.InRange(corpus.Index.SearchCost(new SearchRequest { Query = half }), (int)(full * 0.4), (int)(full * 0.6));
    }
}
