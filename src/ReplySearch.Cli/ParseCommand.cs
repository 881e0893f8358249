using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Cli;

/// <summary>replysearch parse [--json] [--repeat N] [--stats] FILE: the parsed document with all fields, sections and warnings.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A reply file." };
        var json = new Option<bool>("--json") { Description = "Print the document as JSON." };
        var repeat = new Option<int>("--repeat") { Description = "Read the file this many more times and print the parse speed (files/s).", DefaultValueFactory = _ => 0 };
        var stats = new Option<bool>("--stats") { Description = "Print how long reading took and the process's peak working set (for hostile files: read or refused, and at what cost)." };
        var cmd = new Command("parse", "Parse one reply and show its fields.") { file, json, repeat, stats };
        cmd.SetAction(r =>
        {
            var path = r.GetValue(file)!;
            using var process = Process.GetCurrentProcess();
            var startSet = process.WorkingSet64;
            var clock = Stopwatch.StartNew();
            var result = ReplyReader.Read(path.FullName, path.ToString());
            clock.Stop();
            if (r.GetValue(stats))
            {
                process.Refresh();
                Console.WriteLine($"{path.Name}: {(result.Ok ? "read" : "refused")} in {clock.Elapsed.TotalMilliseconds:F0} ms; working set {startSet / 1048576.0:F0} MB before, peak {process.PeakWorkingSet64 / 1048576.0:F0} MB");
            }
            if (!result.Ok)
            {
                Console.Error.WriteLine($"error: {path}: {result.Error}");
                return (int)ExitCode.Failed;
            }
            var times = r.GetValue(repeat);
            if (times < 0)
            {
                Console.Error.WriteLine("error: --repeat: must be 0 or more");
                return (int)ExitCode.Usage;
            }
            if (times > 0)
            {
                // The first read above warmed up the code; these measure reading from disk to a document, per format.
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < times; i++) ReplyReader.Read(path.FullName, path.ToString());
                watch.Stop();
                Console.WriteLine($"parsed {path.Name} ({result.Encoding}) {times} times in {watch.Elapsed.TotalSeconds:F2} s: {times / watch.Elapsed.TotalSeconds:F1} files/s");
                return (int)ExitCode.Ok;
            }
            var doc = result.Document;
            if (r.GetValue(json))
            {
                var node = JsonSerializer.SerializeToNode(doc, Json.Options)!.AsObject();
                node["encoding"] = result.Encoding;
                Console.WriteLine(node.ToJsonString(Json.Indented));
            }
            else
            {
                Output.WriteDocument(doc, result.Encoding);
            }
            return (int)ExitCode.Ok;
        });
        return cmd;
    }
}
