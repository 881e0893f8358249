using System.Text.Json;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

public class CliTests
{
    [Fact]
    public void Parse_json_has_every_contract_key_and_the_seed_fields()
    {
        var run = CliProcess.Invoke("parse", "--json", Repo.Seed);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        foreach (var key in new[] { "source", "agency", "year", "date", "docNumber", "title", "kind", "session", "proposalNumber", "proposalTitle",
                     "delegates", "handlingType", "sections", "leader", "handler", "phone", "cc", "text", "warnings" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        }
        Assert.Equal("临沂市科学技术局", root.GetProperty("agency").GetString());
        Assert.Equal(2023, root.GetProperty("year").GetInt32());
        Assert.Equal(Repo.Seed, root.GetProperty("source").GetString());
        Assert.Equal("一、科技创新要素持续汇集", root.GetProperty("sections")[1].GetProperty("heading").GetString());
        Assert.Equal("utf-8", root.GetProperty("encoding").GetString());
    }

    [Fact]
    public void Index_then_search_json_round_trip_on_the_corpus()
    {
        using var dir = new TempDir();
        var index = dir.Combine("index");
        var indexRun = CliProcess.Invoke("index", "--corpus", Repo.Corpus, "--index", index);
        Assert.Equal(0, indexRun.ExitCode);
        Assert.Contains("failed 0", indexRun.Stdout);

        var run = CliProcess.Invoke("search", "--index", index, "--json", "产学研");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("total").GetInt32() > 0);
        var hit = root.GetProperty("hits")[0];
        foreach (var key in new[] { "id", "source", "title", "agency", "year", "date", "delegates", "proposalNumber", "docNumber", "score", "snippets" })
        {
            Assert.True(hit.TryGetProperty(key, out _), $"missing hit key {key}");
        }
        Assert.Equal("000_692654a2db3241dc.txt", hit.GetProperty("source").GetString());
        var snippet = hit.GetProperty("snippets")[0];
        Assert.True(snippet.TryGetProperty("section", out _));
        Assert.True(snippet.TryGetProperty("html", out _));
        var facets = root.GetProperty("facets");
        foreach (var key in new[] { "agency", "year", "delegate", "kind", "handlingType" })
        {
            Assert.True(facets.GetProperty(key).GetArrayLength() > 0, $"empty facet {key}");
        }

        var show = CliProcess.Invoke("show", "--index", index, hit.GetProperty("id").GetString()!);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("临沂市科学技术局", show.Stdout);
    }

    [Theory]
    [InlineData("--year", "20x3")]
    [InlineData("--sort", "sideways")]
    [InlineData("--size", "500")]
    [InlineData("--page", "0")]
    public void Bad_search_options_exit_non_zero_naming_the_option(string option, string value)
    {
        using var dir = new TempDir();
        var run = CliProcess.Invoke("search", "--index", dir.Path, option, value, "产学研");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(option, run.Stderr);
    }

    [Fact]
    public void Search_without_an_index_says_so()
    {
        using var dir = new TempDir();
        var run = CliProcess.Invoke("search", "--index", dir.Combine("nothing"), "产学研");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no index", run.Stderr);
    }
}
