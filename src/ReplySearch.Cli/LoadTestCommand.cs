using System.CommandLine;
using ReplySearch.Cli.Benchmarking;

namespace ReplySearch.Cli;

/// <summary>
/// replysearch loadtest --url URL --api-key KEY: many searching clients and a writer against a service on this machine;
/// replysearch loadtest --adversarial: an ordinary client's medians alone and while attackers send expensive queries.
/// </summary>
internal static class LoadTestCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running service (loopback only).", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
        var apiKey = new Option<string?>("--api-key") { Description = "A write key of the service (or REPLYSEARCH_API_KEY)." };
        var clients = new Option<int>("--clients") { Description = $"Concurrent searching clients (at most {LoadTest.MaxClients}).", DefaultValueFactory = _ => 16 };
        var seconds = new Option<double>("--seconds") { Description = $"How long (at most {LoadTest.MaxSeconds}).", DefaultValueFactory = _ => 60 };
        var queries = new Option<FileInfo?>("--queries") { Description = "Queries, one a line (default: a built-in handful)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var adversarial = new Option<bool>("--adversarial") { Description = $"Measure fairness instead: one ordinary client alone, then while --clients attackers from 127.0.0.2 send the most expensive queries; fails when its medians grow more than {AdversarialLoadTest.MaxSlowdown}-fold. Needs no key." };
        var cmd = new Command("loadtest", "Search from many clients while a writer adds and deletes replies; check that nothing fails and nothing is lost.")
        {
            url, apiKey, clients, seconds, queries, json, adversarial,
        };
        cmd.SetAction(r =>
        {
            var list = r.GetValue(queries) is { Exists: true } f
                ? File.ReadAllLines(f.FullName).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
                : ["产学研", "河长制", "科技", "王建国", "第91号", "乡村振兴 产业", "高企", "year:2021..2023 教育"];
            if (!Uri.TryCreate(r.GetValue(url), UriKind.Absolute, out var target))
            {
                Console.Error.WriteLine($"error: --url: '{r.GetValue(url)}' is not a URL");
                return (int)ExitCode.Usage;
            }
            if (r.GetValue(adversarial)) return Adversarial(target, r.GetValue(clients), r.GetValue(seconds), list, r.GetValue(json));
            var key = r.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("REPLYSEARCH_API_KEY");
            if (string.IsNullOrEmpty(key))
            {
                Console.Error.WriteLine("error: --api-key (or REPLYSEARCH_API_KEY) is needed: the writer uploads and deletes replies");
                return (int)ExitCode.Usage;
            }
            try
            {
                var report = LoadTest.Run(target, key, r.GetValue(clients), r.GetValue(seconds), list, Console.Error.WriteLine).GetAwaiter().GetResult();
                if (r.GetValue(json))
                {
                    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, Core.Model.Json.Indented));
                    return (int)(report.Passed ? ExitCode.Ok : ExitCode.Failed);
                }
                Console.WriteLine($"{report.Clients} clients for {report.Seconds} s: {report.Searches} searches served ({report.Qps} /s), p50 {report.P50Ms} ms, p99 {report.P99Ms} ms; " +
                                  $"5xx: {report.ServerErrors}, failed searches: {report.FailedSearches}");
                Console.WriteLine($"writer: {report.Uploads} uploads, {report.Deletes} deletes, {report.WriterErrors} errors; {report.LeftByWriter} replies left, each checked");
                foreach (var m in report.Mismatches.Take(20)) Console.WriteLine($"mismatch: {m}");
                Console.WriteLine(report.Passed ? "PASS" : "FAIL");
                return (int)(report.Passed ? ExitCode.Ok : ExitCode.Failed);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return (int)ExitCode.Usage;
            }
        });
        return cmd;
    }

    private static int Adversarial(Uri target, int attackers, double seconds, IReadOnlyList<string> queries, bool json)
    {
        try
        {
            var report = AdversarialLoadTest.Run(target, attackers, seconds, queries, Console.Error.WriteLine).GetAwaiter().GetResult();
            if (json)
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, Core.Model.Json.Indented));
                return (int)(report.Passed ? ExitCode.Ok : ExitCode.Failed);
            }
            foreach (var phase in new[] { report.Idle, report.UnderAttack })
                Console.WriteLine($"{phase.Phase}: search p50 {phase.SearchP50Ms} ms ({phase.Searches}), health p50 {phase.HealthP50Ms} ms ({phase.HealthChecks})");
            Console.WriteLine($"slowdown under attack: search {report.SearchSlowdown}x, health {report.HealthSlowdown}x (at most {report.MaxSlowdown}x); " +
                              $"attack: {report.AttackServed} served, {report.AttackRefused} refused (429); 5xx: {report.ServerErrors}");
            Console.WriteLine(report.Passed ? "PASS" : "FAIL");
            return (int)(report.Passed ? ExitCode.Ok : ExitCode.Failed);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return (int)ExitCode.Usage;
        }
    }
}
