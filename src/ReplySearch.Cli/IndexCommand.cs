using System.CommandLine;
using ReplySearch.Core.Indexing;
using Spectre.Console;

namespace ReplySearch.Cli;

/// <summary>replysearch index --corpus DIR --index DIR: brings the index in line with the corpus folder.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var corpus = new Option<DirectoryInfo?>("--corpus") { Description = "The folder of reply files." };
        var index = new Option<DirectoryInfo?>("--index") { Description = "The index folder (created when missing)." };
        var service = new Option<string?>("--service") { Description = "Reindex through a running service instead (its URL); it re-reads its own corpus folder." };
        var apiKey = new Option<string?>("--api-key") { Description = "The service's write key (or REPLYSEARCH_API_KEY)." };
        var warnings = new Option<bool>("--warnings") { Description = "List the files indexed with missing fields." };
        var cmd = new Command("index", "Index a corpus folder: new and changed files are indexed, removed ones deleted.") { corpus, index, warnings, service, apiKey };
        cmd.SetAction(r =>
        {
            if (r.GetValue(service) is { } text)
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out var url))
                {
                    Console.Error.WriteLine($"error: --service: '{text}' is not a URL");
                    return (int)ExitCode.Usage;
                }
                return ThroughService(url, r.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("REPLYSEARCH_API_KEY"));
            }
            if (r.GetValue(corpus) is not { } c || r.GetValue(index) is not { } i)
            {
                Console.Error.WriteLine("error: --corpus and --index are required (or --service URL)");
                return (int)ExitCode.Usage;
            }
            return Run(c, i, r.GetValue(warnings));
        });
        return cmd;
    }

    private static int Run(DirectoryInfo corpus, DirectoryInfo indexDir, bool listWarnings)
    {
        if (!corpus.Exists)
        {
            Console.Error.WriteLine($"error: corpus folder not found: {corpus}");
            return (int)ExitCode.Usage;
        }
        IndexReport report;
        try
        {
            using var index = ReplyIndex.OpenForWrite(indexDir.FullName);
            report = Console.IsOutputRedirected || Console.IsErrorRedirected
                ? CorpusIndexer.Run(index, corpus.FullName)
                : WithProgressBar(index, corpus.FullName);
        }
        catch (IndexLockedException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return (int)ExitCode.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: cannot index into {indexDir}: {e.Message}");
            return (int)ExitCode.Usage;
        }

        Console.WriteLine($"indexed {report.Indexed}, unchanged {report.Unchanged}, removed {report.Removed}, failed {report.Failed.Count}, skipped {report.Skipped.Count} " +
                          $"({report.Total} files, {report.Bytes / 1024.0 / 1024.0:F1} MB in {report.Elapsed.TotalSeconds:F2} s)");
        foreach (var (path, reason) in report.Failed) Console.WriteLine($"failed: {path}: {reason}");
        foreach (var (path, reason) in report.Skipped) Console.WriteLine($"skipped: {path}: {reason}");
        if (report.Warned.Count > 0 && !listWarnings)
        {
            Console.WriteLine($"{report.Warned.Count} files indexed with missing fields (list them with --warnings)");
        }
        foreach (var (path, warnings) in listWarnings ? report.Warned : [])
        {
            Console.WriteLine($"warning: {path}: {string.Join("; ", warnings)}");
        }
        return (int)ExitCode.Ok;
    }

    /// <summary>A running service owns its index's writer: ask it to reindex (POST /api/reindex).</summary>
    private static int ThroughService(Uri url, string? key)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(30) };
        if (key is not null) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        try
        {
            var response = http.PostAsync("api/reindex", null).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"error: {url} answered {(int)response.StatusCode}: {body}");
                return (int)ExitCode.Usage;
            }
            Console.WriteLine(body);
            return (int)ExitCode.Ok;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"error: cannot reach {url}: {e.Message}");
            return (int)ExitCode.Usage;
        }
    }

    private static IndexReport WithProgressBar(ReplyIndex index, string corpus)
    {
        IndexReport? report = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("indexing", maxValue: 1);
                report = CorpusIndexer.Run(index, corpus, new SynchronousProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }));
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Reports on the calling thread; Spectre's task is thread-safe.</summary>
    private sealed class SynchronousProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
