using System.CommandLine;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Cli;

/// <summary>
/// replysearch commitments --index DIR [filters] [--page N --size N] [--json | --csv] [WORDS]: what replies promised
/// (承诺事项), newest reply first, with any deadline; words are looked for in the commitments themselves.
/// </summary>
internal static class CommitmentsCommand
{
    public static Command Create()
    {
        var index = new Option<DirectoryInfo>("--index") { Description = "The index folder.", Required = true };
        var filters = FieldTable.Filters.Select(f => (Field: f, Option: new Option<string?>(f.CliOption!) { Description = f.Description })).ToList();
        var page = new Option<int>("--page") { Description = "Page number, from 1.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Commitments per page (1–100).", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print the page as JSON (the shape of GET /api/commitments)." };
        var csv = new Option<bool>("--csv") { Description = "Write every commitment as CSV (the columns of GET /api/commitments.csv); paging does not apply." };
        var words = new Argument<string[]>("words") { Description = "Words each listed commitment holds (the query language: words ANDed, OR, -word, agency:… year:…).", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("commitments", "List what replies promised to do (承诺事项), with the deadlines they state.") { index };
        foreach (var (_, option) in filters) cmd.Options.Add(option);
        cmd.Options.Add(page);
        cmd.Options.Add(size);
        cmd.Options.Add(json);
        cmd.Options.Add(csv);
        cmd.Arguments.Add(words);
        cmd.SetAction(r =>
        {
            var raw = new Dictionary<string, string?>
            {
                [SearchRequestParser.Query] = string.Join(' ', r.GetValue(words) ?? []),
                [SearchRequestParser.Page] = r.GetValue(page).ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SearchRequestParser.Size] = r.GetValue(size).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var (field, option) in filters) raw[field.Name] = r.GetValue(option);
            if (SearchRequestParser.Parse(name => raw.GetValueOrDefault(name), paged: true, out var errors) is not { } request)
            {
                foreach (var (p, m) in errors) Console.Error.WriteLine($"error: {FieldTable.ByName(p)?.CliOption ?? "--" + p}: {m}");
                return (int)ExitCode.Usage;
            }
            var dir = r.GetValue(index)!;
            try
            {
                using var idx = ReplyIndex.OpenForSearch(dir.FullName);
                if (r.GetValue(csv))
                {
                    var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false));
                    CsvExport.WriteCommitments(output, w => idx.EachCommitment(request, int.MaxValue, w));
                    output.Flush();
                    return (int)ExitCode.Ok;
                }
                var result = idx.Commitments(request);
                if (r.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(result, Json.Indented));
                    return (int)ExitCode.Ok;
                }
                Console.WriteLine($"{result.Total} commitments");
                foreach (var c in result.Items)
                {
                    var due = c.Due is null ? "" : $"  [期限 {c.Due}]";
                    Console.WriteLine($"{c.Id}  {c.Date ?? c.Year?.ToString() ?? "",-10}  {c.Agency}  {c.Title}");
                    Console.WriteLine($"    {c.Section}: {c.Text}{due}");
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
