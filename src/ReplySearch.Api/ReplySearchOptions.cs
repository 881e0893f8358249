namespace ReplySearch.Api;

/// <summary>
/// The service's settings, section "ReplySearch" (environment: ReplySearch__CorpusPath, ReplySearch__IndexPath).
/// Relative paths are resolved against the repository (the folder holding ReplySearch.sln) when the
/// service runs from one, else against the content root.
/// </summary>
public sealed class ReplySearchOptions
{
    public const string Section = "ReplySearch";

    /// <summary>The folder of reply files indexed at start.</summary>
    public string CorpusPath { get; set; } = "corpus";

    /// <summary>The index folder; built on first start and brought up to date when the corpus changed.</summary>
    public string IndexPath { get; set; } = "data/index";

    /// <summary>
    /// The most rows an export writes (each row cuts a snippet): a bound on what one request may cost.
    /// A cut export says so in the X-Export-Truncated header.
    /// </summary>
    public int ExportLimit { get; set; } = 10_000;

    /// <summary>Keys that may write (upload, update, delete, reindex), sent as X-Api-Key. None: nobody may write.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Where POST /api/backup writes its snapshots, one folder each.</summary>
    public string BackupPath { get; set; } = "data/backups";

    /// <summary>The largest upload accepted; larger gets 413.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Where uploads are written, inside the corpus folder so that a reindex keeps them.</summary>
    public string UploadFolder { get; set; } = "uploads";

    /// <summary>Searches a client may make per window (per remote address); more get 429 with Retry-After.</summary>
    public int SearchPermitLimit { get; set; } = 300;

    public int SearchWindowSeconds { get; set; } = 1;

    /// <summary>
    /// Searches one client may run at once; more wait in a short queue (<see cref="SearchQueuePerClient"/>),
    /// beyond it 429. Half the cores: one client can never take them all.
    /// </summary>
    public int SearchConcurrencyPerClient { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    public int SearchQueuePerClient { get; set; } = 8;

    /// <summary>
    /// What one client's searches may cost per window, in units of an ordinary search (the estimate of
    /// Core's QueryCost: terms looked up and postings read). An ordinary search costs 1, so this is only
    /// reached by expensive queries (hundreds of terms, or terms in most replies); beyond it, 429 with Retry-After.
    /// </summary>
    public int SearchCostLimit { get; set; } = 1000;

    /// <summary>
    /// What the cached matches of common phrases may hold, in megabytes (0: no cache). A phrase in a large
    /// share of the replies is verified once and read from memory by the next searches of it: about 1 MB per
    /// phrase at a million replies.
    /// </summary>
    public int PhraseCacheMegabytes { get; set; } = 256;

    /// <summary>The sub-path the service runs under behind a reverse proxy (e.g. /replysearch); none by default.</summary>
    public string PathBase { get; set; } = "";

    /// <summary>
    /// Reverse proxies (IP addresses or networks such as 10.0.0.0/8) whose X-Forwarded-* headers are believed;
    /// none by default, and then the headers are ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Addresses or networks that may read GET /metrics; none set: everyone may.</summary>
    public string[] MetricsAllowedFrom { get; set; } = [];

    /// <summary>
    /// Queries may hold personal names: they are logged (at Information) only when this is true. Request
    /// lines, which carry the query string, are kept below Information for the same reason.
    /// </summary>
    public bool LogQueries { get; set; }

    public static string Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path)) return path;
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ReplySearch.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, path));
            }
        }
        return Path.GetFullPath(Path.Combine(contentRoot, path));
    }
}
