using System.Diagnostics;
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
    public async Task An_index_run_killed_at_random_moments_completes_on_rerun_with_each_reply_once()
    {
        using var dir = new TempDir();
        var corpus = dir.Combine("corpus");
        Assert.Equal(0, CliProcess.Invoke("generate", "--count", "3000", "--seed", "11", "--out", corpus, "--from", Repo.Corpus).ExitCode);
        var index = dir.Combine("index");
        var rng = new Random(3);
        for (var kill = 0; kill < 3; kill++)
        {
            using var p = CliProcess.Start("index", "--corpus", corpus, "--index", index);
            await Task.Delay(rng.Next(1500, 6000));
            if (!p.HasExited) p.Kill(entireProcessTree: true); // SIGKILL: no finally blocks run
            await p.WaitForExitAsync();
        }
        var rerun = CliProcess.Invoke("index", "--corpus", corpus, "--index", index);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains("failed 0", rerun.Stdout);

        using var clean = new TempDir();
        using var reference = ReplyIndex.OpenForWrite(clean.Combine("index"));
        CorpusIndexer.Run(reference, corpus);
        using var recovered = ReplyIndex.OpenForSearch(index);
        Assert.Equal(3000, recovered.Count);
        Assert.Equal(3000, recovered.StoredHashes().Count); // each reply exactly once
        foreach (var q in new[] { "产学研", "河长制", "科技", "第91号", "王建国" })
        {
            Assert.Equal(reference.Search(new SearchRequest { Query = q }).Total, recovered.Search(new SearchRequest { Query = q }).Total);
        }
    }
}
