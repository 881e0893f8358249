using System.Text.RegularExpressions;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// The metadata table a government portal puts around a reply (索引号, 发布机构, 成文日期 …), in the layouts
/// saved pages show: pipe rows, label and value on alternate lines, [ 标签 ] blocks, 标签：值 rows (values may
/// run into the next label with no space), and label-space-value rows without colons. Labels may be spaced
/// out (索 引 号, 标　　题). Works on folded lines (brackets are '(' and ')', colons ':', simplified script)
/// and returns values from the originals, labels without their spaces.
/// </summary>
public static partial class PortalMetadata
{
    /// <summary>Labels that belong to the portal's table (or a record form) rather than to the reply's letterhead.</summary>
    public static readonly IReadOnlySet<string> Labels = new HashSet<string>
    {
        "建议标题", "提案标题", "标题", "名称", "编号", "建议编号", "提案编号", "建议类型", "提案类型", "提交日期",
        "内容分类", "主题分类", "分类", "主办单位", "协办单位", "会办单位", "承办单位", "索引号", "发布机构",
        "成文日期", "发布日期", "公开方式", "公开范围", "文号", "发文字号", "领衔代表", "领衔人", "提出人",
        "答复类型", "办理结果", "所属届次", "届次", "有效性", "类别", "主题词",
        // Portal tables seen on published replies.
        "信息所属单位", "信息名称", "生效日期", "内容概述", "内容概览", "公开目录", "浏览量", "生成日期", "发文日期",
        "信息分类", "时效", "时效性", "发布机关", "制定机关", "公布日期", "施行日期", "效力等级", "成文时间",
        "发文时间", "效力状态", "公文范围", "失效日期", "关键字", "关键词", "体裁分类", "文件标题", "存放位置",
        "公开日期", "载体类型", "公开类型", "索取号", "发布单位", "来源", "信息来源", "发布时间", "发表时间",
        "编稿时间", "更新时间", "时间", "日期", "公开时限",
        // Record forms that carry the proposal beside the reply (案由, 提案者 … then 办理情况: the reply).
        "案由", "提案者", "提案人", "提建议代表", "附议代表", "建议号", "提案号", "内容", "提案内容", "建议内容",
        "责任领导", "政府督办领导", "交办日期", "反馈时间", "具体承办人",
    };

    // Each label with optional spaces between its characters, longest first.
    private static readonly string LabelAlternation =
        string.Join("|", Labels.OrderByDescending(l => l.Length).Select(l => string.Join(@"[ \t\u3000]*", l.Select(c => Regex.Escape(c.ToString())))));

    private static readonly Regex BracketLabel = new(@"\(\s*(" + LabelAlternation + @")\s*\)", RegexOptions.Compiled);

    // A label and its colon: at the line start or after white space, or run on to the previous value
    // (成文日期:2018-05-17文号:…), which is allowed once the line has started with a label.
    private static readonly Regex ColonLabel = new(@"(" + LabelAlternation + @")[ \t\u3000]*:", RegexOptions.Compiled);

    private static readonly Regex LeadingLabel = new(@"^[ \t\u3000]*(" + LabelAlternation + @")", RegexOptions.Compiled);

    // A label between runs of two or more spaces (or the line's ends): 索 引 号  1449…  发布机构  临沂市公安局.
    private static readonly Regex SpacedLabel = new(@"(?:^|[ \t\u3000]{2,})(" + LabelAlternation + @")(?=[ \t\u3000]{2,}|[ \t\u3000]*$)", RegexOptions.Compiled);

    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")]
    private static partial Regex PipeSeparator();

    [GeneratedRegex(@"[ \t\u3000]")]
    private static partial Regex Space();

    private static string Normal(string label) => Space().Replace(label, "");

    public static bool IsPipeSeparator(string folded) => PipeSeparator().IsMatch(folded.Trim());

    /// <summary>A table row: starts with a bar, or holds two bars with a label in its first cell.</summary>
    public static bool IsPipeRow(string folded)
    {
        var t = folded.TrimStart();
        if (t.StartsWith('|')) return true;
        var bar = t.IndexOf('|');
        if (bar < 0 || t.IndexOf('|', bar + 1) < 0) return false;
        return LoneLabel(t[..bar]) is not null || StartsWithLabel(t[..bar]) && t[..bar].Contains(':');
    }

