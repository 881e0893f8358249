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
            ["ReplySearch__SearchConcurrencyPerClient"] = "64", // the load test's clients share one address
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
    public async Task The_adversarial_run_measures_an_ordinary_client_while_the_attackers_are_refused()
    {
        // The service with its default limits: the attackers (from 127.0.0.2) run out of their cost budget.
        // Whether the medians stay within 3x is the benchmark's verdict, not this test's: here, only that
        // both phases were measured, the attack was limited and nothing failed.
        await using var service = await ServiceProcess.StartAsync(Repo.Corpus, new Dictionary<string, string>());
        var run = CliProcess.Invoke("loadtest", "--adversarial", "--url", service.BaseUri.ToString(), "--clients", "4", "--seconds", "2", "--json");
        Assert.True(run.ExitCode is 0 or 1, run.Stdout + run.Stderr);
        var report = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.True(report.GetProperty("idle").GetProperty("searches").GetInt32() > 0);
        Assert.True(report.GetProperty("underAttack").GetProperty("healthChecks").GetInt32() > 0);
        Assert.True(report.GetProperty("attackRefused").GetInt64() > 0, run.Stdout);
        Assert.Equal(0L, report.GetProperty("serverErrors").GetInt64());
    }

    [Fact]
    public void A_load_test_refuses_to_aim_beyond_this_machine()
    {
        var run = CliProcess.Invoke("loadtest", "--url", "http://192.0.2.1:5080/", "--api-key", "k", "--seconds", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("loopback", run.Stderr);
    }
}
