using System.Diagnostics;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>One writer per index, stale locks, and an index run killed in the middle.</summary>
public class CrashSafetyTests
{
    [Fact]
    public void A_second_writer_gets_an_error_naming_the_holder()
    {
        using var dir = new TempDir();
        using var first = ReplyIndex.OpenForWrite(dir.Combine("index"));
        var e = Assert.Throws<IndexLockedException>(() => ReplyIndex.OpenForWrite(dir.Combine("index")));
        Assert.Contains($"pid {Environment.ProcessId}", e.Message);
    }

    [Fact]
    public void A_second_process_gets_an_error_naming_the_holder_and_the_index_is_unharmed()
    {
        using var dir = new TempDir();
        using var held = ReplyIndex.OpenForWrite(dir.Combine("index"));
        CorpusIndexer.Run(held, Repo.Corpus);
        var run = CliProcess.Invoke("index", "--corpus", Repo.Corpus, "--index", dir.Combine("index"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"being written by pid {Environment.ProcessId}", run.Stderr);
        Assert.Equal(CorpusOracle.Documents.Count, held.Count);
    }

    [Fact]
    public void A_lock_left_by_a_dead_writer_is_cleared_at_start()
    {
        using var dir = new TempDir();
        var path = dir.Combine("index");
        using (var index = ReplyIndex.OpenForWrite(path)) CorpusIndexer.Run(index, Repo.Corpus);
        // What a killed writer leaves: its lock files (the OS lock died with it) and its note.
        File.WriteAllText(Path.Combine(path, "write.lock"), "");
        File.WriteAllText(Path.Combine(path, "replysearch.lock.holder"), "pid 999999 (replysearch) on elsewhere since 2026-01-01T00:00:00Z");
        using var again = ReplyIndex.OpenForWrite(path);
        Assert.Contains("pid 999999", again.StaleLockHolder);
        Assert.Equal(CorpusOracle.Documents.Count, again.Count);
    }

    [Fact]
    public void An_index_run_killed_at_random_moments_completes_on_rerun_with_each_reply_once()
    {
        // The same command the README gives for the 20-kill run, with 3 kills on a smaller archive.
        using var dir = new TempDir();
        var corpus = dir.Combine("corpus");
        Assert.Equal(0, CliProcess.Invoke("generate", "--count", "3000", "--seed", "11", "--out", corpus, "--from", Repo.Corpus).ExitCode);
        var run = CliProcess.Invoke("killtest", "--corpus", corpus, "--kills", "3", "--seed", "3", "--json");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var report = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(3, report.GetProperty("kills").GetInt32());
        Assert.Equal(3000, report.GetProperty("recoveredReplies").GetInt32());
        Assert.Equal(3000, report.GetProperty("replies").GetInt32());
        Assert.Equal(3000, report.GetProperty("distinctIds").GetInt32());
        Assert.Empty(report.GetProperty("mismatches").EnumerateArray());
    }
}
