using ReplySearch.Core.Model;
using Spectre.Console;

namespace ReplySearch.Cli;

/// <summary>Readable terminal output for documents and search results.</summary>
internal static class Output
{
    public static void WriteDocument(ReplyDocument d, string? encoding)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string k, string? v) => grid.AddRow(new Text(k, new Style(Color.Grey)), new Text(v ?? "—"));
        Row("source", d.Source);
        Row("encoding", encoding);
        Row("agency", d.Agency);
        Row("year", d.Year?.ToString());
        Row("date", d.Date);
        Row("docNumber", d.DocNumber is null ? null : $"{d.DocNumber}  ({d.DocNumberNormalized})");
        Row("title", d.Title);
        Row("kind", d.Kind);
        Row("session", d.Session);
        Row("proposalNumber", d.ProposalNumber);
        Row("proposalTitle", d.ProposalTitle);
        Row("delegates", string.Join("、", d.Delegates) + (d.DelegateCount is { } n ? $" (等{n}位)" : ""));
        Row("addressee", d.Addressee);
        Row("handlingType", d.HandlingType);
        Row("handlingRole", d.HandlingRole);
        Row("contentCategory", d.ContentCategory);
        Row("indexNumber", d.IndexNumber);
        Row("disclosure", d.Disclosure);
        Row("submittedDate", d.SubmittedDate);
        Row("leader", d.Leader);
        Row("handler", d.Handler);
        Row("phone", d.Phone);
        Row("cc", d.Cc);
        foreach (var (k, v) in d.Metadata) Row("meta:" + k, v);
        AnsiConsole.Write(grid);
        AnsiConsole.WriteLine();
        foreach (var s in d.Sections)
        {
            AnsiConsole.Write(new Rule(Markup.Escape(s.Label)).LeftJustified());
            AnsiConsole.WriteLine(s.Text);
        }
        foreach (var w in d.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {w}");
    }
}
