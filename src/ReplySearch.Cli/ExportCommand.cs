using System.CommandLine;
using System.Text;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Cli;

/// <summary>
/// replysearch export --index DIR --format jsonl|elasticsearch|csv --out FILE [--mapping FILE] [--es-index NAME]: the
/// whole archive as data, streamed reply by reply.
/// </summary>
internal static class ExportCommand
{
    private enum Format { Jsonl, Elasticsearch, Csv }

    public static Command Create()
    {
        var index = new Option<DirectoryInfo>("--index") { Description = "The index folder.", Required = true };
        var format = new Option<Format>("--format") { Description = "jsonl: one reply per line, the parse --json shape plus id; elasticsearch: a bulk file (and --mapping, the index template); csv: as GET /api/export.csv.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The file to write (- for standard output).", Required = true };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "With --format elasticsearch: where to write the index template (analyzers, fields)." };
        var esIndex = new Option<string>("--es-index") { Description = "With --format elasticsearch: the index the bulk file and the template name.", DefaultValueFactory = _ => "replysearch" };
        var cmd = new Command("export", "Write every reply of the index as JSON Lines, an Elasticsearch bulk file with its index template, or CSV.") { index, format, output, mapping, esIndex };
        cmd.SetAction(r =>
        {
            var dir = r.GetValue(index)!;
            var chosen = r.GetValue(format);
            var target = r.GetValue(output)!;
            if (r.GetValue(mapping) is { } m && chosen != Format.Elasticsearch)
            {
                Console.Error.WriteLine("error: --mapping goes with --format elasticsearch");
                return (int)ExitCode.Usage;
            }
            try
            {
                using var idx = ReplyIndex.OpenForSearch(dir.FullName);
                var started = System.Diagnostics.Stopwatch.StartNew();
                var toStdout = target.Name == "-" && target.DirectoryName == Directory.GetCurrentDirectory();
                using var stream = toStdout ? Console.OpenStandardOutput() : target.Create();
                // Excel reads UTF-8 CSV by its BOM; JSON Lines and bulk files take none.
                using var writer = new StreamWriter(stream, new UTF8Encoding(chosen == Format.Csv), 1 << 16);
                var n = chosen switch
                {
                    Format.Jsonl => idx.WithSearcher(s => ArchiveExport.WriteJsonLines(s, writer)),
                    Format.Elasticsearch => idx.WithSearcher(s => ArchiveExport.WriteElasticsearchBulk(s, r.GetValue(esIndex)!, writer)),
                    _ => idx.ExportCsv(new SearchRequest { Sort = SortOrder.Date }, int.MaxValue, writer),
                };
                writer.Flush();
                if (chosen == Format.Elasticsearch && r.GetValue(mapping) is { } mappingFile)
                {
                    File.WriteAllText(mappingFile.FullName, ArchiveExport.ElasticsearchTemplate(r.GetValue(esIndex)!, idx.Analyzers.Lexicon).ToJsonString(Json.Indented));
                }
                if (!toStdout)
                {
                    Console.Error.WriteLine($"exported {n} replies to {target.FullName} in {started.Elapsed.TotalSeconds:F1} s; peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
                }
                return (int)ExitCode.Ok;
            }
            catch (NoIndexException)
            {
                return Errors.NoIndex(dir);
            }
        });
        return cmd;
    }
}
