using System.CommandLine;
using System.Text.Json;
using ReplySearch.Cli.Evaluation;
using ReplySearch.Cli.Generation;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Cli;

/// <summary>
/// replysearch eval-history --archive DIR [--json]: the history's links on an archive written by
/// `replysearch generate --threads`, against its threads.json. Exits 1 below a target, so CI can gate on it.
/// </summary>
internal static class EvalHistoryCommand
{
    public static Command Create()
    {
        var archive = new Option<DirectoryInfo>("--archive") { Description = "An archive written by generate --threads (with its threads.json).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the scores as JSON." };
        var cmd = new Command("eval-history", "Measure the reply history's links (same proposal, same delegate, same topic) and reused paragraphs against a generated archive's ground truth.") { archive, json };
        cmd.SetAction(r =>
        {
            var dir = r.GetValue(archive)!;
            var truthFile = Path.Combine(dir.FullName, ThreadTruth.FileName);
            if (!File.Exists(truthFile))
            {
                Console.Error.WriteLine($"error: --archive: no {ThreadTruth.FileName} in {dir} (write one with replysearch generate --threads)");
                return (int)ExitCode.Usage;
            }
            var truth = JsonSerializer.Deserialize<ThreadTruth>(File.ReadAllText(truthFile), Json.Options)!;
            var work = Path.Combine(Path.GetTempPath(), "replysearch-eval-history-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                using var index = ReplyIndex.OpenForWrite(work);
                var report = CorpusIndexer.Run(index, dir.FullName);
                var scores = HistoryEvaluation.Run(index, truth);
                if (r.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(scores, Json.Indented));
                else
                {
                    Console.WriteLine($"{scores.Replies} replies in threads, {report.Indexed} indexed, {report.Failed.Count} failed");
                    Console.WriteLine($"same proposal: precision {scores.ProposalPrecision:0.000}, recall {scores.ProposalRecall:0.000} (targets ≥ {HistoryScores.LinkTarget})");
                    Console.WriteLine($"same delegate: precision {scores.DelegatePrecision:0.000}, recall {scores.DelegateRecall:0.000} (targets ≥ {HistoryScores.LinkTarget})");
                    Console.WriteLine($"same topic: precision@5 {scores.TopicPrecisionAt5:0.000} (target ≥ {HistoryScores.TopicTarget})");
                    Console.WriteLine($"reused paragraphs: precision {scores.ReusePrecision:0.000}, recall {scores.ReuseRecall:0.000}; boilerplate told apart: precision {scores.BoilerplatePrecision:0.000}, recall {scores.BoilerplateRecall:0.000} (targets ≥ {HistoryScores.ReuseTarget})");
                    Console.WriteLine(scores.Passed ? "all targets met" : "a target was missed");
                }
                return (int)(scores.Passed ? ExitCode.Ok : ExitCode.Failed);
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { }
            }
        });
        return cmd;
    }
}
