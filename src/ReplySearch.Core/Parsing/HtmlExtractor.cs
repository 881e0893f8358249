using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// A saved portal page → the text the reply parser reads: the page's metadata table as 标签：值 lines, then
/// the reply's own text, with navigation, share buttons, 上一篇/下一篇, footers, scripts and styles dropped.
/// The main block is the element holding the most Chinese text once chrome is gone. Pure: bytes in, text out.
/// </summary>
public static partial class HtmlExtractor
{
    static HtmlExtractor() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string[] ChromeHints = ["nav", "menu", "footer", "foot", "header", "share", "breadcrumb", "crumb", "position", "location", "print", "close", "sidebar", "related", "pager", "prev", "next", "copyright", "toolbar"];

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article", "dd", "dt", "dl", "blockquote", "pre", "center",
    };

    /// <summary>
    /// Decodes a page (the charset its container names, e.g. an MHTML part's header, else the one the page
    /// declares, else detection) and extracts the reply's text.
    /// </summary>
    public static TextDecoder.Decoded Extract(byte[] bytes, string? containerCharset = null, CancellationToken cancel = default)
    {
        var decoded = (containerCharset is not null ? DecodeAs(bytes, containerCharset, "mime") : null) ?? Decode(bytes);
        return decoded with { Text = ExtractText(decoded.Text, cancel) };
    }

    /// <summary>
    /// A portal page has a few thousand elements nested a few dozen deep. The HTML parser's cost grows with
    /// elements × depth (each start tag looks through the open elements), so a page beyond these is refused
    /// from a linear scan of its tags, before any tree is built.
    /// </summary>
    public const int MaxElements = 100_000;

    /// <inheritdoc cref="MaxElements"/>
    public const int MaxDepth = 1_000;

    public static string ExtractText(string html, CancellationToken cancel = default)
    {
        var shape = HtmlShape.Measure(html);
        if (shape.Depth > MaxDepth)
            throw new InvalidDataException($"an HTML page nested more than {MaxDepth:N0} elements deep ({shape.Depth:N0}; a reply page nests a few dozen): refused unread");
        if (shape.Elements > MaxElements)
            throw new InvalidDataException($"an HTML page of more than {MaxElements:N0} elements ({shape.Elements:N0}; a reply page has a few thousand): refused unread");
        var document = new HtmlParser().ParseDocument(html);
        cancel.ThrowIfCancellationRequested();
        foreach (var e in document.QuerySelectorAll("script, style, noscript, iframe, nav, header, footer, form, button, select, object").ToList()) e.Remove();
        // Counted once for the whole tree (linear), not per element from its TextContent (elements × depth).
        var chinese = new SubtreeCounts(document, c => c is >= '\u4E00' and <= '\u9FFF');
        foreach (var e in document.QuerySelectorAll("[class], [id]").ToList())
        {
            var names = ((e.GetAttribute("class") ?? "") + " " + (e.GetAttribute("id") ?? "")).ToLowerInvariant();
            // Document order: an element inside removed chrome is checked with counts that still include it, as before its removal.
            if (ChromeHints.Any(h => names.Split(' ', '-', '_').Contains(h)) && chinese[e] < 400) e.Remove();
        }

        var text = new StringBuilder();
        // The portal's metadata table first, as label：value lines the parser reads.
        foreach (var (label, value) in MetadataRows(document)) text.Append(label).Append('：').Append(value).Append('\n');

        cancel.ThrowIfCancellationRequested();
        var body = document.Body;
        if (body is null) return text.ToString();
        var main = MainBlock(body);
        var title = document.QuerySelector("title")?.TextContent.Trim();
        if (!string.IsNullOrEmpty(title) && !main.TextContent.Contains(title.Split(' ', '-', '_')[0], StringComparison.Ordinal)) text.Append(title).Append('\n');
        AppendText(main, text);
        return WhiteSpace().Replace(text.ToString(), "\n").Trim();
    }

    /// <summary>Rows of a table or definition list whose cells name portal metadata (索引号, 发布机构 …).</summary>
    private static List<(string Label, string Value)> MetadataRows(IDocument document)
    {
        var rows = new List<(string, string)>();
        foreach (var table in document.QuerySelectorAll("table, dl").ToList())
        {
            // Only this table's own cells: a layout table around the metadata table is not metadata.
            var cells = table.QuerySelectorAll(table.LocalName == "dl" ? "dt, dd" : "th, td")
                .Where(c => c.Closest(table.LocalName) == table)
                .Select(c => c.TextContent.Trim().TrimEnd(':', '：').Trim()).ToList();
            var found = new List<(string, string)>();
            for (var i = 0; i + 1 < cells.Count; i++)
            {
                if (!PortalMetadata.Labels.Contains(cells[i])) continue;
                found.Add((cells[i], PortalMetadata.LoneLabel(cells[i + 1]) is null ? cells[i + 1] : ""));
            }
            if (found.Count < 2) continue;
            rows.AddRange(found);
            table.Remove();
        }
        rows.AddRange(LabelValueSiblings(document));
        return rows;
    }

    /// <summary>
    /// Metadata written as sibling elements, label then value: alternate lines (&lt;p&gt;索引号&lt;/p&gt;&lt;p&gt;1137…&lt;/p&gt;)
    /// or a row of spans (&lt;li&gt;&lt;span&gt;索引号：&lt;/span&gt;&lt;span&gt;1137…&lt;/span&gt;&lt;/li&gt;). A parent counts only when
    /// such pairs make up nearly all of its children, so a body paragraph that happens to read 标题 is left alone.
    /// </summary>
    private static List<(string Label, string Value)> LabelValueSiblings(IDocument document)
    {
        var found = new List<(IElement Parent, List<(string, string)> Pairs)>();
        var taken = new HashSet<IElement>();
        var visible = new SubtreeCounts(document, c => !char.IsWhiteSpace(c));
        foreach (var parent in document.QuerySelectorAll("div, ul, ol, li, p, section, span, dl"))
        {
            var children = parent.Children.Where(c => visible[c] > 0).ToList();
            if (children.Count < 2 || Ancestors(parent).Any(taken.Contains)) continue;
            var pairs = new List<(string, string)>();
            for (var i = 0; i + 1 < children.Count; i++)
            {
                // A label is a few characters: only short children are read as text.
                if (visible[children[i]] > 24 || PortalMetadata.LoneLabel(Analysis.CharFolding.Fold(children[i].TextContent)) is not { } label) continue;
                var value = children[i + 1].TextContent.Trim();
                var valueIsLabel = PortalMetadata.LoneLabel(Analysis.CharFolding.Fold(value)) is not null;
                pairs.Add((label, valueIsLabel ? "" : value));
                if (!valueIsLabel) i++;
            }
            if (pairs.Count > 0 && pairs.Count * 2 >= children.Count * 0.8)
            {
                found.Add((parent, pairs));
                taken.Add(parent);
            }
        }
        if (found.Sum(f => f.Pairs.Count) < 2) return [];
        foreach (var (parent, _) in found) parent.Remove();
        return found.SelectMany(f => f.Pairs).ToList();
    }

    /// <summary>The element with the most Chinese text of its own subtree, preferring the deepest such block.</summary>
    private static IElement MainBlock(IElement body)
    {
        var chinese = new SubtreeCounts(body, c => c is >= '\u4E00' and <= '\u9FFF');
        var length = new SubtreeCounts(body, _ => true);
        var total = chinese[body];
        IElement best = body;
        foreach (var e in body.QuerySelectorAll("div, td, article, section, main"))
        {
            // The smallest block that still holds most of the page's Chinese text.
            if (chinese[e] >= total * 0.6 && length[e] < length[best]) best = e;
        }
        return best;
    }

    private static IEnumerable<IElement> Ancestors(IElement e)
    {
        for (var p = e.ParentElement; p is not null; p = p.ParentElement) yield return p;
    }

    /// <summary>
    /// For every element under a root, how many characters of its text (TextContent) pass a test, counted
    /// in one pass over the tree: the sum over its text nodes and child elements. Valid until the tree changes.
    /// </summary>
    private sealed class SubtreeCounts
    {
        private readonly Dictionary<INode, int> _counts = new(ReferenceEqualityComparer.Instance);

        public SubtreeCounts(INode root, Func<char, bool> counts)
        {
            // Post-order without recursion: a page may nest up to MaxDepth deep.
            var stack = new Stack<(INode Node, bool Done)>();
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (node, done) = stack.Pop();
                if (!done)
                {
                    stack.Push((node, true));
                    foreach (var child in node.ChildNodes) if (child is IElement) stack.Push((child, false));
                    continue;
                }
                var n = 0;
                foreach (var child in node.ChildNodes)
                {
                    if (child is IText t) n += t.Data.Count(counts);
                    else if (child is IElement) n += _counts[child];
                }
                _counts[node] = n;
            }
        }

        public int this[IElement e] => _counts.TryGetValue(e, out var n) ? n : 0;
    }

    private static void AppendText(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                sb.Append(t.Data.Replace('\u00A0', ' '));
                continue;
            }
            if (child is not IElement e) continue;
            var block = Blocks.Contains(e.LocalName);
            if (block) sb.Append('\n');
            AppendText(e, sb);
            if (block || e.LocalName is "td" or "th") sb.Append(e.LocalName is "td" or "th" ? " " : "\n");
        }
    }

    /// <summary>A BOM, else the charset the page declares in its first bytes, else detection.</summary>
    private static TextDecoder.Decoded Decode(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 2048));
        var m = Charset().Match(head);
        if (m.Success && DecodeAs(bytes, m.Groups[1].Value, "declared") is { } declared) return declared;
        return TextDecoder.Decode(bytes);
    }

    /// <summary>The bytes in a named charset; null when there is a BOM, the name is unknown, or the bytes are not in it.</summary>
    private static TextDecoder.Decoded? DecodeAs(byte[] bytes, string charset, string how)
    {
        if (bytes.Length >= 2 && (bytes[0] is 0xEF or 0xFF or 0xFE)) return null;
        var name = charset.Trim().ToLowerInvariant() switch
        {
            "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936" => "GB18030",
            "big5" or "big5-hkscs" or "cp950" => "big5",
            "utf-8" or "utf8" => "utf-8",
            _ => null,
        };
        if (name is null) return null;
        try
        {
            var encoding = Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            return new TextDecoder.Decoded(encoding.GetString(bytes), $"{name.ToLowerInvariant()} ({how})");
        }
        catch (DecoderFallbackException)
        {
            // Named wrongly: the caller detects instead.
            return null;
        }
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Charset();

    [GeneratedRegex(@"[ \t\u3000]*\n[\s]*")]
    private static partial Regex WhiteSpace();
}
