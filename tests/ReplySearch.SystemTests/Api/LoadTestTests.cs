using System.Text.Json;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>The load test command, short and small, against the real service on loopback (the 60-second run is in the README).</summary>
public class LoadTestTests
{
    [Fact]
    public async Task Searches_and_a_writer_together_lose_nothing_and_fail_nothing()
    {
        using var dir = new TempDir();
        var corpus = dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        foreach (var f in Directory.GetFiles(Repo.Corpus)) File.Copy(f, Path.Combine(corpus, Path.GetFileName(f)));
        await using var service = await ServiceProcess.StartAsync(corpus, new Dictionary<string, string>
        {
            ["ReplySearch__ApiKeys__0"] = "load-key",
            ["ReplySearch__SearchPermitLimit"] = "1000000",
        });
        var run = CliProcess.Invoke("loadtest", "--url", service.BaseUri.ToString(), "--api-key", "load-key", "--clients", "4", "--seconds", "4", "--json");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var report = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.True(report.GetProperty("searches").GetInt64() > 0);
        Assert.Equal(0L, report.GetProperty("serverErrors").GetInt64());
        Assert.Equal(0L, report.GetProperty("failedSearches").GetInt64());
        Assert.Equal(0, report.GetProperty("writerErrors").GetInt32());
        Assert.True(report.GetProperty("uploads").GetInt32() > 0);
        Assert.Empty(report.GetProperty("mismatches").EnumerateArray());
    }

    [Fact]
    public void A_load_test_refuses_to_aim_beyond_this_machine()
    {
        var run = CliProcess.Invoke("loadtest", "--url", "http://192.0.2.1:5080/", "--api-key", "k", "--seconds", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("loopback", run.Stderr);
    }
}
