namespace ReplySearch.Core.Model;

/// <summary>
/// A part of a reply: the opening before the first 一、 heading, one numbered section per heading,
/// or the closing after the last. Sections partition <see cref="ReplyDocument.Text"/>:
/// [Start, Start+Length) covers the heading line and the body under it.
/// </summary>
public sealed record Section
{
    /// <summary>The heading as written without markup, e.g. 一、科技创新要素持续汇集; null for opening and closing.</summary>
    public string? Heading { get; init; }

    public SectionKind Kind { get; init; }

    /// <summary>The body text under the heading (the heading line itself excluded).</summary>
    public string Text { get; init; } = "";

    public int Start { get; init; }

    public int Length { get; init; }

    /// <summary>
    /// The body of a section cut from the clean text: its range without the heading (and the 。 or ：
    /// that ends a heading run into its paragraph). The parser and the stored index both derive it here.
    /// </summary>
    private static readonly char[] AfterHeading = ['。', '：', ':', '\n'];

    public static string BodyOf(string text, string? heading, int start, int length)
    {
        var range = text.Substring(start, length);
        if (heading is not null && range.StartsWith(heading, StringComparison.Ordinal))
        {
            range = range[heading.Length..].TrimStart(AfterHeading);
        }
        return range.Trim('\n');
    }

    /// <summary>What a snippet shows as its section label.</summary>
    public string Label => Heading ?? (Kind == SectionKind.Opening ? "开头" : "结尾");
}

public enum SectionKind
{
    Opening,
    Numbered,
    Closing,
}
