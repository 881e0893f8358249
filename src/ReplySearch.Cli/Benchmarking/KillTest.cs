using System.Diagnostics;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;

namespace ReplySearch.Cli.Benchmarking;

public sealed record KillTestReport(int Kills, int KilledMidRun, int Replies, int RecoveredReplies, int DistinctIds, IReadOnlyList<string> Mismatches, double Seconds)
{
    public bool Passed => Mismatches.Count == 0 && RecoveredReplies == Replies && DistinctIds == Replies;
}

/// <summary>
/// Crash safety, measured: `replysearch index` is started again and again on one index and killed with
/// SIGKILL at random moments; then a last run completes it, and the result must equal a clean build:
/// every reply exactly once, the same hit counts for a set of queries.
/// </summary>
public static class KillTest
{
    private static readonly string[] Queries = ["产学研", "河长制", "科技", "第91号", "王建国", "乡村振兴", "\"高新技术企业\"", "高企"];

    public static KillTestReport Run(string corpus, string work, int kills, int seed, Action<string> log)
    {
        var watch = Stopwatch.StartNew();
        var index = Path.Combine(work, "killed");
        var clean = Path.Combine(work, "clean");
        var rng = new Random(seed);
        var killedMidRun = 0;
        for (var k = 0; k < kills; k++)
        {
            using var p = Start("index", "--corpus", corpus, "--index", index);
            // Random moments, from while the dictionaries load to deep into the run.
            Thread.Sleep(rng.Next(300, 8000));
            var wasRunning = !p.HasExited;
            if (wasRunning) p.Kill(entireProcessTree: true);
            p.WaitForExit();
            if (wasRunning) killedMidRun++;
            log($"kill {k + 1}/{kills}: {(wasRunning ? "killed mid-run" : "had already finished")}");
        }
        log("final run …");
        using (var last = Start("index", "--corpus", corpus, "--index", index)) last.WaitForExit();
        log("clean build …");
        using (var reference = ReplyIndex.OpenForWrite(clean)) CorpusIndexer.Run(reference, corpus);

        using var a = ReplyIndex.OpenForSearch(index);
        using var b = ReplyIndex.OpenForSearch(clean);
        var mismatches = new List<string>();
        foreach (var q in Queries)
        {
            var got = a.Search(new SearchRequest { Query = q }).Total;
            var want = b.Search(new SearchRequest { Query = q }).Total;
            if (got != want) mismatches.Add($"{q}: {got} after kills, {want} clean");
        }
        var hashes = a.StoredHashes();
        var cleanHashes = b.StoredHashes();
        foreach (var (id, hash) in cleanHashes)
        {
            if (!hashes.TryGetValue(id, out var h) || h != hash) mismatches.Add($"reply {id} differs or is missing");
            if (mismatches.Count > 20) break;
        }
        return new KillTestReport(kills, killedMidRun, b.Count, a.Count, hashes.Count, mismatches, Math.Round(watch.Elapsed.TotalSeconds, 1));
    }

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replysearch.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }
}
