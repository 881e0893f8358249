using System.Net;
using System.Text.Json;
using ReplySearch.Tests.Support;

namespace ReplySearch.SystemTests.Api;

/// <summary>One real service over the seed reply, with an API key, for the tests of the class.</summary>
public sealed class SeedServiceFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public ServiceProcess Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var corpus = _dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        File.Copy(Repo.Seed, Path.Combine(corpus, Path.GetFileName(Repo.Seed)));
        Service = await ServiceProcess.StartAsync(corpus, new Dictionary<string, string> { ["ReplySearch__ApiKeys__0"] = "gate-key" });
    }

    public async Task DisposeAsync()
    {
        if (Service is not null) await Service.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>The real server's limits (issue #22, items 5 and 11): Kestrel, not the test host.</summary>
public class KestrelLimitTests(SeedServiceFixture fixture) : IClassFixture<SeedServiceFixture>
{
    [Fact]
    public async Task A_query_of_a_thousand_chinese_characters_reaches_the_service_not_a_414()
    {
        var service = fixture.Service;
        using var client = new HttpClient { BaseAddress = service.BaseUri };
        // 1,000 characters is the query language's cap; percent-encoded it is 9,000 bytes of request line.
        var query = string.Concat(Enumerable.Repeat("科技创新驱动发展", 125));
        var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.TryGetProperty("total", out _));
    }

    [Theory]
    [InlineData(2_000)]  // 18 KB: over the service's limit, under Kestrel's
    [InlineData(20_000)] // 180 KB: a long pasted text, still answered by the service
    public async Task A_longer_query_gets_a_414_problem_document_not_a_bare_one(int characters)
    {
        var service = fixture.Service;
        using var client = new HttpClient { BaseAddress = service.BaseUri };
        var query = string.Concat(Enumerable.Repeat("科技创新驱动发展", characters / 8));
        var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(414, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_upload_without_a_key_is_refused_before_its_body_is_read()
    {
        var service = fixture.Service;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(service.BaseUri.Host, service.BaseUri.Port);
        var stream = tcp.GetStream();
        // Announce a 10 MB upload and send only its first bytes: an answer can come only if nobody waits for the rest.
        var head = "POST /api/replies HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            + "Content-Length: 10485760\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.txt\"\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var buffer = new byte[512];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("HTTP/1.1 401", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
    }
}
