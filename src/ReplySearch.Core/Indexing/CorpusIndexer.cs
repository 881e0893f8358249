using System.Collections.Concurrent;
using System.Security.Cryptography;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Indexing;

/// <summary>What one indexing run did.</summary>
public sealed record IndexReport(
    int Indexed,
    int Unchanged,
    int Removed,
    IReadOnlyList<(string Path, string Reason)> Failed,
    IReadOnlyList<(string Path, string Reason)> Skipped,
    IReadOnlyList<(string Path, IReadOnlyList<string> Warnings)> Warned,
    long Bytes,
    TimeSpan Elapsed,
    int Total);

/// <summary>Progress of a run: files done out of files found.</summary>
public readonly record struct IndexProgress(int Done, int Total, string? Current);

/// <summary>
/// Brings an index in line with a corpus folder: new and changed files are (re)indexed, unchanged ones
/// skipped by content hash, removed ones deleted. Parsing and analysis run on every core.
/// </summary>
public static class CorpusIndexer
{
    /// <summary>Extensions read as reply text.</summary>
    public static readonly IReadOnlySet<string> TextExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".md", ".markdown", ".text", ".html", ".htm", ".mhtml", ".mht", ".docx", ".doc", ".pdf",
    };

    /// <summary>The corpus's own README (README.md, readme-2024.txt …) documents the folder; it is never a reply.</summary>
    public static bool IsFolderDocumentation(string fileName) => fileName.StartsWith("README", StringComparison.OrdinalIgnoreCase);

    /// <summary>A long run commits this often, so that a crash loses at most this many replies' work.</summary>
    public const int CommitEvery = 10000;

    public static IndexReport Run(ReplyIndex index, string corpusDir, IProgress<IndexProgress>? progress = null, CancellationToken cancel = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var root = Path.GetFullPath(corpusDir);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"corpus folder not found: {corpusDir}");

        var failed = new ConcurrentBag<(string, string)>();
        var skipped = new List<(string, string)>();
        var files = Enumerate(root, failed, skipped);
        var rebuild = index.CommittedSchema() != index.BuildVersion;
        var existing = rebuild ? [] : index.StoredHashes();
        if (rebuild) index.DeleteAll();

        var seen = new ConcurrentDictionary<string, bool>();
        var warned = new ConcurrentBag<(string, IReadOnlyList<string>)>();
        int indexed = 0, unchanged = 0, done = 0;
        long bytes = 0;

        // A build from scratch (or mostly so) merges once, at the end.
        var bulk = existing.Count == 0 || files.Count >= 2 * existing.Count;
        // A bulk build adds its new replies through a bulk loader (each thread inverts the body fields by
        // sorting); changed ones replace their old versions one by one.
        using var loader = bulk ? index.BulkLoad() : null;
        using (bulk ? index.DeferMerges() : null)
        {
            OnEveryCore(files.Count, cancel, workerDone: () => loader?.FlushLane(), body: i =>
            {
                var file = files[i];
                var relative = Relative(root, file);
                var id = DocumentMapper.IdFor(relative);
                seen[id] = true;
                try
                {
                    var content = File.ReadAllBytes(file);
                    Interlocked.Add(ref bytes, content.Length);
                    var hash = Hash(content);
                    var known = existing.TryGetValue(id, out var old);
                    if (known && old == hash)
                    {
                        Interlocked.Increment(ref unchanged);
                        return;
                    }
                    var read = Read(content, relative);
                    if (!read.Ok)
                    {
                        failed.Add((relative, read.Error));
                        return;
                    }
                    if (known) index.Upsert(id, hash, read.Document);
                    else if (loader is not null) loader.Add(id, hash, read.Document);
                    else index.Add(id, hash, read.Document);
                    if (read.Document.MissingFields.Count > 0)
                    {
                        warned.Add((relative, read.Document.Warnings));
                    }
                    // Commit as we go: killed mid-run, the index opens at the last commit and a re-run skips what it holds.
                    // (A bulk loader commits by itself, as its chunks reach the index.)
                    if (Interlocked.Increment(ref indexed) % CommitEvery == 0 && loader is null) index.Commit();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failed.Add((relative, e.Message));
                }
                finally
                {
                    var n = Interlocked.Increment(ref done);
                    progress?.Report(new IndexProgress(n, files.Count, relative));
                }
            });
        }

        // A file that failed to read this time keeps its earlier version; only vanished files are removed.
        var removed = 0;
        foreach (var id in existing.Keys.Where(id => !seen.ContainsKey(id)))
        {
            index.Delete(id);
            removed++;
        }
        if (bulk && indexed > 0) index.MergeSegments();
        index.Commit();
        return new IndexReport(indexed, unchanged, removed,
            failed.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList(),
            skipped.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList(),
            warned.OrderBy(w => w.Item1, StringComparer.Ordinal).ToList(),
            bytes, started.Elapsed, files.Count);
    }

    /// <summary>
    /// Indexes one file of the corpus now (an upload or a replacement) and commits, so that it is
    /// searchable when this returns. A file that cannot be read is reported, not indexed.
    /// </summary>
    public static (string Id, ReadResult Result) IndexOne(ReplyIndex index, string corpusDir, string fullPath)
    {
        var relative = Relative(Path.GetFullPath(corpusDir), Path.GetFullPath(fullPath));
        var id = DocumentMapper.IdFor(relative);
        var content = File.ReadAllBytes(fullPath);
        var read = Read(content, relative);
        if (read.Ok)
        {
            index.Upsert(id, Hash(content), read.Document);
            index.Commit();
        }
        return (id, read);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for 0 … count-1 on one dedicated thread per core (this one included),
    /// then <paramref name="workerDone"/> on each of those threads, and rethrows the first failure once all
    /// have stopped. Not Parallel.ForEach: its tasks re-queue themselves, and the pool's idle workers spin
    /// waiting for them, which took a sixth of the CPU of a run on two cores.
    /// </summary>
    private static void OnEveryCore(int count, CancellationToken cancel, Action<int> body, Action? workerDone = null)
    {
        var next = -1;
        Exception? failure = null;
        void Work()
        {
            try
            {
                int i;
                while (!cancel.IsCancellationRequested && Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < count) body(i);
                if (!cancel.IsCancellationRequested && Volatile.Read(ref failure) is null) workerDone?.Invoke();
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }
        var helpers = Enumerable.Range(1, Math.Max(0, Environment.ProcessorCount - 1))
            .Select(n => new Thread(Work) { IsBackground = true, Name = $"indexer {n}" })
            .ToList();
        helpers.ForEach(t => t.Start());
        Work();
        helpers.ForEach(t => t.Join());
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        cancel.ThrowIfCancellationRequested();
    }

    /// <summary>A corpus file's path as ids and sources use it: relative, with forward slashes.</summary>
    public static string Relative(string root, string fullPath) => Path.GetRelativePath(root, fullPath).Replace('\\', '/');

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static ReadResult Read(byte[] content, string relative) => content.Length > ReplyReader.MaxBytes
        ? new ReadResult(relative, null, $"too large for a reply ({content.Length:N0} bytes, limit {ReplyReader.MaxBytes:N0})", null)
        : ReplyReader.Parse(content, relative);

    /// <summary>Whether a symbolic link resolves to a file inside the folder (links of links followed to the end).</summary>
    public static bool LinksInside(FileSystemInfo link, string root)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            var inside = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return target is not null && Path.GetFullPath(target.FullName).StartsWith(inside, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Reply files under root, sorted; folders that cannot be listed are reported, not fatal.</summary>
    public static List<string> Enumerate(string root, ConcurrentBag<(string, string)> failed, List<(string, string)>? skipped = null)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            try
            {
                foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
                {
                    if (entry.Name.StartsWith('.')) continue;
                    // Symlinked folders are not followed: a link loop must not hang the run.
                    if (entry is DirectoryInfo sub)
                    {
                        if (sub.LinkTarget is null) pending.Push(sub.FullName);
                        continue;
                    }
                    if (IsFolderDocumentation(entry.Name)) continue;
                    // A linked file is read only when it stays inside the corpus: a link to /etc/… or another
                    // tree would be indexed, and written through by an update.
                    if (entry.LinkTarget is not null && !LinksInside(entry, root))
                    {
                        skipped?.Add((Relative(root, entry.FullName), "a symbolic link to a file outside the corpus folder"));
                        continue;
                    }
                    if (!TextExtensions.Contains(entry.Extension))
                    {
                        skipped?.Add((Relative(root, entry.FullName), $"unsupported file type '{entry.Extension}'"));
                        continue;
                    }
                    result.Add(entry.FullName);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed.Add((Path.GetRelativePath(root, dir), e.Message));
            }
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
