using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Json.Schema;
using Microsoft.AspNetCore.Hosting;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>
/// The OpenAPI document tells the whole truth (issue #22, item 11): real answers of every route, errors
/// included, are checked against the served document with a JSON Schema validator (JsonSchema.Net). The
/// status must be documented for the operation, the media type for the status, and a JSON body must
/// satisfy the schema documented for it (required fields, exact number types).
/// </summary>
public class OpenApiResponseTests(WritableApiFixture api) : IClassFixture<WritableApiFixture>
{
    private static readonly Uri DocumentUri = new("https://replysearch.test/openapi/v1.json");

    /// <summary>One request: the route as documented, the request, and the status it must get.</summary>
    public sealed record Case(string Route, string Method, Func<Context, HttpRequestMessage> Request, HttpStatusCode Expected);

    /// <summary>Ids of replies the cases act on, made once per test run.</summary>
    public sealed record Context(string ExistingId, string UploadedId, string DeletableId);

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Upload(HttpMethod method, string url, string name, byte[] bytes, string? key = WritableApiFixture.Key, string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, name);
        var request = new HttpRequestMessage(method, url) { Content = form };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private static HttpRequestMessage Write(HttpMethod method, string url, string? key = WritableApiFixture.Key)
    {
        var request = new HttpRequestMessage(method, url);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private static byte[] Reply(string mark) => Encoding.UTF8.GetBytes(SmallIndex.Reply("关于第88号建议的答复", $"今年推进了{mark}工作。"));

    private static readonly string LongQuery = Uri.EscapeDataString(string.Concat(Enumerable.Repeat("科技创新驱动发展", 250)));

    public static readonly Case[] Cases =
    [
        new("/health", "get", _ => Get("/health"), HttpStatusCode.OK),
        new("/health", "get", _ => Get("/health?x=" + LongQuery), HttpStatusCode.RequestUriTooLong),
        new("/api/search", "get", _ => Get("/api/search?q=" + Uri.EscapeDataString("产学研")), HttpStatusCode.OK),
        new("/api/search", "get", _ => Get("/api/search?q=" + Uri.EscapeDataString("第91号 潍坊") + "&sort=date&size=3&page=2&scope=all"), HttpStatusCode.OK),
        new("/api/search", "get", _ => Get("/api/search?size=abc"), HttpStatusCode.BadRequest),
        new("/api/search", "get", _ => Get("/api/search?q=" + LongQuery), HttpStatusCode.RequestUriTooLong),
        new("/api/trend", "get", _ => Get("/api/trend?q=" + Uri.EscapeDataString("产学研") + "&by=agency"), HttpStatusCode.OK),
        new("/api/trend", "get", _ => Get("/api/trend?by=decade"), HttpStatusCode.BadRequest),
        new("/api/suggest", "get", _ => Get("/api/suggest?prefix=" + Uri.EscapeDataString("潍")), HttpStatusCode.OK),
        new("/api/suggest", "get", _ => Get("/api/suggest?size=99"), HttpStatusCode.BadRequest),
        new("/api/schema", "get", _ => Get("/api/schema"), HttpStatusCode.OK),
        new("/api/draft", "post", _ => new HttpRequestMessage(HttpMethod.Post, "/api/draft") { Content = System.Net.Http.Json.JsonContent.Create(new { text = "关于加快城区雨水管网改造、解决积水点问题的建议", agency = "潍坊市水利局" }) }, HttpStatusCode.OK),
        new("/api/draft", "post", _ => new HttpRequestMessage(HttpMethod.Post, "/api/draft") { Content = System.Net.Http.Json.JsonContent.Create(new { text = " " }) }, HttpStatusCode.BadRequest),
        new("/api/export.csv", "get", _ => Get("/api/export.csv?q=" + Uri.EscapeDataString("产学研")), HttpStatusCode.OK),
        new("/api/export.csv", "get", _ => Get("/api/export.csv?year=abc"), HttpStatusCode.BadRequest),
        new("/api/commitments", "get", _ => Get("/api/commitments?q=" + Uri.EscapeDataString("积水") + "&size=5"), HttpStatusCode.OK),
        new("/api/commitments", "get", _ => Get("/api/commitments?size=abc"), HttpStatusCode.BadRequest),
        new("/api/commitments.csv", "get", _ => Get("/api/commitments.csv?year=2024"), HttpStatusCode.OK),
        new("/api/commitments.csv", "get", _ => Get("/api/commitments.csv?year=abc"), HttpStatusCode.BadRequest),
        new("/api/replies/{id}", "get", c => Get($"/api/replies/{c.ExistingId}?q=" + Uri.EscapeDataString("答复")), HttpStatusCode.OK),
        new("/api/replies/{id}", "get", _ => Get("/api/replies/0000000000000000"), HttpStatusCode.NotFound),
        new("/api/replies/{id}/similar", "get", c => Get($"/api/replies/{c.ExistingId}/similar"), HttpStatusCode.OK),
        new("/api/replies/{id}/similar", "get", c => Get($"/api/replies/{c.ExistingId}/similar?size=0"), HttpStatusCode.BadRequest),
        new("/api/replies/{id}/similar", "get", _ => Get("/api/replies/not-an-id/similar"), HttpStatusCode.NotFound),
        new("/api/replies/{id}/history", "get", c => Get($"/api/replies/{c.ExistingId}/history"), HttpStatusCode.OK),
        new("/api/replies/{id}/history", "get", _ => Get("/api/replies/0000000000000000/history"), HttpStatusCode.NotFound),
        new("/api/replies/{id}/paragraphs", "get", c => Get($"/api/replies/{c.ExistingId}/paragraphs"), HttpStatusCode.OK),
        new("/api/replies/{id}/paragraphs", "get", _ => Get("/api/replies/0000000000000000/paragraphs"), HttpStatusCode.NotFound),
        new("/api/delegates/{name}", "get", _ => Get("/api/delegates/" + Uri.EscapeDataString("王建国代表")), HttpStatusCode.OK),
        new("/api/delegates/{name}", "get", _ => Get("/api/delegates/" + Uri.EscapeDataString("无此人")), HttpStatusCode.NotFound),
        new("/api/replies", "post", _ => Upload(HttpMethod.Post, "/api/replies", "契约检查.txt", Reply("契约检查一")), HttpStatusCode.Created),
        new("/api/replies", "post", c => Upload(HttpMethod.Post, "/api/replies", "契约检查已有.txt", Reply("契约检查二")), HttpStatusCode.Conflict),
        new("/api/replies", "post", _ => Upload(HttpMethod.Post, "/api/replies", "x.txt", Reply("x"), field: "other"), HttpStatusCode.BadRequest),
        new("/api/replies", "post", _ => Upload(HttpMethod.Post, "/api/replies", "x.exe", Reply("x")), HttpStatusCode.BadRequest),
        new("/api/replies", "post", _ => new HttpRequestMessage(HttpMethod.Post, "/api/replies") { Content = new StringContent("{}", Encoding.UTF8, "application/json"), Headers = { { "X-Api-Key", WritableApiFixture.Key } } }, HttpStatusCode.UnsupportedMediaType),
        new("/api/replies", "post", _ => Upload(HttpMethod.Post, "/api/replies", "坏.txt", [0, 1, 2, 3, 0, 0, 255, 0]), HttpStatusCode.UnprocessableEntity),
        new("/api/replies", "post", _ => Upload(HttpMethod.Post, "/api/replies", "大.txt", new byte[WritableApiFixture.UploadLimit + 1]), HttpStatusCode.RequestEntityTooLarge),
        new("/api/replies", "post", _ => Upload(HttpMethod.Post, "/api/replies", "x.txt", Reply("x"), key: null), HttpStatusCode.Unauthorized),
        new("/api/replies", "post", _ => Upload(HttpMethod.Post, "/api/replies", "x.txt", Reply("x"), key: "wrong"), HttpStatusCode.Forbidden),
        new("/api/replies/{id}", "put", c => Upload(HttpMethod.Put, $"/api/replies/{c.UploadedId}", "契约检查已有.txt", Reply("契约检查三")), HttpStatusCode.OK),
        new("/api/replies/{id}", "put", _ => Upload(HttpMethod.Put, "/api/replies/0000000000000000", "x.txt", Reply("x")), HttpStatusCode.NotFound),
        new("/api/replies/{id}", "put", c => Upload(HttpMethod.Put, $"/api/replies/{c.UploadedId}", "坏.txt", [0, 1, 2, 3, 0, 0, 255, 0]), HttpStatusCode.UnprocessableEntity),
        new("/api/replies/{id}", "delete", c => Write(HttpMethod.Delete, $"/api/replies/{c.DeletableId}"), HttpStatusCode.NoContent),
        new("/api/replies/{id}", "delete", _ => Write(HttpMethod.Delete, "/api/replies/0000000000000000"), HttpStatusCode.NotFound),
        new("/api/replies/{id}", "delete", _ => Write(HttpMethod.Delete, "/api/replies/0000000000000000", key: null), HttpStatusCode.Unauthorized),
        new("/api/reindex", "post", _ => Write(HttpMethod.Post, "/api/reindex"), HttpStatusCode.OK),
        new("/api/reindex", "post", _ => Write(HttpMethod.Post, "/api/reindex", key: "wrong"), HttpStatusCode.Forbidden),
        new("/api/backup", "post", _ => Write(HttpMethod.Post, "/api/backup"), HttpStatusCode.OK),
    ];

    [Fact]
    public async Task Every_answer_of_every_route_matches_the_document()
    {
        var client = await api.ReadyClient(key: null);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var context = await Prepare(client);
        var failures = new List<string>();
        foreach (var c in Cases)
        {
            using var request = c.Request(context);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var label = $"{c.Method.ToUpperInvariant()} {request.RequestUri} → {(int)response.StatusCode}";
            if (response.StatusCode != c.Expected) failures.Add($"{label}: expected {(int)c.Expected}");
            failures.AddRange(Check(document, c.Route, c.Method, response, body).Select(f => $"{label}: {f}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Every route of the document is exercised by some case.
        var routes = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name, m.Name))).ToHashSet();
        var untried = routes.Except(Cases.Select(c => (c.Route, c.Method))).ToList();
        Assert.True(untried.Count == 0, "routes without a case: " + string.Join(", ", untried));
    }

    [Fact]
    public async Task Refusals_by_the_rate_limit_and_a_failed_index_match_the_document()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("not-a-folder"), "an index path that is a file: the index cannot open");
        await using var failed = api.WithWebHostBuilder(b => b
            .UseSetting("ReplySearch:IndexPath", dir.Combine("not-a-folder"))
            .UseSetting("ReplySearch:SearchPermitLimit", "2")
            .UseSetting("ReplySearch:SearchWindowSeconds", "60"));
        var client = failed.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var failures = new List<string>();
        async Task Expect(string route, string url, HttpStatusCode expected)
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected) failures.Add($"{url}: {(int)response.StatusCode}, expected {(int)expected}");
            failures.AddRange(Check(document, route, "get", response, body).Select(f => $"{url}: {f}"));
        }
        await Expect("/health", "/health", HttpStatusCode.ServiceUnavailable);
        await Expect("/api/search", "/api/search?q=x", HttpStatusCode.ServiceUnavailable);
        await Expect("/api/replies/{id}", "/api/replies/0000000000000000", HttpStatusCode.ServiceUnavailable);
        await Expect("/api/search", "/api/search?q=x", HttpStatusCode.TooManyRequests);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>An existing reply, an uploaded one that later cases replace, and one to delete.</summary>
    private static async Task<Context> Prepare(HttpClient client)
    {
        var hits = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("答复") + "&size=1")).RootElement;
        var existing = hits.GetProperty("hits")[0].GetProperty("id").GetString()!;
        async Task<string> Add(string name, string mark)
        {
            using var request = Upload(HttpMethod.Post, "/api/replies", name, Reply(mark));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        }
        return new Context(existing, await Add("契约检查已有.txt", "契约检查零"), await Add("契约检查删除.txt", "契约检查删"));
    }

    /// <summary>What is wrong with an answer according to the document; empty when it is as documented.</summary>
    private static IEnumerable<string> Check(JsonElement document, string route, string method, HttpResponseMessage response, string body)
    {
        if (!document.GetProperty("paths").TryGetProperty(route, out var path) || !path.TryGetProperty(method, out var operation))
        {
            yield return $"{method} {route} is not in the document";
            yield break;
        }
        var status = ((int)response.StatusCode).ToString();
        if (!operation.GetProperty("responses").TryGetProperty(status, out var documented))
        {
            yield return $"status {status} is not documented";
            yield break;
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!documented.TryGetProperty("content", out var content))
        {
            if (body.Length > 0) yield return $"a body of {mediaType} where the document says none";
            yield break;
        }
        if (mediaType is null || !content.TryGetProperty(mediaType, out _))
        {
            yield return $"media type {mediaType} is not documented (documented: {string.Join(", ", content.EnumerateObject().Select(p => p.Name))})";
            yield break;
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal)) yield break;
        var pointer = $"#/paths/{Escape(route)}/{method}/responses/{status}/content/{Escape(mediaType)}/schema";
        var results = Schema(document, pointer).Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) yield break;
        foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(5))
            yield return $"{detail.InstanceLocation}: {string.Join("; ", detail.Errors!.Values)}";
    }

    // A JSON pointer in a URI fragment: ~ and / escaped for the pointer, + percent-encoded for the URI (it would read as a space).
    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1").Replace("+", "%2B");

    /// <summary>A schema that refers into the served document, so that its own references resolve in it.</summary>
    private static JsonSchema Schema(JsonElement document, string pointer)
    {
        var registry = new SchemaRegistry();
        registry.Register(DocumentUri, new JsonElementBaseDocument(document, DocumentUri));
        return JsonSchema.FromText($"{{\"$ref\": \"{DocumentUri}{pointer}\"}}", new BuildOptions { SchemaRegistry = registry });
    }
}
