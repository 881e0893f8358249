using System.Net;
using System.Text.Json;
using ReplySearch.Tests.Support;

namespace ReplySearch.SystemTests.Api;

/// <summary>The real server's limits against the query language's (issue #22, item 11): Kestrel, not the test host.</summary>
public class KestrelLimitTests
{
    [Fact]
    public async Task A_query_of_a_thousand_chinese_characters_reaches_the_service_not_a_414()
    {
        using var dir = new TempDir();
        var corpus = dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        File.Copy(Repo.Seed, Path.Combine(corpus, Path.GetFileName(Repo.Seed)));
        await using var service = await ServiceProcess.StartAsync(corpus);
        using var client = new HttpClient { BaseAddress = service.BaseUri };
        // 1,000 characters is the query language's cap; percent-encoded it is 9,000 bytes of request line.
        var query = string.Concat(Enumerable.Repeat("科技创新驱动发展", 125));
        var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.TryGetProperty("total", out _));
    }
}
