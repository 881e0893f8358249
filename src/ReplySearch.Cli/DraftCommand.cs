using System.CommandLine;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Cli;

/// <summary>replysearch draft --index DIR [--agency A] [--json] FILE: earlier replies and reusable paragraphs for a new proposal's text.</summary>
internal static class DraftCommand
{
    public static Command Create()
    {
        var index = new Option<DirectoryInfo>("--index") { Description = "The index folder.", Required = true };
        var agency = new Option<string?>("--agency") { Description = "The agency drafting the reply: its paragraphs come first." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the shape of POST /api/draft)." };
        var file = new Argument<FileInfo>("file") { Description = "A text file holding the new proposal (or its title); - reads standard input." };
        var cmd = new Command("draft", "Find the earlier replies and the paragraphs most worth reusing for a new proposal.") { index, agency, json, file };
        cmd.SetAction(r =>
        {
            var input = r.GetValue(file)!;
            string text;
            if (input.ToString() == "-") text = Console.In.ReadToEnd();
            else if (!input.Exists)
            {
                Console.Error.WriteLine($"error: file not found: {input}");
                return (int)ExitCode.Usage;
            }
            else text = File.ReadAllText(input.FullName);
            if (string.IsNullOrWhiteSpace(text))
            {
                Console.Error.WriteLine("error: the proposal's text is empty");
                return (int)ExitCode.Usage;
            }
            var dir = r.GetValue(index)!;
            try
            {
                using var idx = ReplyIndex.OpenForSearch(dir.FullName);
                var result = idx.Draft(text.Length > Core.Search.DraftHelper.MaxTextLength ? text[..Core.Search.DraftHelper.MaxTextLength] : text, r.GetValue(agency));
                if (r.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(result, Json.Indented));
                    return (int)ExitCode.Ok;
                }
                Console.WriteLine("相似的答复 (earlier replies):");
                foreach (var h in result.Replies) Console.WriteLine($"  {h.Id}  {h.Date ?? h.Year?.ToString() ?? "",-10}  {h.Agency}  {h.Title}");
                Console.WriteLine("可复用的段落 (paragraphs worth reusing):");
                foreach (var p in result.Paragraphs) Console.WriteLine($"  [{p.Score:0.00}] {p.Source.Agency} {p.Source.Year} · {p.Section}\n      {p.Text}");
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
