using System.CommandLine;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Cli;

/// <summary>replysearch backup --index DIR --to DIR: a consistent copy of the index, also while a service writes it.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var index = new Option<DirectoryInfo>("--index") { Description = "The index folder.", Required = true };
        var to = new Option<DirectoryInfo>("--to") { Description = "The backup folder (replaced). Restore by serving it or copying it back.", Required = true };
        var cmd = new Command("backup", "Copy a consistent snapshot of an index, even while it is being written.") { index, to };
        cmd.SetAction(r =>
        {
            var source = r.GetValue(index)!;
            var target = r.GetValue(to)!;
            if (Path.GetFullPath(source.FullName).TrimEnd('/') == Path.GetFullPath(target.FullName).TrimEnd('/'))
            {
                Console.Error.WriteLine("error: --to must not be the index itself");
                return (int)ExitCode.Usage;
            }
            try
            {
                var report = IndexBackup.Copy(source.FullName, target.FullName);
                Console.WriteLine($"backed up commit {report.Generation}: {report.Replies} replies, {report.Files} files, {report.Bytes / 1048576.0:F1} MB to {report.Target}" +
                                  (report.Attempts > 1 ? $" ({report.Attempts} attempts: the index was being written)" : ""));
                return (int)ExitCode.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: backup of {source} failed: {e.Message}");
                return (int)ExitCode.Usage;
            }
        });
        return cmd;
    }
}
