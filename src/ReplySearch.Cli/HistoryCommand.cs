using System.CommandLine;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Cli;

/// <summary>replysearch history --index DIR ID [--json]: the reply's proposal thread, its delegates' other proposals and its topic over the years.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var index = new Option<DirectoryInfo>("--index") { Description = "The index folder.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the history as JSON (the shape of GET /api/replies/{id}/history)." };
        var id = new Argument<string>("id") { Description = "The reply's id, as search shows it." };
        var cmd = new Command("history", "Show what came before and around a reply: the other replies to its proposal, its delegates' other proposals, the same topic in other years.") { index, json, id };
        cmd.SetAction(r =>
        {
            var dir = r.GetValue(index)!;
            try
            {
                using var idx = ReplyIndex.OpenForSearch(dir.FullName);
                var history = idx.History(r.GetValue(id)!.Trim());
                if (history is null)
                {
                    Console.Error.WriteLine($"error: no reply with id {r.GetValue(id)}");
                    return (int)ExitCode.Failed;
                }
                if (r.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(history, Json.Indented));
                    return (int)ExitCode.Ok;
                }
                Console.WriteLine("同一建议的其他答复 (the same proposal):");
                Write(history.Proposal);
                foreach (var d in history.Delegates)
                {
                    Console.WriteLine($"{d.Name} 的其他建议 (their other proposals):");
                    Write(d.Replies);
                }
                Console.WriteLine("历年同类答复 (the same topic in other years):");
                Write(history.Topic);
                return (int)ExitCode.Ok;
            }
            catch (NoIndexException)
            {
                return Errors.NoIndex(dir);
            }
        });
        return cmd;
    }

    private static void Write(IEnumerable<ReplyRef> refs)
    {
        var any = false;
        foreach (var r in refs)
        {
            any = true;
            var similarity = r is TopicReply t ? $"  (相似度 {t.Similarity:0.00})" : "";
            Console.WriteLine($"  {r.Id}  {r.Date ?? r.Year?.ToString() ?? "",-10}  {r.HandlingRole}  {r.Agency}  {r.Title}{similarity}");
        }
        if (!any) Console.WriteLine("  (none)");
    }
}
