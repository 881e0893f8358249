using System.Diagnostics;
using System.Globalization;

namespace ReplySearch.Core.Indexing;

/// <summary>Another process (or another writer in this one) holds the index's write lock.</summary>
public sealed class IndexLockedException(string path, string? holder, Exception? inner = null)
    : IOException($"the index at {path} is being written by {holder ?? "another writer"}; only one writer per index: stop it, or send the change through its service (replysearch index --service URL)", inner)
{
    public string? Holder { get; } = holder;
}

/// <summary>
/// There is no index at the path (no folder, or a folder without a commit). ReplySearch's own type, so
/// that front ends need not know Lucene's exceptions.
/// </summary>
public sealed class NoIndexException(string path, Exception? inner = null) : IOException($"no index at {path}", inner)
{
    public string Path { get; } = path;
}

/// <summary>
/// One writer per index, across processes. The lock is an OS file lock (FileShare.None, an advisory flock
/// on Linux) held open for the writer's life: the kernel drops it when the process dies, however it dies,
/// so a killed writer never leaves a lock behind. Beside it a note says who holds it, for the error a second
/// writer gets; a note found while the lock is free tells that the last writer died without closing.
/// (Lucene's own write.lock is kept too; in this version it does not stop a second process.)
/// </summary>
public sealed class IndexLock : IDisposable
{
    private const string LockName = "replysearch.lock";
    private const string NoteName = "replysearch.lock.holder";

    private readonly FileStream _lock;
    private readonly string _note;

    /// <summary>The holder note of a writer that died without closing, when there was one.</summary>
    public string? StaleHolder { get; }

    private IndexLock(FileStream @lock, string note, string? stale)
    {
        _lock = @lock;
        _note = note;
        StaleHolder = stale;
    }

    public static IndexLock Acquire(string indexPath)
    {
        Directory.CreateDirectory(indexPath);
        var note = Path.Combine(indexPath, NoteName);
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(indexPath, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IndexLockedException(indexPath, Read(note), e);
        }
        var stale = Read(note);
        var me = Process.GetCurrentProcess();
        File.WriteAllText(note, string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} ({me.ProcessName}) on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}"));
        return new IndexLock(held, note, stale);
    }

    private static string? Read(string note)
    {
        try
        {
            return File.Exists(note) ? File.ReadAllText(note).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_note);
        }
        catch (IOException)
        {
            // The next writer will call it stale, which is then true.
        }
        _lock.Dispose();
    }
}
