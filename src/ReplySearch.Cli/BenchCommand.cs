using System.CommandLine;
using System.Text.Json;
using ReplySearch.Cli.Benchmarking;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using Spectre.Console;

namespace ReplySearch.Cli;

/// <summary>replysearch bench --corpus DIR --queries FILE [--clients N] [--seconds S]: indexing and search figures.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "The corpus to index (e.g. one from replysearch generate).", Required = true };
        var queries = new Option<FileInfo>("--queries") { Description = "Queries, one a line (# starts a comment).", Required = true };
        var clients = new Option<int[]>("--clients") { Description = "Concurrent clients to measure besides 1 (repeatable).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [2] };
        var seconds = new Option<double>("--seconds") { Description = "Seconds per search measurement.", DefaultValueFactory = _ => 10 };
        var runs = new Option<int>("--runs") { Description = "Runs per measurement; figures are their medians.", DefaultValueFactory = _ => 3 };
        var indexRuns = new Option<int>("--index-runs") { Description = "Timed index builds, after an untimed one of a slice of the corpus; the figures are the median build's.", DefaultValueFactory = _ => 1 };
        var indexDir = new Option<DirectoryInfo?>("--index") { Description = "Where to build the index (default: a temporary folder, removed after)." };
        var skipIndex = new Option<bool>("--skip-index") { Description = "Measure searching on the existing --index only." };
        var omittable = string.Join(", ", ReplyIndex.OmittableFields.Order(StringComparer.Ordinal));
        var omit = new Option<string[]>("--omit-field")
        {
            Description = $"Build without this body field ({omittable}; repeatable) to measure what it costs to index. Searching is then not measured.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var cmd = new Command("bench", "Benchmark indexing and searching.") { corpus, queries, clients, seconds, runs, indexRuns, indexDir, skipIndex, omit, json };
        cmd.SetAction(r =>
        {
            var queryFile = r.GetValue(queries)!;
            if (!queryFile.Exists)
            {
                Console.Error.WriteLine($"error: --queries: file not found: {queryFile}");
                return (int)ExitCode.Usage;
            }
            var list = File.ReadAllLines(queryFile.FullName).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            if (list.Count == 0)
            {
                Console.Error.WriteLine("error: --queries: no queries in the file");
                return (int)ExitCode.Usage;
            }
            var temp = r.GetValue(indexDir) is null;
            var dir = r.GetValue(indexDir)?.FullName ?? Path.Combine(Path.GetTempPath(), "replysearch-bench-" + Guid.NewGuid().ToString("N")[..8]);
            if (r.GetValue(skipIndex) && (temp || !Directory.Exists(dir)))
            {
                Console.Error.WriteLine("error: --skip-index needs an existing --index");
                return (int)ExitCode.Usage;
            }
            var omitted = (r.GetValue(omit) ?? []).ToHashSet(StringComparer.Ordinal);
            if (omitted.FirstOrDefault(f => !ReplyIndex.OmittableFields.Contains(f)) is { } bad)
            {
                Console.Error.WriteLine($"error: --omit-field: '{bad}' is not one of {omittable}");
                return (int)ExitCode.Usage;
            }
            if (omitted.Count > 0 && r.GetValue(skipIndex))
            {
                Console.Error.WriteLine("error: --omit-field measures indexing; it cannot be combined with --skip-index");
                return (int)ExitCode.Usage;
            }
            var asJson = r.GetValue(json);
            try
            {
                var report = Bench.Run(new Bench.Options(r.GetValue(corpus)!.FullName, dir, list, r.GetValue(clients) ?? [2], r.GetValue(seconds), Math.Max(1, r.GetValue(runs)), r.GetValue(skipIndex), Math.Max(1, r.GetValue(indexRuns))) { OmitFields = omitted },
                    m => { if (!asJson) Console.Error.WriteLine(m); });
                if (asJson) Console.WriteLine(JsonSerializer.Serialize(report, Json.Indented));
                else Write(report);
                return (int)ExitCode.Ok;
            }
            finally
            {
                if (temp && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        });
        return cmd;
    }

    private static void Write(BenchReport r)
    {
        if (r.Index is { } i)
        {
            if (i.OmittedFields.Count > 0) AnsiConsole.MarkupLineInterpolated($"[bold]built without[/] {string.Join(", ", i.OmittedFields)}: searching is not measured on such an index");
            AnsiConsole.MarkupLineInterpolated($"[bold]indexing[/]: {i.Replies} replies, {i.InputBytes / 1048576.0:F1} MB in {i.Seconds:F1} s = {i.RepliesPerSecond:F0} replies/s, {i.MbPerSecond:F2} MB/s; index {i.IndexBytes / 1048576.0:F1} MB ({i.IndexBytes / (double)Math.Max(1, i.InputBytes):F2}× input); peak working set {i.PeakWorkingSetBytes / 1048576.0:F0} MB (median of {i.Runs} builds)");
        }
        if (r.Search.Count == 0) return;
        var table = new Table().AddColumns("clients", "p50 ms", "p95 ms", "p99 ms", "queries/s", "queries");
        foreach (var s in r.Search) table.AddRow(s.Clients.ToString(), $"{s.P50Ms:F2}", $"{s.P95Ms:F2}", $"{s.P99Ms:F2}", $"{s.Qps:F0}", s.Queries.ToString());
        AnsiConsole.MarkupLineInterpolated($"[bold]searching[/] {r.IndexedReplies} replies with {r.Queries} queries (highlighted top 10 + facets), medians of {r.Runs} runs × {r.SecondsPerMeasurement} s:");
        AnsiConsole.Write(table);
        if (r.SlowestQueries.Count > 0)
        {
            var slow = new Table().AddColumns("slowest queries (1 client)", "median ms", "max ms", "hits", "searches");
            foreach (var q in r.SlowestQueries) slow.AddRow(Markup.Escape(q.Query), $"{q.MedianMs:F2}", $"{q.MaxMs:F2}", q.Hits.ToString(), q.Samples.ToString());
            AnsiConsole.Write(slow);
        }
        if (r.PhraseCache is { } pc)
            AnsiConsole.MarkupLineInterpolated($"[bold]phrase cache[/]: {pc.Entries} entries, {pc.Bytes / 1048576.0:F0} MB; without it, 1 client: p50 {pc.Uncached.P50Ms:F2} ms, p95 {pc.Uncached.P95Ms:F2}, p99 {pc.Uncached.P99Ms:F2}, {pc.Uncached.Qps:F1} q/s");
        if (r.Facets is { } f) AnsiConsole.MarkupLineInterpolated($"[bold]facets[/] over {f.Hits} hits: {f.WithMs:F2} ms with, {f.WithoutMs:F2} ms without = {f.CostMs:F2} ms");
        if (r.Reuse is { } u)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]reuse and history[/] on {u.Replies} replies, p50 / p95: history {u.History.P50Ms:F1} / {u.History.P95Ms:F1} ms, paragraphs {u.Paragraphs.P50Ms:F1} / {u.Paragraphs.P95Ms:F1} ms, draft {u.Draft.P50Ms:F1} / {u.Draft.P95Ms:F1} ms, commitments {u.Commitments.P50Ms:F1} / {u.Commitments.P95Ms:F1} ms");
            if (u.Similar is { } sim) AnsiConsole.MarkupLineInterpolated($"[bold]similar replies[/] p50 / p95: {sim.P50Ms:F1} / {sim.P95Ms:F1} ms");
        }
        AnsiConsole.MarkupLineInterpolated($"[bold]start to first answer[/] (new process, existing index): {r.StartToFirstAnswerMs:F0} ms; working set while serving {r.ServeWorkingSetBytes / 1048576.0:F0} MB");
        if (r.Machine is { } m)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]machine[/] (compare runs through it): SmartCn {m.Before.SegmentMbPerSecond:F2} → {m.After.SegmentMbPerSecond:F2} MB/s on one thread, memory latency {m.Before.MemoryLatencyNs:F0} → {m.After.MemoryLatencyNs:F0} ns (before → after)");
        }
    }
}
