using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>Queries may hold personal names: at Information level the logs carry none, unless configured.</summary>
[Collection(ApiCollection.Name)]
public class LoggingTests(ApiFixture api)
{
    private sealed class Capture : ILoggerProvider
    {
        public readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries = new();

        public ILogger CreateLogger(string category) => new Logger(this, category);

        public void Dispose()
        {
        }

        private sealed class Logger(Capture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel level) => true;

            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format) =>
                owner.Entries.Enqueue((category, level, format(state, e)));
        }
    }

    private async Task<List<(string Category, LogLevel Level, string Message)>> SearchAndCollect(bool logQueries, string name)
    {
        var capture = new Capture();
        using var dir = new TempDir();
        await using var app = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("ReplySearch:IndexPath", dir.Combine("index"));
            b.UseSetting("ReplySearch:LogQueries", logQueries ? "true" : "false");
            b.ConfigureServices(s => s.AddLogging(l => l.AddProvider(capture)));
        });
        var client = app.CreateClient();
        await Health.WaitUntilHealthy(client);
        await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(name));
        await client.GetAsync("/api/export.csv?q=" + Uri.EscapeDataString(name));
        return [.. capture.Entries];
    }

    [Fact]
    public async Task Queries_are_not_logged_at_information_by_default()
    {
        const string name = "张秘密";
        var entries = await SearchAndCollect(logQueries: false, name);
        Assert.Contains(entries, e => e.Level >= LogLevel.Information); // the capture works: startup was logged
        var leaks = entries.Where(e => e.Level >= LogLevel.Information && (e.Message.Contains(name) || e.Message.Contains(Uri.EscapeDataString(name)))).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Select(l => $"{l.Category}: {l.Message}")));
    }

    [Fact]
    public async Task Queries_are_logged_when_configured()
    {
        const string name = "李公开";
        var entries = await SearchAndCollect(logQueries: true, name);
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Message.Contains(name));
    }
}
