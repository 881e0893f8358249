using Lucene.Net.Index;
using Lucene.Net.Store;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

public class BackupTests
{
    private static readonly string[] Queries = ["产学研", "河长制", "科技", "第91号", "王建国", "\"龙湖软件园\""];

    [Fact]
    public async Task A_backup_taken_while_a_writer_commits_is_consistent_and_restores_to_the_same_results()
    {
        using var dir = new TempDir();
        using var writer = ReplyIndex.OpenForWrite(dir.Combine("index"));
        CorpusIndexer.Run(writer, Repo.Corpus);

        // A writer that keeps adding and committing while the backup runs in another process.
        using var stop = new CancellationTokenSource();
        var added = 0;
        var churn = Task.Run(() =>
        {
            var doc = ReplySearch.Core.Parsing.ReplyParser.Parse(SmallIndex.Reply("关于第9号建议的答复", "备份期间写入的答复：瀑布。"), "churn");
            while (!stop.IsCancellationRequested)
            {
                writer.Upsert($"churn{added:D11}", "h", doc with { Source = $"churn/{added}.txt" });
                writer.Commit();
                added++;
            }
        });
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var run = CliProcess.Invoke("backup", "--index", dir.Combine("index"), "--to", dir.Combine($"backup{i}"));
                Assert.True(run.ExitCode == 0, run.Stderr);
                Assert.Contains("backed up commit", run.Stdout);
                using var copy = new NIOFSDirectory(new DirectoryInfo(dir.Combine($"backup{i}")));
                var check = new CheckIndex(copy).DoCheckIndex();
                Assert.True(check.Clean, $"backup {i} is not a clean index");
            }
        }
        finally
        {
            stop.Cancel();
            await churn;
        }
        Assert.True(added > 0);

        // Quiet now: a backup restores to exactly what the index answers.
        var quiet = CliProcess.Invoke("backup", "--index", dir.Combine("index"), "--to", dir.Combine("restored"));
        Assert.Equal(0, quiet.ExitCode);
        using var restored = ReplyIndex.OpenForSearch(dir.Combine("restored"));
        Assert.Equal(writer.Count, restored.Count);
        foreach (var q in Queries.Append("瀑布"))
        {
            Assert.Equal(writer.Search(new SearchRequest { Query = q }).Total, restored.Search(new SearchRequest { Query = q }).Total);
        }
    }

    [Fact]
    public void The_writer_side_backup_holds_a_snapshot()
    {
        using var dir = new TempDir();
        using var writer = ReplyIndex.OpenForWrite(dir.Combine("index"));
        CorpusIndexer.Run(writer, Repo.Corpus);
        var report = writer.Backup(dir.Combine("snap"));
        Assert.Equal(writer.Count, report.Replies);
        using var restored = ReplyIndex.OpenForSearch(dir.Combine("snap"));
        foreach (var q in Queries) Assert.Equal(writer.Search(new SearchRequest { Query = q }).Total, restored.Search(new SearchRequest { Query = q }).Total);
    }

    [Fact]
    public void Backing_up_nothing_is_a_clear_error()
    {
        using var dir = new TempDir();
        var run = CliProcess.Invoke("backup", "--index", dir.Combine("none"), "--to", dir.Combine("b"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no index", run.Stderr);
    }
}
