using Lucene.Net.Index;
using Lucene.Net.Store;
using ReplySearch.Core.Engine;

namespace ReplySearch.Core.Indexing;

/// <summary>What a backup copied.</summary>
public sealed record BackupReport(string Target, long Generation, int Files, long Bytes, int Replies, int Attempts);

/// <summary>
/// Online backup of an index while it may be written. Lucene never changes a file once written, so the
/// files of one commit are a consistent snapshot: open the latest commit's files, then copy them; if the
/// writer deleted one before it could be opened (it committed again and cleaned up), start over with the
/// newer commit. The copy is opened and counted before the backup is reported done.
/// </summary>
public static class IndexBackup
{
    public const int MaxAttempts = 100;

    // Reading a commit's segment list needs the index's codec by name: registered as Core loads (ReplyCodec.Register).

    public static BackupReport Copy(string indexPath, string target)
    {
        using var source = new NIOFSDirectory(new DirectoryInfo(indexPath));
        if (!DirectoryReader.IndexExists(source)) throw new NoIndexException(indexPath);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var commit = DirectoryReader.ListCommits(source)[^1];
            if (TryCopy(indexPath, target, commit.FileNames, out var bytes))
            {
                return new BackupReport(target, commit.Generation, commit.FileNames.Count, bytes, Verify(target), attempt);
            }
            Thread.Sleep(Math.Min(200, 5 * attempt));
        }
        throw new IOException($"the index at {indexPath} changed during every one of {MaxAttempts} copy attempts");
    }

    /// <summary>Copies the given files of a commit (the writer side, holding a snapshot so nothing is deleted).</summary>
    internal static BackupReport CopyCommit(string indexPath, string target, IndexCommit commit)
    {
        if (!TryCopy(indexPath, target, commit.FileNames, out var bytes)) throw new IOException("a file of the snapshot disappeared");
        return new BackupReport(target, commit.Generation, commit.FileNames.Count, bytes, Verify(target), 1);
    }

    private static bool TryCopy(string indexPath, string target, ICollection<string> files, out long bytes)
    {
        bytes = 0;
        // Open every file of the commit first, then copy: an open file stays readable after the writer
        // deletes it, so only the moment of opening (microseconds) races with the writer, not the copy.
        var open = new List<(string Name, FileStream Stream)>(files.Count);
        try
        {
            foreach (var name in files)
            {
                open.Add((name, new FileStream(Path.Combine(indexPath, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)));
            }
        }
        catch (FileNotFoundException)
        {
            foreach (var (_, stream) in open) stream.Dispose();
            return false;
        }

        if (System.IO.Directory.Exists(target)) System.IO.Directory.Delete(target, recursive: true);
        System.IO.Directory.CreateDirectory(target);
        // The segments_N file last: a copy cut short is then no index at all rather than a wrong one.
        foreach (var (name, stream) in open.OrderBy(f => f.Name.StartsWith("segments", StringComparison.Ordinal) ? 1 : 0))
        {
            using (stream)
            using (var copy = File.Create(Path.Combine(target, name)))
            {
                stream.CopyTo(copy);
                bytes += copy.Length;
            }
        }
        return true;
    }

    private static int Verify(string target)
    {
        using var dir = new NIOFSDirectory(new DirectoryInfo(target));
        using var reader = DirectoryReader.Open(dir);
        return reader.NumDocs;
    }
}