    /// <summary>The label a line consists of, for the alternate-lines layout ("索引号", "索 引 号:").</summary>
    public static string? LoneLabel(string folded)
    {
        // Checked first: most lines are the letter's sentences, far longer than any label.
        if (folded.Length > 24) return null;
        var t = Normal(folded).TrimEnd(':');
        return Labels.Contains(t) ? t : null;
    }

    /// <summary>Whether the line starts with a portal label (spaced or not).</summary>
    public static bool StartsWithLabel(string folded)
    {
        // The first character decides most lines without running the long alternation.
        var t = folded.AsSpan().TrimStart();
        return t.Length > 0 && LabelStarts.Contains(t[0]) && LeadingLabel.IsMatch(folded);
    }

    private static readonly HashSet<char> LabelStarts = [.. Labels.Select(l => l[0])];

    /// <summary>How many labels stand between runs of spaces on the line.</summary>
    public static int CountSpacedLabels(string folded) => SpacedLabel.Matches(folded).Count;

    /// <summary>Pairs from a pipe row: | 索引号 | 1137… | 发布机构 | 潍坊市交通运输局 |, or | 索引号: 0108… | 发布机构: … |.</summary>
    public static IEnumerable<(string Label, string Value)> FromPipeRow(string original, string folded)
    {
        var cells = SplitCells(original);
        var foldedCells = SplitCells(folded);
        for (var i = 0; i < foldedCells.Count && i < cells.Count; i++)
        {
            if (LoneLabel(foldedCells[i]) is { } label)
            {
                var value = i + 1 < cells.Count && LoneLabel(foldedCells[i + 1]) is null ? cells[i + 1].Trim() : "";
                yield return (label, value);
                continue;
            }
            if (FromColonRow(cells[i], foldedCells[i]) is { } pairs)
            {
                foreach (var p in pairs) yield return p;
            }
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
        folded.AsSpan().TrimStart().StartsWith('(') ? FromLabelled(original, folded, BracketLabel) : null;

    /// <summary>Pairs from a line of 标签：值 entries whose first entry is a portal label at the line start.</summary>
    public static List<(string Label, string Value)>? FromColonRow(string original, string folded) =>
        // The anchored check first: the label scan of a whole line is for lines that start with a label.
        folded.Contains(':') && StartsWithLabel(folded) ? FromLabelled(original, folded, ColonLabel) : null;

    /// <summary>
    /// Pairs from a line of labels and values without colons: several labels between runs of spaces, or,
    /// inside a metadata block (<paramref name="inBlock"/>), one label followed by its value, with or without
    /// a space between (生成日期2017-12-22). Null when the line is not such a row.
    /// </summary>
    public static List<(string Label, string Value)>? FromSpacedRow(string original, string folded, bool inBlock)
    {
        if (folded.Contains(':') && ColonLabel.IsMatch(folded)) return null;
        var spaced = SpacedLabel.Matches(folded);
        if (spaced.Count >= 2 || spaced.Count == 1 && inBlock && folded[..spaced[0].Index].Trim().Length == 0)
        {
            var pairs = new List<(string, string)>();
            for (var i = 0; i < spaced.Count; i++)
            {
                var g = spaced[i].Groups[1];
                var end = i + 1 < spaced.Count ? spaced[i + 1].Index : original.Length;
                pairs.Add((Normal(g.Value), original[(g.Index + g.Length)..end].Trim()));
            }
            if (spaced[0].Index > 0 && folded[..spaced[0].Index].Trim().Length > 0) return null;
            return pairs;
        }
        if (!inBlock) return null;
        var lead = LeadingLabel.Match(folded);
        if (!lead.Success) return null;
        var rest = original[(lead.Index + lead.Length)..].Trim();
        // A label glued to a value must be followed by one; a bare label is the alternate-lines layout.
        return rest.Length == 0 ? null : [(Normal(lead.Groups[1].Value), rest)];
    }

    private static List<(string, string)>? FromLabelled(string original, string folded, Regex labelRx)
    {
        var matches = labelRx.Matches(folded);
        if (matches.Count == 0) return null;
        if (folded[..matches[0].Index].Trim().Length > 0) return null;
        var pairs = new List<(string, string)>();
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var start = m.Index + m.Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : original.Length;
            pairs.Add((Normal(m.Groups[1].Value), original[start..end].Trim().TrimStart(':', '：').Trim()));
        }
        return pairs;
    }
}
