using System.CommandLine;
using System.Text.Json;
using ReplySearch.Cli.Evaluation;
using ReplySearch.Core.Model;
using Spectre.Console;

namespace ReplySearch.Cli;

/// <summary>
/// replysearch eval --corpus DIR [--queries FILE]: builds the index from the corpus and reports search
/// quality beside a plain SmartCn build. Exits 1 when ReplySearch misses a target, so CI can gate on it.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "The corpus folder.", Required = true };
        var queries = new Option<FileInfo?>("--queries") { Description = "A judged query file (query, file, grade per line)." };
        var samples = new Option<int>("--samples") { Description = "Strings sampled for substring recall.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the sampling.", DefaultValueFactory = _ => 20230006 };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Skip the plain SmartCn comparison." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var fields = new Option<FileInfo?>("--fields") { Description = "An expected-fields table (file, then one column per field) to measure the parser against." };
        var commitments = new Option<FileInfo?>("--commitments") { Description = "A commitment label table (file, sentence id, due, note) to measure the commitment finder against." };
        var cmd = new Command("eval", "Measure search quality on a corpus: substring and variant recall, quoted precision, nDCG@10, latency.")
        {
            corpus, queries, samples, seed, noBaseline, json, fields, commitments,
        };
        cmd.SetAction(r =>
        {
            var corpusDir = r.GetValue(corpus)!;
            var queriesFile = r.GetValue(queries);
            if (!corpusDir.Exists)
            {
                Console.Error.WriteLine($"error: --corpus: folder not found: {corpusDir}");
                return (int)ExitCode.Usage;
            }
            if (queriesFile is { Exists: false })
            {
                Console.Error.WriteLine($"error: --queries: file not found: {queriesFile}");
                return (int)ExitCode.Usage;
            }
            var fieldsFile = r.GetValue(fields);
            if (fieldsFile is { Exists: false })
            {
                Console.Error.WriteLine($"error: --fields: file not found: {fieldsFile}");
                return (int)ExitCode.Usage;
            }
            var commitmentsFile = r.GetValue(commitments);
            if (commitmentsFile is { Exists: false })
            {
                Console.Error.WriteLine($"error: --commitments: file not found: {commitmentsFile}");
                return (int)ExitCode.Usage;
            }
            var work = Path.Combine(Path.GetTempPath(), "replysearch-eval-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var asJson = r.GetValue(json);
                var log = new Progress<string>(m => { if (!asJson) Console.Error.WriteLine(m); });
                var report = Evaluator.Run(corpusDir.FullName, queriesFile?.FullName, work,
                    new Evaluator.Options(Samples: r.GetValue(samples), Seed: r.GetValue(seed), Baseline: !r.GetValue(noBaseline)), log, fieldsFile?.FullName, commitmentsFile?.FullName);
                if (asJson) Console.WriteLine(JsonSerializer.Serialize(report, Json.Indented));
                else Write(report);
                return (int)(report.Passed ? ExitCode.Ok : ExitCode.Failed);
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); }
                catch (IOException) { }
            }
        });
        return cmd;
    }

    private static void Write(EvalReport report)
    {
        var me = report.ReplySearch;
        var plain = report.Plain;
        var or = report.PlainOr;
        var table = new Table().AddColumn("measure").AddColumn(new TableColumn("plain SmartCn").RightAligned())
            .AddColumn(new TableColumn("SmartCn OR BM25").RightAligned())
            .AddColumn(new TableColumn("ReplySearch").RightAligned()).AddColumn(new TableColumn("target").RightAligned());
        void Row(string name, Func<SystemReport, string> f, string target, bool orToo = true) =>
            table.AddRow(name, plain is null ? "—" : f(plain), or is null || !orToo ? "—" : f(or), f(me), target);
        Row($"substring recall ({me.SubstringCases} strings)", s => $"{s.SubstringRecall:P2}", "100%");
        Row($"quoted precision ({me.QuotedCases} strings)", s => $"{s.QuotedPrecision:P2}", "100%");
        Row("quoted recall", s => $"{s.QuotedRecall:P2}", "100%");
        Row($"variant recall ({me.VariantCases} variants)", s => $"{s.VariantRecall:P2}", "100%");
        Row($"nDCG@10 ({me.JudgedQueries} judged queries)", s => $"{s.Ndcg10:F3}", $"≥ {report.Targets.Ndcg10}, > OR");
        Row("P@5", s => $"{s.P5:F3}", "");
        Row("MRR", s => $"{s.Mrr:F3}", "");
        Row("judged queries answered with nothing", s => $"{s.ZeroResultQueries}", $"{report.Targets.ZeroResultQueries}");
        Row("query latency median (ms)", s => $"{s.LatencyMedianMs:F2}", "≤ 2× plain", orToo: false);
        Row("query latency p99 (ms)", s => $"{s.LatencyP99Ms:F2}", "", orToo: false);
        Row("with facets + snippets: median / p99 (ms)", s => s.FullLatencyMedianMs is { } m ? $"{m:F2} / {s.FullLatencyP99Ms:F2}" : "—", "", orToo: false);
        Row("index size", s => $"{s.IndexBytes / 1024.0:F0} KB ({s.IndexBytes / (double)Math.Max(1, report.CorpusBytes):F2}× input)", "");
        AnsiConsole.MarkupLineInterpolated($"[bold]{report.Replies}[/] replies, {report.CorpusBytes / 1024.0:F0} KB of input");
        AnsiConsole.Write(table);
        if (report.Fields is { } fields)
        {
            var ft = new Table().AddColumn("field").AddColumn(new TableColumn("right").RightAligned()).AddColumn(new TableColumn("target").RightAligned());
            foreach (var f in fields.Fields)
            {
                var gated = report.Targets.GatedFields.Contains(f.Field);
                ft.AddRow(f.Field, $"{f.Accuracy:P1} ({f.Right}/{f.Scored})", gated ? $"≥ {report.Targets.FieldAccuracy:P0}" : "");
            }
            ft.AddRow("rejected replies", $"{fields.Rejected.Count} of {fields.Replies}", "0");
            AnsiConsole.Write(ft);
            foreach (var r in fields.Rejected) AnsiConsole.MarkupLineInterpolated($"[red]rejected:[/] {r}");
            foreach (var w in fields.Wrong) AnsiConsole.MarkupLineInterpolated($"[grey]wrong field:[/] {w}");
        }
        if (report.Commitments is { } c)
        {
            var ct = new Table().AddColumn($"commitments ({c.Replies} replies, {c.Labelled} labelled, {c.Found} found)").AddColumn(new TableColumn("measured").RightAligned()).AddColumn(new TableColumn("target").RightAligned());
            ct.AddRow("precision", $"{c.Precision:P1} ({c.Right}/{c.Found})", $"≥ {report.Targets.CommitmentPrecision:P0}");
            ct.AddRow("recall", $"{c.Recall:P1} ({c.Right}/{c.Labelled})", $"≥ {report.Targets.CommitmentRecall:P0}");
            ct.AddRow("deadlines right", $"{c.DueAccuracy:P1} ({c.DueRight}/{c.Right})", $"≥ {report.Targets.CommitmentDue:P0}");
            AnsiConsole.Write(ct);
            foreach (var w in c.Wrong) AnsiConsole.MarkupLineInterpolated($"[grey]commitment:[/] {w}");
        }
        foreach (var f in me.Failures) AnsiConsole.MarkupLineInterpolated($"[grey]failed:[/] {f}");
        if (report.Passed) AnsiConsole.MarkupLine("[green]all targets met[/]");
        foreach (var m in report.Missed) AnsiConsole.MarkupLineInterpolated($"[red]target missed:[/] {m}");
    }
}
