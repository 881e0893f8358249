using System.Diagnostics;

namespace ReplySearch.Tests.Browser;

/// <summary>A browser fixture whose setup fails leaves nothing running, whichever step failed.</summary>
public class BrowserFixtureTests
{
    private static bool Running(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_missing_browser_fails_before_the_service_starts()
    {
        var fixture = new BrowserFixture("/nonexistent/chromium");
        await Assert.ThrowsAsync<FileNotFoundException>(fixture.InitializeAsync);
        Assert.Null(fixture.ServiceProcessId);
    }

    [Fact]
    public async Task A_browser_that_fails_to_launch_leaves_no_service_running()
    {
        // /bin/false exists but is no browser: the service has started when the launch fails.
        var fixture = new BrowserFixture("/bin/false");
        await Assert.ThrowsAnyAsync<Exception>(fixture.InitializeAsync);
        Assert.NotNull(fixture.ServiceProcessId);
        Assert.False(Running(fixture.ServiceProcessId!.Value), $"service process {fixture.ServiceProcessId} is still running");
    }
}
