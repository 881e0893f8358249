namespace ReplySearch.Core.Parsing;

/// <summary>
/// How many elements a page has and how deep they nest, from one linear scan of its tags: what
/// <see cref="HtmlExtractor"/> checks before it lets the parser build a tree. The depth is an upper
/// estimate: elements whose end tag HTML lets a page leave out (p, li, td …) are not counted as nesting,
/// and an end tag without its start tag never lowers it below zero.
/// </summary>
public readonly record struct HtmlShape(int Elements, int Depth)
{
    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "isindex",
    };

    /// <summary>Elements a following sibling or the parent's end closes: they do not deepen the page.</summary>
    private static readonly HashSet<string> ImpliedEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp", "rtc", "colgroup", "caption",
    };

    /// <summary>Elements whose content is text up to their own end tag: tags inside them are not elements.</summary>
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    public static HtmlShape Measure(string html)
    {
        int elements = 0, depth = 0, deepest = 0, i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (i + 1 >= html.Length) break;
            var next = html[i + 1];
            if (next == '!')
            {
                // A comment ends at -->, a doctype or CDATA at the next >.
                var end = html.AsSpan(i).StartsWith("<!--") ? html.IndexOf("-->", i + 4, StringComparison.Ordinal) : html.IndexOf('>', i + 2);
                if (end < 0) break;
                i = end + 1;
                continue;
            }
            var closing = next == '/';
            var start = closing ? i + 2 : i + 1;
            var nameEnd = start;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':')) nameEnd++;
            if (nameEnd == start || !char.IsAsciiLetter(html[start]))
            {
                i++;
                continue;
            }
            var name = html[start..nameEnd];
            var tagEnd = TagEnd(html, nameEnd);
            if (tagEnd < 0) break;
            i = tagEnd + 1;
            if (closing)
            {
                if (!Void.Contains(name) && !ImpliedEnd.Contains(name) && depth > 0) depth--;
                continue;
            }
            elements++;
            if (RawText.Contains(name))
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                if (end < 0) break;
                i = end;
                continue;
            }
            if (Void.Contains(name) || ImpliedEnd.Contains(name) || html[tagEnd - 1] == '/') continue;
            deepest = Math.Max(deepest, ++depth);
        }
        return new HtmlShape(elements, deepest);
    }

    /// <summary>The index of the &gt; that ends a tag, skipping quoted attribute values; -1 when the page ends first.</summary>
    private static int TagEnd(string html, int from)
    {
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '>') return i;
            if (c is '"' or '\'')
            {
                var close = html.IndexOf(c, i + 1);
                if (close < 0) return -1;
                i = close;
            }
        }
        return -1;
    }
}
