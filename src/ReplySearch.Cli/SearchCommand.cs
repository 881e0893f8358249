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
        var agency = new Option<string?>("--agency") { Description = "Only replies of this agency (承办单位)." };
        var year = new Option<string?>("--year") { Description = "A year or a range: 2023 or 2021..2023." };
        var delegate_ = new Option<string?>("--delegate") { Description = "Only replies to this delegate or member." };
        var kind = new Option<string?>("--kind") { Description = "人大建议, 政协提案 or 其他." };
        var type = new Option<string?>("--type") { Description = "Handling type A, B, C or D." };
        var section = new Option<string?>("--section") { Description = "Only replies with a section heading containing this." };
        var category = new Option<string?>("--category") { Description = "Only replies the portal files under this 内容分类." };
        var role = new Option<string?>("--role") { Description = "主办 (the main reply), 协办 or 会办." };
        var disclosure = new Option<string?>("--disclosure") { Description = "Only replies with this 公开方式." };
        var sort = new Option<string>("--sort") { Description = "relevance or date.", DefaultValueFactory = _ => "relevance" };
        var page = new Option<int>("--page") { Description = "Page number, from 1.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Hits per page (1–100).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var query = new Argument<string[]>("query") { Description = "The query: words, \"phrases\", -exclusions, OR, agency:… year:… delegate:…", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("search", "Search the index.") { index, agency, year, delegate_, kind, type, section, category, role, disclosure, sort, page, size, json, query };
        cmd.SetAction(r =>
        {
            var yearText = r.GetValue(year);
            YearRange? range = null;
            if (yearText is not null)
            {
                if (!YearRange.TryParse(yearText, out var y))
                {
                    Console.Error.WriteLine($"error: --year: '{yearText}' is not a year or range (2023 or 2021..2023)");
                    return 2;
                }
                range = y;
            }
            var sortText = r.GetValue(sort)!;
            if (!Enum.TryParse<SortOrder>(sortText, ignoreCase: true, out var order) || int.TryParse(sortText, out _))
            {
                Console.Error.WriteLine($"error: --sort: '{sortText}' is not relevance or date");
                return 2;
            }
            var request = new SearchRequest
            {
                Query = string.Join(' ', r.GetValue(query) ?? []),
                Agency = r.GetValue(agency),
                Year = range,
                Delegate = r.GetValue(delegate_),
                Kind = r.GetValue(kind),
                HandlingType = r.GetValue(type),
                Section = r.GetValue(section),
                ContentCategory = r.GetValue(category),
                HandlingRole = r.GetValue(role),
                Disclosure = r.GetValue(disclosure),
                Sort = order,
                Page = r.GetValue(page),
                Size = r.GetValue(size),
            };
            var errors = request.Validate();
            if (errors.Count > 0)
            {
                foreach (var (p, m) in errors) Console.Error.WriteLine($"error: --{p}: {m}");
                return 2;
            }
            var dir = r.GetValue(index)!;
            try
            {
                using var idx = ReplyIndex.OpenForSearch(dir.FullName);
                var result = idx.Search(request);
                if (r.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(result, Json.Indented));
                else Write(result);
                return 0;
            }
            catch (SearchTimeoutException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 3;
            }
            catch (Exception e) when (e is Lucene.Net.Index.IndexNotFoundException or DirectoryNotFoundException)
            {
                Console.Error.WriteLine($"error: no index at {dir}; run 'replysearch index --corpus DIR --index {dir}' first");
                return 2;
            }
        });
        return cmd;
    }

    private static void Write(SearchResult result)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{result.Total}[/] replies ({result.TookMs} ms)");
        foreach (var n in result.Notices) AnsiConsole.MarkupLineInterpolated($"[yellow]note:[/] {n}");
        var rank = (result.Page - 1) * result.Size;
        foreach (var h in result.Hits)
        {
            rank++;
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
        void Line(string name, IReadOnlyList<FacetValue> values)
        {
            if (values.Count == 0) return;
            AnsiConsole.MarkupLineInterpolated($"[grey]{name}:[/] {string.Join("  ", values.Take(10).Select(v => $"{v.Value} ({v.Count})"))}");
        }
        Line("agency", f.Agency);
        Line("year", f.Year);
        Line("delegate", f.Delegate);
        Line("kind", f.Kind);
        Line("handlingType", f.HandlingType);
        Line("contentCategory", f.ContentCategory);
        Line("handlingRole", f.HandlingRole);
        Line("disclosure", f.Disclosure);
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
