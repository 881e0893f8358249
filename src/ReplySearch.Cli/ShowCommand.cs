using System.CommandLine;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Cli;

/// <summary>replysearch show --index DIR ID: one reply from the index.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var index = new Option<DirectoryInfo>("--index") { Description = "The index folder.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the document as JSON." };
        var id = new Argument<string>("id") { Description = "The reply's id, as search shows it." };
        var cmd = new Command("show", "Show one indexed reply.") { index, json, id };
        cmd.SetAction(r =>
        {
            var dir = r.GetValue(index)!;
            try
            {
                using var idx = ReplyIndex.OpenForSearch(dir.FullName);
                var doc = idx.Get(r.GetValue(id)!.Trim());
                if (doc is null)
                {
                    Console.Error.WriteLine($"error: no reply with id {r.GetValue(id)}");
                    return (int)ExitCode.Failed;
                }
                if (r.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(doc, Json.Indented));
                else Output.WriteDocument(doc, null);
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
