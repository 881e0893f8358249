using System.CommandLine;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;
using Spectre.Console;

namespace ReplySearch.Cli;

/// <summary>replysearch search --index DIR [filters] QUERY: ranked hits with snippets, or the result as JSON.</summary>
internal static partial class SearchCommand
{
    public static Command Create()
    {
        var index = new Option<DirectoryInfo>("--index") { Description = "The index folder.", Required = true };
        // One option per filter field of the table, named as the table says (--type for handlingType).
        var filters = FieldTable.Filters.Select(f => (Field: f, Option: new Option<string?>(f.CliOption!) { Description = f.Description })).ToList();
        var sort = new Option<string>("--sort") { Description = "relevance or date.", DefaultValueFactory = _ => "relevance" };
        var scope = new Option<string>("--scope") { Description = "exact (default): count replies holding every term; all: count related replies too.", DefaultValueFactory = _ => "exact" };
        var page = new Option<int>("--page") { Description = "Page number, from 1.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Hits per page (1–100).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var query = new Argument<string[]>("query") { Description = "The query: words, \"phrases\", -exclusions, OR, agency:… year:… delegate:…", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("search", "Search the index.") { index };
        foreach (var (_, option) in filters) cmd.Options.Add(option);
        cmd.Options.Add(sort);
        cmd.Options.Add(scope);
        cmd.Options.Add(page);
        cmd.Options.Add(size);
        cmd.Options.Add(json);
        cmd.Arguments.Add(query);
        cmd.SetAction(r =>
        {
            var raw = new Dictionary<string, string?>
            {
                [SearchRequestParser.Query] = string.Join(' ', r.GetValue(query) ?? []),
                [SearchRequestParser.Sort] = r.GetValue(sort),
                [SearchRequestParser.Scope] = r.GetValue(scope),
                [SearchRequestParser.Page] = r.GetValue(page).ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SearchRequestParser.Size] = r.GetValue(size).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var (field, option) in filters) raw[field.Name] = r.GetValue(option);
            if (SearchRequestParser.Parse(name => raw.GetValueOrDefault(name), paged: true, out var errors) is not { } request)
            {
                // Problems name the API's parameter; the user typed the option.
                foreach (var (p, m) in errors) Console.Error.WriteLine($"error: {FieldTable.ByName(p)?.CliOption ?? "--" + p}: {m}");
                return (int)ExitCode.Usage;
            }
            var dir = r.GetValue(index)!;
            try
            {
                using var idx = ReplyIndex.OpenForSearch(dir.FullName);
                var result = idx.Search(request);
                if (r.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(result, Json.Indented));
                else Write(result);
                return (int)ExitCode.Ok;
            }
            catch (SearchTimeoutException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return (int)ExitCode.Timeout;
            }
            catch (NoIndexException)
            {
                return Errors.NoIndex(dir);
            }
        });
        return cmd;
    }

    private static void Write(SearchResult result)
    {
        var exact = result.Scope == SearchScope.All ? result.Total - (result.RelatedTotal ?? 0) : result.Total;
        if (result.RelatedTotal is > 0 and var related) AnsiConsole.MarkupLineInterpolated($"[bold]{exact}[/] replies hold every term, {related} more are related ({result.TookMs} ms)");
        else AnsiConsole.MarkupLineInterpolated($"[bold]{exact}[/] replies ({result.TookMs} ms)");
        foreach (var n in result.Notices) AnsiConsole.MarkupLineInterpolated($"[yellow]note:[/] {n}");
        var rank = (result.Page - 1) * result.Size;
        var tier = MatchTier.Exact;
        foreach (var h in result.Hits)
        {
            rank++;
            if (h.Match != tier)
            {
                tier = h.Match;
                AnsiConsole.WriteLine();
                AnsiConsole.MarkupLine(exact == 0 ? "[yellow]No reply holds every term; related replies:[/]" : "[yellow]Related replies (not every term):[/]");
            }
            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLineInterpolated($"[bold]{rank}. {h.Title ?? h.Source}[/]  [grey]score {h.Score:F2}[/]");
            var who = h.Delegates.Count > 0 ? string.Join("、", h.Delegates) : "—";
            AnsiConsole.MarkupLineInterpolated($"   [blue]{h.Agency ?? "—"}[/] · {h.Year?.ToString() ?? "—"} · {who} · {h.Kind}{(h.ProposalNumber is null ? "" : " 第" + h.ProposalNumber + "号")} · [grey]{h.Id} {h.Source}[/]");
            foreach (var s in h.Snippets)
            {
                AnsiConsole.MarkupLine($"   [grey]〔{Markup.Escape(s.Section)}〕[/] {ToMarkup(s.Html)}");
            }
        }
        if (result.Hits.Count > 0) WriteFacets(result.Facets);
    }

    private static void WriteFacets(Facets f)
    {
        AnsiConsole.WriteLine();
        foreach (var (name, values) in f)
        {
            if (values.Count == 0) continue;
            AnsiConsole.MarkupLineInterpolated($"[grey]{name}:[/] {string.Join("  ", values.Take(10).Select(v => $"{v.Value} ({v.Count})"))}");
        }
    }

    /// <summary>Snippet HTML → Spectre markup: marks in bold yellow, the rest as plain text.</summary>
    internal static string ToMarkup(string html)
    {
        var parts = MarkTag().Split(html);
        var sb = new System.Text.StringBuilder();
        var inMark = false;
        foreach (var part in parts)
        {
            if (part == "<mark>") { inMark = true; continue; }
            if (part == "</mark>") { inMark = false; continue; }
            var text = Markup.Escape(WebUtility.HtmlDecode(part));
            sb.Append(inMark ? $"[bold yellow]{text}[/]" : text);
        }
        return sb.ToString();
    }

    [GeneratedRegex("(</?mark>)")]
    private static partial Regex MarkTag();
}
