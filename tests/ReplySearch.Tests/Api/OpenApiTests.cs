using System.Text.Json;
using System.Text.Json.Nodes;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>
/// The OpenAPI document is checked in (src/ReplySearch.Api/openapi.v1.json); this fails when the running
/// service drifts from it. After an intended change, run the tests once with REPLYSEARCH_UPDATE_OPENAPI=1.
/// </summary>
[Collection(ApiCollection.Name)]
public class OpenApiTests(ApiFixture api)
{
    private static string CheckedIn => Path.Combine(Repo.Root, "src", "ReplySearch.Api", "openapi.v1.json");

    private async Task<string> Served()
    {
        var client = await api.ReadyClient();
        var json = await client.GetStringAsync("/openapi/v1.json");
        var node = JsonNode.Parse(json)!;
        node.AsObject().Remove("servers"); // the host a test runs on is not part of the contract
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    [Fact]
    public async Task The_served_document_matches_the_checked_in_one()
    {
        var served = await Served();
        if (Environment.GetEnvironmentVariable("REPLYSEARCH_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(CheckedIn, served);
        Assert.True(File.Exists(CheckedIn), "openapi.v1.json is not checked in; run the tests with REPLYSEARCH_UPDATE_OPENAPI=1");
        Assert.Equal(await File.ReadAllTextAsync(CheckedIn), served);
    }

    [Theory]
    [InlineData("/api/replies", "post", "400")]
    [InlineData("/api/replies", "post", "415")]
    [InlineData("/api/replies/{id}", "put", "400")]
    [InlineData("/api/replies/{id}", "put", "415")]
    [InlineData("/api/search", "get", "429")]
    [InlineData("/api/trend", "get", "429")]
    [InlineData("/api/export.csv", "get", "429")]
    [InlineData("/api/replies/{id}", "get", "429")]
    public async Task Every_answer_a_route_can_give_is_documented(string path, string method, string status)
    {
        var doc = JsonNode.Parse(await Served())!;
        Assert.NotNull(doc["paths"]![path]![method]!["responses"]![status]);
    }

    [Fact]
    public async Task The_api_key_is_a_security_scheme_required_by_every_write_route_only()
    {
        var doc = JsonNode.Parse(await Served())!;
        var scheme = doc["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", scheme["name"]!.GetValue<string>());
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var write = operation!["tags"]!.AsArray().Any(t => t!.GetValue<string>() == "write");
                var secured = operation["security"] is JsonArray { Count: > 0 };
                Assert.True(write == secured, $"{method} {path}: write {write}, secured {secured}");
            }
        }
    }

    [Fact]
    public async Task The_export_documents_its_csv_body()
    {
        var doc = JsonNode.Parse(await Served())!;
        Assert.NotNull(doc["paths"]!["/api/export.csv"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"]);
    }

    [Fact]
    public async Task Every_endpoint_and_parameter_is_described()
    {
        var doc = JsonNode.Parse(await Served())!;
        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { "/api/search", "/api/replies/{id}", "/api/replies/{id}/similar", "/api/trend", "/api/suggest", "/api/export.csv", "/health" })
        {
            Assert.True(paths.ContainsKey(path), $"{path} missing");
            var get = paths[path]!["get"]!;
            Assert.False(string.IsNullOrWhiteSpace(get["summary"]?.GetValue<string>()), $"{path} has no summary");
        }
        var search = paths["/api/search"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "q", "agency", "year", "delegate", "kind", "handlingType", "contentCategory", "handlingRole", "disclosure", "section", "sort", "scope", "page", "size" }.Order(), search.Order());
        Assert.All(paths["/api/search"]!["get"]!["parameters"]!.AsArray(), p => Assert.False(string.IsNullOrWhiteSpace(p!["description"]?.GetValue<string>())));
        var responses = paths["/api/search"]!["get"]!["responses"]!.AsObject();
        Assert.True(responses.ContainsKey("200") && responses.ContainsKey("400") && responses.ContainsKey("503"));
        Assert.True(paths["/api/replies/{id}"]!["get"]!["responses"]!.AsObject().ContainsKey("404"));
        Assert.True(paths["/health"]!["get"]!["responses"]!.AsObject().ContainsKey("503"));
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        var client = await api.ReadyClient();
        var page = await client.GetStringAsync("/scalar/v1");
        Assert.Contains("openapi/v1.json", page);
    }
}
