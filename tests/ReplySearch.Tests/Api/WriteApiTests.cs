using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReplySearch.Api;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>A service over its own copy of the corpus (writes change it), with one API key and a small upload limit.</summary>
public sealed class WritableApiFixture : WebApplicationFactory<IndexHost>
{
    public const string Key = "test-key-0123456789";
    public const long UploadLimit = 64 * 1024;
    private readonly TempDir _dir = new();

    public string Corpus { get; }

    public WritableApiFixture()
    {
        Corpus = _dir.Combine("corpus");
        Directory.CreateDirectory(Corpus);
        foreach (var f in Directory.GetFiles(Repo.Corpus)) File.Copy(f, Path.Combine(Corpus, Path.GetFileName(f)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ReplySearch:CorpusPath", Corpus);
        builder.UseSetting("ReplySearch:IndexPath", _dir.Combine("index"));
        builder.UseSetting("ReplySearch:ApiKeys:0", Key);
        builder.UseSetting("ReplySearch:MaxUploadBytes", UploadLimit.ToString());
        builder.UseSetting("ReplySearch:SearchPermitLimit", "100000");
        builder.UseSetting("ReplySearch:SearchCostLimit", "100000000");
        builder.UseSetting("ReplySearch:SearchConcurrencyPerClient", "64");
        builder.UseSetting("ReplySearch:BackupPath", _dir.Combine("backups"));
    }

    public async Task<HttpClient> ReadyClient(string? key = Key)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        await Health.WaitUntilHealthy(client);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }
}

public class WriteApiTests(WritableApiFixture api) : IClassFixture<WritableApiFixture>
{
    private static MultipartFormDataContent Upload(string fileName, string text) => Upload(fileName, Encoding.UTF8.GetBytes(text));

    private static MultipartFormDataContent Upload(string fileName, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return new MultipartFormDataContent { { content, "file", fileName } };
    }

    private static string Reply(string word) => SmallIndex.Reply("关于第77号建议的答复", $"今年我们推进了{word}工作，成效明显。");

