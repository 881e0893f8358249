using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReplySearch.Api;
using ReplySearch.Core.Indexing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>The host's index lifetime: an index it opened is served or closed, never left locked (issue #22, item 10).</summary>
public class IndexHostTests
{
    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "ReplySearch";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    /// <summary>Calls back on each message, so that a test can act at a moment of the start-up.</summary>
    private sealed class CallbackLogger(Action<string> onMessage) : ILogger<IndexHost>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => onMessage(formatter(state, exception));
    }

    [Fact]
    public async Task Stopped_while_indexing_at_start_the_service_leaves_no_lock_behind()
    {
        using var dir = new TempDir();
        var corpus = dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        var seed = File.ReadAllText(Repo.Seed);
        for (var i = 0; i < 400; i++) File.WriteAllText(Path.Combine(corpus, $"r{i:D3}.txt"), seed.Replace("20230006", $"2023{i:D4}"));
        var options = Options.Create(new ReplySearchOptions { CorpusPath = corpus, IndexPath = dir.Combine("index") });
        IndexHost? host = null;
        var stopping = new TaskCompletionSource();
        var logger = new CallbackLogger(m =>
        {
            // The first progress line: the index is open and being built. Stop the service now.
            if (m.StartsWith("Indexing", StringComparison.Ordinal) && stopping.TrySetResult()) _ = host!.StopAsync(CancellationToken.None);
        });
        host = new IndexHost(options, new Environment(dir.Path), logger);
        await host.StartAsync(CancellationToken.None);
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await host.StopAsync(CancellationToken.None);
        host.Dispose();

        using var reopened = ReplyIndex.OpenForWrite(dir.Combine("index"));
        Assert.Null(reopened.StaleLockHolder);
    }
}
