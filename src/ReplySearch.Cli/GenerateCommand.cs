using System.CommandLine;
using ReplySearch.Cli.Generation;

namespace ReplySearch.Cli;

/// <summary>
/// replysearch generate --count N --seed S --out DIR [--from DIR]: a synthetic archive for benchmarks;
/// replysearch generate --hostile --out DIR: the hostile files of the hardening review, for parse --stats.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "How many replies (required unless --hostile)." };
        var threads = new Option<bool>("--threads") { Description = "Write an archive whose links are known instead: proposal threads, delegates over several years, topics over several years, with threads.json (for eval-history); --count ordinary replies are added as noise." };
        var hostile = new Option<bool>("--hostile") { Description = "Write the hostile files instead (decompression bombs, pathological HTML, broken Word packages): each must be refused with a reason or read within bounds." };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same archive.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write (1,000 replies a subfolder).", Required = true };
        var from = new Option<DirectoryInfo>("--from") { Description = "The corpus whose sentences are recombined.", DefaultValueFactory = _ => new DirectoryInfo("corpus") };
        var cmd = new Command("generate", "Write a deterministic synthetic archive in the shapes of the corpus samples.") { count, seed, output, from, hostile, threads };
        cmd.SetAction(r =>
        {
            if (r.GetValue(hostile))
            {
                foreach (var path in HostileFiles.WriteAll(r.GetValue(output)!.FullName))
                {
                    var fault = HostileFiles.All.Single(f => f.Name == Path.GetFileName(path)).Fault;
                    Console.WriteLine($"{path} ({new FileInfo(path).Length / 1024.0:F0} KB): {fault}");
                }
                return (int)ExitCode.Ok;
            }
            if (r.GetValue(threads))
            {
                var sentences = r.GetValue(from)!;
                if (!sentences.Exists)
                {
                    Console.Error.WriteLine($"error: --from: corpus folder not found: {sentences}");
                    return (int)ExitCode.Usage;
                }
                var written = new ThreadGenerator(new ArchiveGenerator(sentences.FullName)).Generate(r.GetValue(seed), r.GetValue(output)!.FullName, Math.Max(0, r.GetValue(count)));
                Console.WriteLine($"wrote {written} replies and {ThreadTruth.FileName} to {r.GetValue(output)}");
                return (int)ExitCode.Ok;
            }
            var n = r.GetValue(count);
            if (n < 1)
            {
                Console.Error.WriteLine("error: --count must be 1 or more");
                return (int)ExitCode.Usage;
            }
            var source = r.GetValue(from)!;
            if (!source.Exists)
            {
                Console.Error.WriteLine($"error: --from: corpus folder not found: {source}");
                return (int)ExitCode.Usage;
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var generator = new ArchiveGenerator(source.FullName);
            var bytes = generator.Generate(n, r.GetValue(seed), r.GetValue(output)!.FullName);
            Console.WriteLine($"wrote {n} replies, {bytes / 1024.0 / 1024.0:F1} MB ({bytes / n} bytes each on average) to {r.GetValue(output)} in {watch.Elapsed.TotalSeconds:F1} s");
            return (int)ExitCode.Ok;
        });
        return cmd;
    }
}
