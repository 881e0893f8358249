using System.Text.RegularExpressions;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// The files in deploy/ agree with each other and with the service (issue #20): the systemd unit is
/// hardened and may write exactly where the service writes, and nginx proxies to where the unit listens.
/// (The unit's lifetime is tried in SystemTests' SystemdTests, nginx.conf in a real nginx by ReverseProxyTests.)
/// </summary>
public class DeployFileTests
{
    private static string Deploy(string name) => File.ReadAllText(Path.Combine(Repo.Root, "deploy", name));

    /// <summary>The unit's settings, key → values (a key may repeat, as Environment= does).</summary>
    private static ILookup<string, string> Unit() => Deploy("replysearch.service").Split('\n')
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('[') && l.Contains('='))
        .ToLookup(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

    [Theory]
    [InlineData("Type", "notify")]
    [InlineData("ProtectSystem", "strict")]
    [InlineData("ProtectHome", "true")]
    [InlineData("PrivateTmp", "true")]
    [InlineData("NoNewPrivileges", "true")]
    [InlineData("CapabilityBoundingSet", "")]
    [InlineData("User", "replysearch")]
    public void The_unit_runs_hardened_under_its_own_user(string key, string value) =>
        Assert.Equal([value], Unit()[key]);

    [Fact]
    public void The_unit_may_write_where_the_service_writes_and_nowhere_else()
    {
        var unit = Unit();
        var writable = unit["ReadWritePaths"].SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var environment = unit["Environment"].Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        foreach (var key in new[] { "ReplySearch__CorpusPath", "ReplySearch__IndexPath", "ReplySearch__BackupPath" })
        {
            Assert.True(environment.ContainsKey(key), $"the unit sets no {key}");
            Assert.Contains(writable, w => environment[key].StartsWith(w.TrimEnd('/') + "/", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(writable, w => w.StartsWith(unit["WorkingDirectory"].Single(), StringComparison.Ordinal));
        Assert.Empty(unit["MemoryDenyWriteExecute"]); // the JIT writes the code it runs
    }

    [Fact]
    public void Nginx_proxies_to_the_loopback_address_the_unit_listens_on()
    {
        var listen = Unit()["Environment"].Single(e => e.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal))["ASPNETCORE_URLS=".Length..];
        Assert.StartsWith("http://127.0.0.1:", listen);
        var upstreams = Regex.Matches(Deploy("nginx.conf"), @"proxy_pass\s+(\S+);").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal([listen], upstreams);
    }

    [Fact]
    public void The_windows_script_installs_the_bundles_program_as_a_service()
    {
        var script = Deploy("install-windows.ps1");
        Assert.Contains("New-Service", script);
        Assert.Contains("ReplySearch.Api.exe", script);
        Assert.Matches(@"ASPNETCORE_URLS=\$Urls", script);
    }
}
