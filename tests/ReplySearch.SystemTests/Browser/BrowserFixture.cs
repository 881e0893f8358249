using Microsoft.Playwright;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Browser;

/// <summary>
/// Debian's Chromium (driven by Playwright) and the real service on loopback, started once for a test class.
/// The browser is looked for before anything starts, and whatever was started is stopped again when a later
/// step fails: a failed setup leaves no service process behind.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly string _chromium;
    private ServiceProcess? _service;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserFixture()
        : this(Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium")
    {
    }

    /// <summary>A fixture with another browser path: for the tests of the fixture itself.</summary>
    internal BrowserFixture(string chromium) => _chromium = chromium;

    public ServiceProcess Service => _service ?? throw new InvalidOperationException("the fixture is not started");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the fixture is not started");

    /// <summary>The service's process id once started (kept after a failed setup, for the cleanup test).</summary>
    public int? ServiceProcessId { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(_chromium)) throw new FileNotFoundException($"Chromium not found at {_chromium}: apt-get install -y chromium (.ci/run does)", _chromium);
        try
        {
            _service = await ServiceProcess.StartAsync(Repo.Corpus);
            ServiceProcessId = _service.ProcessId;
            _playwright = await Playwright.CreateAsync();
            _browser = await Launch(_playwright, _chromium);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Debian's Chromium, headless, as every browser test runs it.</summary>
    internal static Task<IBrowser> Launch(IPlaywright playwright, string? chromium = null) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = chromium ?? Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Timeout = 30_000,
        // This machine's network is closed: no background connections, no sandbox as root.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _browser = null;
        _playwright?.Dispose();
        _playwright = null;
        if (_service is not null) await _service.DisposeAsync();
        _service = null;
    }
}
