using System.CommandLine;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Cli;

/// <summary>replysearch parse [--json] FILE: the parsed document with all fields, sections and warnings.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A reply file." };
        var json = new Option<bool>("--json") { Description = "Print the document as JSON." };
        var cmd = new Command("parse", "Parse one reply and show its fields.") { file, json };
        cmd.SetAction(r =>
        {
            var path = r.GetValue(file)!;
            var result = ReplyReader.Read(path.FullName, path.ToString());
            if (!result.Ok)
            {
                Console.Error.WriteLine($"error: {path}: {result.Error}");
                return 1;
            }
            var doc = result.Document!;
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
            return 0;
        });
        return cmd;
    }
}
