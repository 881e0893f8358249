using System.CommandLine;
using ReplySearch.Cli.Benchmarking;

namespace ReplySearch.Cli;

/// <summary>replysearch killtest --corpus DIR [--kills N] [--seed S]: SIGKILL indexing at random moments, then compare with a clean build.</summary>
internal static class KillTestCommand
{
    public static Command Create()
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "A corpus large enough to be killed mid-run (e.g. replysearch generate --count 20000).", Required = true };
        var kills = new Option<int>("--kills") { Description = "How many times to kill the index run.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the kill moments.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var cmd = new Command("killtest", "Kill indexing with SIGKILL at random moments; the re-run must equal a clean build.") { corpus, kills, seed, json };
        cmd.SetAction(r =>
        {
            var work = Path.Combine(Path.GetTempPath(), "replysearch-killtest-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var report = KillTest.Run(r.GetValue(corpus)!.FullName, work, Math.Max(1, r.GetValue(kills)), r.GetValue(seed), Console.Error.WriteLine);
                if (r.GetValue(json))
                {
                    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, Core.Model.Json.Indented));
                    return (int)(report.Passed ? ExitCode.Ok : ExitCode.Failed);
                }
                Console.WriteLine($"kills: {report.Kills} ({report.KilledMidRun} mid-run); replies: {report.RecoveredReplies} after kills and re-run, {report.Replies} in a clean build, {report.DistinctIds} distinct ids; {report.Seconds} s");
                foreach (var m in report.Mismatches) Console.WriteLine($"mismatch: {m}");
                Console.WriteLine(report.Passed ? "PASS: the index equals a clean build" : "FAIL");
                return (int)(report.Passed ? ExitCode.Ok : ExitCode.Failed);
            }
            finally
            {
                if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            }
        });
        return cmd;
    }
}
