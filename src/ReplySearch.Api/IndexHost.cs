using Microsoft.Extensions.Options;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Api;

/// <summary>What the service's index is doing; /health answers it in lowercase.</summary>
public enum IndexState
{
    /// <summary>Being opened or brought in line with the corpus: searches answer 503.</summary>
    Starting,

    /// <summary>Open and serving.</summary>
    Ok,

    /// <summary>Could not be opened (the reason is in the health answer and the log).</summary>
    Failed,
}

/// <summary>
/// Opens the index when the service starts, first bringing it in line with the corpus (a fresh build on
/// first start, only the changes afterwards), then serves it. Until then the state is "starting" and the
/// API answers 503; the web server itself is up at once.
/// </summary>
public sealed class IndexHost(IOptions<ReplySearchOptions> options, IHostEnvironment environment, ILogger<IndexHost> log) : BackgroundService
{
    private volatile ReplyIndex? _index;
    private volatile IndexState _state = IndexState.Starting;

    public IndexState State => _state;

    public string? Error { get; private set; }

    public IndexReport? LastReport { get; private set; }

    public string CorpusPath { get; } = ReplySearchOptions.Resolve(options.Value.CorpusPath, environment.ContentRootPath);

    public string IndexPath { get; } = ReplySearchOptions.Resolve(options.Value.IndexPath, environment.ContentRootPath);

    private System.Runtime.CompilerServices.StrongBox<IndexProgress>? _progress;

    /// <summary>The latest run's progress (files done of found); null before the first run starts.</summary>
    public IndexProgress? Indexing => Volatile.Read(ref _progress)?.Value;

    /// <summary>
    /// Brings the index in line with the corpus folder (<see cref="CorpusIndexer"/>), keeping its progress and
    /// report for /health, the metrics and the log: the run at start and every reindex go through here.
    /// </summary>
    public IndexReport Reindex(ReplyIndex index, CancellationToken cancel = default)
    {
        // An upgrade that changes the schema, the parser or the lexicon rebuilds the index from the corpus: said
        // once, up front, since it takes as long as a first start.
        if (index.CommittedSchema() is { } built && built != index.BuildVersion)
            log.LogWarning("The index was built as {Built}; this version builds {Current}: rebuilding it from the corpus", built, index.BuildVersion);
        var lastDecile = -1;
        var progress = new Progress(p =>
        {
            Volatile.Write(ref _progress, new(p));
            var decile = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            if (decile == Interlocked.Exchange(ref lastDecile, decile)) return;
            log.LogInformation("Indexing {Done}/{Total} files", p.Done, p.Total);
        });
        var report = CorpusIndexer.Run(index, CorpusPath, progress, cancel);
        Volatile.Write(ref _progress, new(new IndexProgress(report.Total, report.Total, null)));
        LastReport = report;
        log.LogInformation("Index ready: {Indexed} indexed, {Unchanged} unchanged, {Removed} removed, {Failed} failed in {Seconds:F1} s",
            report.Indexed, report.Unchanged, report.Removed, report.Failed.Count, report.Elapsed.TotalSeconds);
        foreach (var (path, reason) in report.Failed) log.LogWarning("Not indexed: {Path}: {Reason}", path, reason);
        return report;
    }

    /// <summary>The open index, or null while starting.</summary>
    public ReplyIndex? Index => _index;

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Runs a change of the index alone: uploads, updates, deletes and reindexing take turns.</summary>
    public async Task<T> Exclusive<T>(Func<ReplyIndex, Task<T>> change)
    {
        var index = _index ?? throw new InvalidOperationException("the index is not open");
        await _writeGate.WaitAsync();
        try
        {
            return await change(index);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        // Invariant: an index opened here is either served (_index) or closed before this returns, so that
        // a stop while starting or after a failure never leaves its lock behind.
        ReplyIndex? index = null;
        try
        {
            log.LogInformation("Opening index {IndexPath} for corpus {CorpusPath}", IndexPath, CorpusPath);
            index = ReplyIndex.OpenForWrite(IndexPath, phraseCacheMegabytes: options.Value.PhraseCacheMegabytes);
            index.Analyzers.Warm();
            if (index.StaleLockHolder is { } stale) log.LogWarning("The last writer of the index ({Holder}) stopped without closing; its lock is cleared and the index opens at its last commit", stale);
            if (Directory.Exists(CorpusPath))
            {
                Reindex(index, stoppingToken);
                ReturnIndexingMemory();
            }
            else
            {
                log.LogWarning("Corpus folder {CorpusPath} not found; serving the index as it is", CorpusPath);
            }
            _index = index;
            _state = IndexState.Ok;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Error = e.Message;
            _state = IndexState.Failed;
            log.LogError(e, "The index could not be opened");
        }
        finally
        {
            if (_index is null) index?.Dispose();
        }
    }, stoppingToken);

    /// <summary>
    /// A bulk build leaves hundreds of MB of unreferenced large buffers; the service goes on serving for
    /// weeks, so it hands that memory back to the OS at once rather than keep it committed. The host's
    /// decision: the library never forces a collection.
    /// </summary>
    internal static void ReturnIndexingMemory()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public override void Dispose()
    {
        _index?.Dispose();
        base.Dispose();
    }

    private sealed class Progress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