    private static async Task<int> Total(HttpClient client, string q) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(q))).RootElement.GetProperty("total").GetInt32();

    public static TheoryData<string, string> WriteRoutes() => new()
    {
        { "POST", "/api/replies" },
        { "PUT", "/api/replies/0b9c8183448b990d" },
        { "DELETE", "/api/replies/0b9c8183448b990d" },
        { "POST", "/api/reindex" },
        { "POST", "/api/backup" },
    };

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task Every_write_needs_a_key_401_without_403_with_a_wrong_one(string method, string url)
    {
        foreach (var (key, status) in new[] { ((string?)null, HttpStatusCode.Unauthorized), ("wrong-key", HttpStatusCode.Forbidden), (WritableApiFixture.Key[..^1], HttpStatusCode.Forbidden) })
        {
            var client = await api.ReadyClient(key);
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT") request.Content = Upload("x.txt", Reply("甲"));
            var response = await client.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.NotNull(await (await api.ReadyClient()).GetStringAsync("/api/replies/0b9c8183448b990d")); // nothing changed
    }

    [Fact]
    public async Task Upload_replace_and_delete_are_searchable_when_the_call_returns()
    {
        var client = await api.ReadyClient();
        var created = await client.PostAsync("/api/replies", Upload("独角兽.txt", Reply("独角兽孵化")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/replies/{id}", created.Headers.Location?.ToString());
        Assert.Equal("uploads/独角兽.txt", body.GetProperty("source").GetString());
        Assert.Equal("潍坊市科学技术局", body.GetProperty("document").GetProperty("agency").GetString());
        Assert.True(body.GetProperty("document").GetProperty("warnings").GetArrayLength() > 0); // no 文号: a warning
        Assert.Equal(1, await Total(client, "独角兽孵化"));
        Assert.True(File.Exists(Path.Combine(api.Corpus, "uploads", "独角兽.txt")));

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/replies", Upload("独角兽.txt", Reply("别的")))).StatusCode);

        var replaced = await client.PutAsync($"/api/replies/{id}", Upload("whatever.txt", Reply("瞪羚企业")));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(0, await Total(client, "独角兽孵化"));
        Assert.Equal(1, await Total(client, "瞪羚企业"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/replies/{id}")).StatusCode);
        Assert.Equal(0, await Total(client, "瞪羚企业"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/replies/{id}")).StatusCode);
        Assert.False(File.Exists(Path.Combine(api.Corpus, "uploads", "独角兽.txt")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/replies/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_unreadable_upload_is_422_and_leaves_nothing_behind()
    {
        var client = await api.ReadyClient();
        var response = await client.PostAsync("/api/replies", Upload("binary.txt", [0, 1, 2, 3, 0, 0, 255, 0, 7, 0]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("binary", await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(Path.Combine(api.Corpus, "uploads", "binary.txt")));
    }

    [Fact]
    public async Task A_broken_docx_upload_is_422_leaves_nothing_and_the_next_reindex_works()
    {
        var client = await api.ReadyClient();
        // document.xml with an unclosed element: the XML reader's exception was a 500 and a file left behind.
        var broken = BrokenDocxTests.Docx("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>");
        var response = await client.PostAsync("/api/replies", Upload("坏文件.docx", broken));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not a readable .docx", await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(Path.Combine(api.Corpus, "uploads", "坏文件.docx")));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/reindex", null)).StatusCode);

        // Over an existing reply, the old version stays on disk and in the index.
        var created = await client.PostAsync("/api/replies", Upload("保留旧版.txt", Reply("旧版保留词")));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var before = await File.ReadAllBytesAsync(Path.Combine(api.Corpus, "uploads", "保留旧版.txt"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PutAsync($"/api/replies/{id}", Upload("保留旧版.docx", broken))).StatusCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(api.Corpus, "uploads", "保留旧版.txt")));
        Assert.Equal(1, await Total(client, "旧版保留词"));
    }

    [Fact]
    public async Task A_title_too_long_for_a_file_name_is_shortened_not_a_500()
    {
        var client = await api.ReadyClient();
        var title = string.Concat(Enumerable.Repeat("关于加快推进城乡融合发展的建议答复", 6)) + ".txt"; // 96 characters, 288 bytes
        var response = await client.PostAsync("/api/replies", Upload(title, Reply("超长文件名保存")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var source = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("source").GetString()!;
        var name = Path.GetFileName(source);
        Assert.EndsWith(".txt", name);
        Assert.True(Encoding.UTF8.GetByteCount(name) <= 255);
        Assert.True(File.Exists(Path.Combine(api.Corpus, "uploads", name)));
        Assert.Equal(1, await Total(client, "超长文件名保存"));
    }

    [Theory]
    [InlineData("README.txt")]
    [InlineData("readme-2024.md")]
    public async Task A_readme_name_is_refused_because_the_indexer_never_reads_it(string name)
    {
        var client = await api.ReadyClient();
        var response = await client.PostAsync("/api/replies", Upload(name, Reply("说明文件")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("README", await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(Path.Combine(api.Corpus, "uploads", name)));
    }

    [Fact]
    public async Task A_symlink_in_the_corpus_to_a_file_outside_is_neither_indexed_nor_written_through()
    {
        var client = await api.ReadyClient();
        using var outside = new TempDir();
        var secret = outside.Combine("secret.txt");
        await File.WriteAllTextAsync(secret, Reply("外部机密词"));
        Directory.CreateDirectory(Path.Combine(api.Corpus, "uploads"));
        var link = Path.Combine(api.Corpus, "uploads", "link.txt");
        File.CreateSymbolicLink(link, secret);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/reindex", null)).StatusCode);
            Assert.Equal(0, await Total(client, "外部机密词"));
            Assert.Equal(Reply("外部机密词"), await File.ReadAllTextAsync(secret));
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413()
    {
        var client = await api.ReadyClient();
        var big = Reply(new string('科', (int)WritableApiFixture.UploadLimit));
        var response = await client.PostAsync("/api/replies", Upload("big.txt", big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("../../escape.txt", "uploads/escape.txt")]
    [InlineData("..\\..\\windows.txt", "uploads/windows.txt")]
    [InlineData("/etc/passwd.txt", "uploads/passwd.txt")]
    public async Task An_upload_name_cannot_leave_the_corpus(string name, string expected)
    {
        var client = await api.ReadyClient();
        var response = await client.PostAsync("/api/replies", Upload(name, Reply("路径" + expected.Length)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(expected, body.GetProperty("source").GetString());
        Assert.True(File.Exists(Path.Combine(api.Corpus, expected)));
        await client.DeleteAsync("/api/replies/" + body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reindex_applies_only_the_changes_in_the_folder()
    {
        var client = await api.ReadyClient();
        var path = Path.Combine(api.Corpus, "added-directly.txt");
        await File.WriteAllTextAsync(path, Reply("白鹭湿地"));
        try
        {
            var r = JsonDocument.Parse(await (await client.PostAsync("/api/reindex", null)).Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(1, r.GetProperty("indexed").GetInt32());
            Assert.Equal(0, r.GetProperty("removed").GetInt32());
            Assert.Equal(1, await Total(client, "白鹭湿地"));
        }
        finally
        {
            File.Delete(path);
            var r = JsonDocument.Parse(await (await client.PostAsync("/api/reindex", null)).Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(1, r.GetProperty("removed").GetInt32());
        }
    }

    [Fact]
    public async Task Document_text_reaches_the_page_escaped_under_a_strict_csp()
    {
        var client = await api.ReadyClient();
        var created = await client.PostAsync("/api/replies", Upload("xss.txt", Reply("<script>alert('注入测试')</script><img src=x onerror=alert(1)>门槛<5万元&补贴>3\"x\"")));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        try
        {
            var search = await client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("注入测试"));
            var html = string.Concat(JsonDocument.Parse(search).RootElement.GetProperty("hits")[0].GetProperty("snippets").EnumerateArray().Select(s => s.GetProperty("html").GetString()));
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("<img", html);
            Assert.Contains("&lt;5万元&amp;补贴&gt;3&quot;x&quot;", html);
            var view = await client.GetStringAsync($"/api/replies/{id}?q=" + Uri.EscapeDataString("注入测试"));
            Assert.DoesNotContain("<script", string.Concat(JsonDocument.Parse(view).RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("html").GetString())));

            var page = await client.GetAsync("/");
            var csp = page.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync()); // the page has no inline script
        }
        finally
        {
            await client.DeleteAsync($"/api/replies/{id}");
        }
    }

    [Fact]
    public async Task Backup_through_the_service_copies_a_snapshot_that_opens()
    {
        var client = await api.ReadyClient();
        var response = await client.PostAsync("/api/backup", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
        Assert.Equal(health.GetProperty("replies").GetInt32(), body.GetProperty("replies").GetInt32());
        Assert.False(body.GetProperty("folder").GetString()!.Contains('/'));
    }

    [Fact]
    public async Task Searching_too_often_gets_429_with_retry_after()
    {
        using var dir = new TempDir();
        await using var limited = api.WithWebHostBuilder(b => b
            .UseSetting("ReplySearch:IndexPath", dir.Combine("index")) // one writer per index: its own
            .UseSetting("ReplySearch:SearchPermitLimit", "3")
            .UseSetting("ReplySearch:SearchWindowSeconds", "60"));
        var client = limited.CreateClient();
        await Health.WaitUntilHealthy(client);
        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString("产学研"));
            codes.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode); // health is not limited
    }
}
