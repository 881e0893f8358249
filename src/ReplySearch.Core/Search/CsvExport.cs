using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>
/// Every hit of a request as CSV rows (RFC 4180, CRLF), for spreadsheets: the hit's id, source, score and
/// first snippet, and each field of <see cref="FieldTable"/> that has a <see cref="CsvColumn"/>. Columns keep
/// their places (scripts read them by position); a new field's column goes after the last one.
/// </summary>
public static partial class CsvExport
{
    private sealed record Column(string Header, int Position, Func<Hit, string?> Cell);

    private static readonly Column[] Columns =
    [
        .. new Column[]
        {
            new("id", 0, h => h.Id),
            new("source", 1, h => h.Source),
            new("score", 11, h => h.Score.ToString("F3", CultureInfo.InvariantCulture)),
            new("section", 12, h => h.Snippets.FirstOrDefault()?.Section),
            new("snippet", 13, h => h.Snippets.FirstOrDefault() is { } s ? PlainText(s.Html) : null),
            // Which tier the row came from (exact or related, with scope=all): after every other column.
            new("match", 1000, h => h.Match == MatchTier.Exact ? "exact" : "related"),
        }.Concat(FieldTable.All.Where(f => f.Csv is not null).Select(f =>
            new Column(f.Csv!.Header, f.Csv.Position, h => h.Document is { } d ? string.Join("、", f.Read(d)) : null)))
        .OrderBy(c => c.Position),
    ];

    /// <summary>The header line's cells.</summary>
    public static IReadOnlyList<string> Header { get; } = [.. Columns.Select(c => c.Header)];

    /// <summary>Writes the header and up to <paramref name="limit"/> hits; returns how many hits were written.</summary>
    public static int Write(IndexSearcher searcher, Analyzers analyzers, SearchRequest request, int limit, TextWriter output)
    {
        output.Write(string.Join(',', Header));
        output.Write("\r\n");
        var rows = 0;
        foreach (var hit in ReplySearcher.All(searcher, analyzers, request, limit))
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                if (i > 0) output.Write(',');
                Cell(output, Columns[i].Cell(hit));
            }
            output.Write("\r\n");
            rows++;
        }
        return rows;
    }

    /// <summary>The columns of the commitments export, in order.</summary>
    public static IReadOnlyList<string> CommitmentHeader { get; } =
        ["id", "title", "agency", "year", "date", "kind", "handlingRole", "section", "due", "dueText", "text"];

    /// <summary>
    /// Writes the commitments export: the header, then one row per commitment that <paramref name="each"/> hands
    /// over (it streams them while holding the index); returns how many rows were written.
    /// </summary>
    public static int WriteCommitments(TextWriter output, Func<Action<CommitmentItem>, int> each)
    {
        output.Write(string.Join(',', CommitmentHeader));
        output.Write("\r\n");
        return each(c =>
        {
            string?[] cells = [c.Id, c.Title, c.Agency, c.Year?.ToString(CultureInfo.InvariantCulture), c.Date, c.Kind, c.HandlingRole, c.Section, c.Due, c.DueText, c.Text];
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0) output.Write(',');
                Cell(output, cells[i]);
            }
            output.Write("\r\n");
        });
    }

    private static void Cell(TextWriter output, string? value)
    {
        var c = value ?? "";
        // Cells that a spreadsheet would run as a formula are written as text.
        if (c.Length > 0 && c[0] is '=' or '+' or '-' or '@') c = "'" + c;
        output.Write('"');
        output.Write(c.Replace("\"", "\"\""));
        output.Write('"');
    }

    private static string PlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, ""));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
