using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;
using ReplySearch.Tests.Browser;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Deployment;

/// <summary>
/// The service under /replysearch behind a real nginx running deploy/nginx.conf (issue #20): the service
/// with ReplySearch:PathBase=/replysearch and nginx's address as its only known proxy.
/// </summary>
public sealed class BehindNginxFixture : IAsyncLifetime
{
    public const string PathBase = "/replysearch";

    private ServiceProcess? _service;
    private NginxProcess? _nginx;

    public ServiceProcess Service => _service!;

    public NginxProcess Nginx => _nginx!;

    /// <summary>The page's address through nginx.</summary>
    public Uri Page => new(Nginx.BaseUri, PathBase.TrimStart('/') + "/");

    public async Task InitializeAsync()
    {
        try
        {
            _service = await ServiceProcess.StartAsync(Repo.Corpus, new Dictionary<string, string>
            {
                ["ReplySearch__PathBase"] = PathBase,
                ["ReplySearch__KnownProxies__0"] = "127.0.0.1",
            });
            _nginx = await NginxProcess.StartAsync(_service.BaseUri);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null) await _nginx.DisposeAsync();
        if (_service is not null) await _service.DisposeAsync();
    }
}

public class ReverseProxyTests(BehindNginxFixture proxied) : IClassFixture<BehindNginxFixture>
{
    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = proxied.Nginx.BaseUri };

    [Theory]
    [InlineData("replysearch/", "text/html")]
    [InlineData("replysearch/app.js", "text/javascript")]
    [InlineData("replysearch/app.css", "text/css")]
    [InlineData("replysearch/api/schema", "application/json")]
    [InlineData("replysearch/health", "application/json")]
    [InlineData("replysearch/openapi/v1.json", "application/json")]
    [InlineData("replysearch/scalar/v1", "text/html")]
    public async Task Every_part_of_the_service_is_served_under_the_path_base(string path, string mediaType)
    {
        using var client = Client();
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {proxied.Nginx.ErrorLog}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_search_through_the_proxy_finds_replies()
    {
        using var client = Client();
        var json = JsonDocument.Parse(await client.GetStringAsync("replysearch/api/search?q=" + Uri.EscapeDataString("产学研"))).RootElement;
        Assert.True(json.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task The_path_base_without_its_slash_redirects_to_the_page_under_the_prefix()
    {
        using var client = Client();
        var response = await client.GetAsync("replysearch?q=" + Uri.EscapeDataString("河长制"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/replysearch/?q=" + Uri.EscapeDataString("河长制"), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_problem_document_carries_the_prefix()
    {
        using var client = Client();
        var response = await client.GetAsync("replysearch/api/replies/0000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/replysearch/api/replies/0000000000000000", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task The_api_document_names_the_address_the_client_used_through_the_proxy()
    {
        using var client = Client();
        var doc = JsonDocument.Parse(await client.GetStringAsync("replysearch/openapi/v1.json")).RootElement;
        var server = doc.GetProperty("servers")[0].GetProperty("url").GetString();
        Assert.Equal(new Uri(proxied.Nginx.BaseUri, "replysearch").ToString(), server);
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_but_the_known_proxy_are_ignored()
    {
        // Straight to the service from 127.0.0.2, which is not nginx's address: its X-Forwarded-Host is not believed.
        using var direct = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = proxied.Service.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "replysearch/openapi/v1.json");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Prefix", "/evil");
        var doc = JsonDocument.Parse(await (await direct.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
        var server = doc.GetProperty("servers")[0].GetProperty("url").GetString()!;
        Assert.DoesNotContain("evil", server);
        Assert.EndsWith("/replysearch", server);
    }
}

/// <summary>The page through nginx in Chromium: every request it makes stays under the prefix.</summary>
public class ReverseProxyPageTests(BehindNginxFixture proxied) : IClassFixture<BehindNginxFixture>, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.Launch(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Fact]
    public async Task The_page_searches_and_opens_a_reply_under_the_prefix()
    {
        var page = await _browser!.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        var failed = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400) failed.Add($"{r.Status} {r.Url}"); };
        await page.GotoAsync(new Uri(proxied.Page, "?q=" + Uri.EscapeDataString("产学研")).ToString());
        await page.Locator(".hit").First.WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator(".hit").First.ClickAsync();
        await page.Locator("#reader").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 15_000 });
        Assert.Empty(failed);
        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.StartsWith(proxied.Page.ToString(), url));
    }
}
