using System.Text.RegularExpressions;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// The metadata table a government portal puts around a reply (索引号, 发布机构, 成文日期 …), in the three
/// layouts saved pages show: pipe rows, label and value on alternate lines, and [ 标签 ] blocks.
/// Works on folded lines (brackets are '(' and ')', colons ':') and returns values from the originals.
/// </summary>
public static partial class PortalMetadata
{
    /// <summary>Labels that belong to the portal's table rather than to the reply's letterhead.</summary>
    public static readonly IReadOnlySet<string> Labels = new HashSet<string>
    {
        "建议标题", "提案标题", "标题", "名称", "编号", "建议编号", "提案编号", "建议类型", "提案类型", "提交日期",
        "内容分类", "主题分类", "分类", "主办单位", "协办单位", "会办单位", "承办单位", "索引号", "发布机构",
        "成文日期", "发布日期", "公开方式", "公开范围", "文号", "发文字号", "领衔代表", "领衔人", "提出人",
        "答复类型", "办理结果", "所属届次", "届次", "有效性", "类别", "主题词",
    };

    private static readonly string LabelAlternation =
        string.Join("|", Labels.OrderByDescending(l => l.Length).Select(Regex.Escape));

    private static readonly Regex BracketLabel = new(@"\(\s*(" + LabelAlternation + @")\s*\)", RegexOptions.Compiled);

    private static readonly Regex ColonLabel = new(@"(?:^|\s)(" + LabelAlternation + @")\s*:", RegexOptions.Compiled);

    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")]
    private static partial Regex PipeSeparator();

    public static bool IsPipeSeparator(string folded) => PipeSeparator().IsMatch(folded.Trim());

    /// <summary>The label a line consists of, for the alternate-lines layout ("索引号" or "索引号:").</summary>
    public static string? LoneLabel(string folded)
    {
        var t = folded.Trim().TrimEnd(':').Trim();
        return Labels.Contains(t) ? t : null;
    }

    /// <summary>Pairs from a pipe row: | 索引号 | 1137… | 发布机构 | 潍坊市交通运输局 |.</summary>
    public static IEnumerable<(string Label, string Value)> FromPipeRow(string original, string folded)
    {
        var cells = SplitCells(original);
        var foldedCells = SplitCells(folded);
        for (var i = 0; i < foldedCells.Count; i++)
        {
            var label = foldedCells[i].Trim().TrimEnd(':').Trim();
            if (!Labels.Contains(label)) continue;
            var value = i + 1 < cells.Count && LoneLabel(foldedCells[i + 1]) is null ? cells[i + 1].Trim() : "";
            yield return (label, value);
        }
    }

    private static List<string> SplitCells(string row)
    {
        var t = row.Trim();
        if (t.StartsWith('|')) t = t[1..];
        if (t.EndsWith('|')) t = t[..^1];
        return [.. t.Split('|')];
    }

    /// <summary>Pairs from a line of [ 标签 ] blocks, or null when the line has none.</summary>
    public static List<(string Label, string Value)>? FromBracketBlocks(string original, string folded) =>
        // Checked first: the label patterns are long alternations, and most lines have no bracket or colon.
        folded.Contains('(') ? FromLabelled(original, folded, BracketLabel, minimum: 1) : null;

    /// <summary>Pairs from a line of 标签：值 entries whose first entry is a portal label.</summary>
    public static List<(string Label, string Value)>? FromColonRow(string original, string folded) =>
        folded.Contains(':') ? FromLabelled(original, folded, ColonLabel, minimum: 1, mustStartLine: true) : null;

    private static List<(string, string)>? FromLabelled(string original, string folded, Regex labelRx, int minimum, bool mustStartLine = false)
    {
        var matches = labelRx.Matches(folded);
        if (matches.Count < minimum) return null;
        if (mustStartLine && folded[..matches[0].Index].Trim().Length > 0) return null;
        if (!mustStartLine && folded[..matches[0].Index].Trim().Length > 0) return null;
        var pairs = new List<(string, string)>();
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var start = m.Index + m.Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : original.Length;
            pairs.Add((m.Groups[1].Value, original[start..end].Trim().TrimStart(':', '：').Trim()));
        }
        return pairs;
    }
}
