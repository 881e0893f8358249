using System.Text;

namespace ReplySearch.Core.Search;

/// <summary>Minimal HTML escaping for text placed between tags or in attribute values.</summary>
public static class Html
{
    public static void Escape(StringBuilder sb, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
    }

    /// <summary>text[from, to) escaped, with each span that lies inside it wrapped in &lt;mark&gt;.</summary>
    public static void AppendMarked(StringBuilder html, string text, int from, int to, IEnumerable<SnippetBuilder.Span> spans)
    {
        var cursor = from;
        foreach (var x in spans)
        {
            if (x.Start < from || x.End > to) continue;
            Escape(html, text.AsSpan(cursor, x.Start - cursor));
            html.Append("<mark>");
            Escape(html, text.AsSpan(x.Start, x.End - x.Start));
            html.Append("</mark>");
            cursor = x.End;
        }
        Escape(html, text.AsSpan(cursor, to - cursor));
    }
}
