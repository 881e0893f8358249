using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using ReplySearch.Core.Analysis;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// Turns converted text into paragraphs: strips markup, drops page breaks, page numbers and portal
/// chrome, lifts the portal metadata table out, rejoins paragraphs and words that a page break split,
/// and removes the spaces extraction put inside Chinese runs. Pure: text in, paragraphs out.
/// </summary>
public static partial class TextCleaner
{
    /// <summary>A paragraph of clean text; <see cref="Folded"/> is the same text folded, for matching.</summary>
    public sealed record Paragraph(string Text, string Folded);

    public sealed record Result(
        IReadOnlyList<Paragraph> Paragraphs,
        IReadOnlyList<(string Label, string Value)> Metadata,
        int ChromeLinesDropped);

    private enum LineKind { Blank, Break, Chrome, Text }

    /// <param name="HadBullet">The line started with a list bullet (• 索引号 …), removed from Text.</param>
    private sealed record Line(string Text, string Folded, LineKind Kind, bool HadBullet = false);

    // Labels kept in the text when written as 标签：值 (they are the reply's letterhead, not the portal's table).
    private static readonly HashSet<string> LetterheadLabels = ["类别", "文号", "发文字号", "承办单位"];

    public static Result Clean(string raw)
    {
        var metadata = new List<(string, string)>();
        var lines = Classify(raw);
        var chrome = lines.Count(l => l.Kind == LineKind.Chrome);
        lines = CutFooter(lines, ref chrome);
        lines = LiftMetadata(lines, metadata);
        var paragraphs = Join(lines);
        return new Result(paragraphs, metadata, chrome);
    }

    // ---- lines ------------------------------------------------------------------------------------

    private static List<Line> Classify(string raw)
    {
        var result = new List<Line>();
        foreach (var rawLine in raw.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            var bullet = MayHaveBullet(rawLine.TrimStart()) && ListBullet().IsMatch(rawLine);
            var text = StripMarkup(rawLine);
            if (text.Length < 160 && !text.Contains('|'))
            {
                // The common line: nothing to unflatten.
                var folded = CharFolding.Fold(text);
                result.Add(new Line(text, folded, Kind(text, folded), bullet));
                continue;
            }
            foreach (var part in Unflatten(text))
            {
                var folded = CharFolding.Fold(part);
                result.Add(new Line(part, folded, Kind(part, folded), bullet));
            }
        }
        return result;
    }

    /// <summary>
    /// A page that flattened the reply into a table cell or a single line (词条 | title | 释义 | body … |)
    /// loses its line breaks but keeps a space after each sentence or label: such an over-long line is cut
    /// back into lines there, and the table's cell bars are dropped. Ordinary lines come back as they are.
    /// </summary>
    private static IEnumerable<string> Unflatten(string line)
    {
        // A two-column row, a short heading cell and its content (词条 | 对…的答复 |): the content is the text.
        var inTable = line.Contains('|');
        if (inTable)
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length == 2 && cells[0].Length <= 4 && cells[1].Length >= 8 && PortalMetadata.LoneLabel(CharFolding.Fold(cells[0])) is null)
                line = cells[1];
        }
        // A table cell holding a letter is long beside the table's other cells; a plain line must be longer.
        if (line.Length < (inTable ? 80 : 160) || !SentenceSpace().IsMatch(line) || PortalMetadata.StartsWithLabel(CharFolding.Fold(line)))
        {
            yield return line;
            yield break;
        }
        var text = line.Contains('|') ? CellBar().Replace(line, "\n") : line;
        foreach (var cell in text.Split('\n'))
        {
            foreach (var part in SentenceSpace().Split(cell))
            {
                var t = part.Trim();
                if (t.Length > 0) yield return t;
            }
        }
    }

    private static string StripMarkup(string line)
    {
        var t = line.Replace('\f', ' ').Trim();
        // Traditional-script mirrors annotate characters with pinyin: 鎮(zhèn)康縣. The reading is not text.
        if (t.Contains('(')) t = PinyinAnnotation().Replace(t, "");
        if (t.Contains("<!--")) t = HtmlComment().Replace(t, "");
        if (MayHaveBullet(t)) t = ListBullet().Replace(t, "");
        // A record form's last row holds the reply: 办理情况： 杨飞宫代表：… keeps the reply, drops the label.
        if (t.StartsWith('办')) t = ReplyCellLabel().Replace(t, "");
        t = HeadingMarks().Replace(t, "");
        t = t.Replace("**", "").Replace("__", "");
        t = HtmlTag().Replace(t, "");
        return t.Replace("&nbsp;", " ").Trim();
    }

    private static LineKind Kind(string text, string folded)
    {
        if (text.Length == 0) return LineKind.Blank;
        if (PageBreak().IsMatch(folded) || PageNumber().IsMatch(folded)) return LineKind.Break;
        if (IsChromeLine(folded) || IsNavigationBar(folded) || PageTitle().IsMatch(folded)) return LineKind.Chrome;
        return LineKind.Text;
    }

    private static readonly SearchValues<char> MenuSeparators = SearchValues.Create("|丨│");

    // A menu: three or more short entries between separators (首页 | 机构概况 | 政务公开), not a table row.
    private static bool IsNavigationBar(string folded)
    {
        if (folded.StartsWith('|') || folded.AsSpan().IndexOfAny(MenuSeparators) < 0) return false;
        var cells = folded.Split(['|', '丨', '│'], StringSplitOptions.TrimEntries);
        return cells.Length >= 4 && cells.All(c => c.Length <= 12) && !folded.Contains(':');
    }

    /// <summary>
    /// Once the reply has ended (its date or contact lines seen), the first line of site furniture
    /// starts the footer: it and all after it are chrome. Its 主办单位 is the site's, not the agency.
    /// </summary>
    private static List<Line> CutFooter(List<Line> lines, ref int chrome)
    {
        var end = lines.FindLastIndex(l => l.Kind == LineKind.Text && (IsDateLine(l.Folded) || ContactLine().IsMatch(l.Folded)));
        // Dates above the body (a portal table's 生效日期, 发布日期) do not end the reply: the body must come first.
        var body = lines.FindIndex(l => l.Kind == LineKind.Text && l.Folded.Length >= 50 && !l.Folded.Contains('|')
            && l.Folded.AsSpan().IndexOfAny(",。;") >= 0);
        if (end < 0 || body < 0 || end < body) return lines;
        for (var i = end + 1; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Kind == LineKind.Chrome || (l.Kind == LineKind.Text && FooterStart().IsMatch(l.Folded)))
            {
                chrome += lines.Skip(i).Count(x => x.Kind is LineKind.Text);
                return lines.Take(i).ToList();
            }
        }
        return lines;
    }

    private static List<Line> LiftMetadata(List<Line> lines, List<(string, string)> metadata)
    {
        var kept = new List<Line>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Kind == LineKind.Chrome)
            {
                // A chrome line is not text, but its labelled values (来源, 发布时间) are the page's facts.
                if (PortalMetadata.FromColonRow(l.Text, l.Folded) is { } facts) metadata.AddRange(facts);
                kept.Add(l);
                continue;
            }
            if (l.Kind != LineKind.Text) { kept.Add(l); continue; }

            if (PortalMetadata.IsPipeRow(l.Folded))
            {
                if (!PortalMetadata.IsPipeSeparator(l.Folded)) metadata.AddRange(PortalMetadata.FromPipeRow(l.Text, l.Folded));
                continue;
            }
            if (PortalMetadata.FromBracketBlocks(l.Text, l.Folded) is { } blocks)
            {
                metadata.AddRange(blocks);
                continue;
            }
            if (PortalMetadata.LoneLabel(l.Folded) is { } label)
            {
                // Alternate lines: the label, then its value on the next non-blank line, unless that is a
                // label too, or the reply's own title (a label left empty: 主题词, then the title).
                var j = i + 1;
                while (j < lines.Count && lines[j].Kind == LineKind.Blank) j++;
                if (j < lines.Count && lines[j].Kind == LineKind.Text && PortalMetadata.LoneLabel(lines[j].Folded) is null
                    && !PortalMetadata.StartsWithLabel(lines[j].Folded) && !(label is not ("标题" or "名称" or "信息名称" or "文件标题") && IsTitleLike(Compact(lines[j].Folded))))
                {
                    metadata.Add((label, lines[j].Text.Trim()));
                    i = j;
                }
                else
                {
                    metadata.Add((label, ""));
                }
                continue;
            }
            // Only a line that starts with a label can be a row without colons; the block around it is looked
            // at only then (most lines are the letter's text).
            if (PortalMetadata.StartsWithLabel(l.Folded)
                && PortalMetadata.FromSpacedRow(l.Text, l.Folded, l.HadBullet || InMetadataBlock(lines, i)) is { } spaced)
            {
                metadata.AddRange(spaced);
                continue;
            }
            if (PortalMetadata.FromColonRow(l.Text, l.Folded) is { } row)
            {
                metadata.AddRange(row);
                if (!LetterheadLabels.Contains(row[0].Label)) continue;
            }
            kept.Add(l);
        }
        return kept;
    }

    /// <summary>
    /// Whether the text line next to line i (before or after it, blanks skipped) is itself portal metadata:
    /// inside such a block, a label may run into its value without a colon (生成日期2017-12-22).
    /// </summary>
    private static bool InMetadataBlock(List<Line> lines, int i)
    {
        bool IsMeta(Line l) => l.Kind == LineKind.Text && (PortalMetadata.IsPipeRow(l.Folded) || PortalMetadata.LoneLabel(l.Folded) is not null
            || PortalMetadata.FromColonRow(l.Text, l.Folded) is not null || PortalMetadata.CountSpacedLabels(l.Folded) >= 2);
        for (var j = i - 1; j >= 0 && j >= i - 3; j--)
        {
            if (lines[j].Kind == LineKind.Blank) continue;
            if (IsMeta(lines[j]) || lines[j].HadBullet && PortalMetadata.StartsWithLabel(lines[j].Folded)) return true;
            break;
        }
        for (var j = i + 1; j < lines.Count && j <= i + 3; j++)
        {
            if (lines[j].Kind == LineKind.Blank) continue;
            return IsMeta(lines[j]) || lines[j].HadBullet && PortalMetadata.StartsWithLabel(lines[j].Folded);
        }
        return false;
    }

    private static string Compact(string s)
    {
        if (!s.Any(char.IsWhiteSpace)) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    private static bool MayHaveBullet(string trimmed) => trimmed.Length > 0 && trimmed[0] is '•' or '·' or '●' or '▪' or '◆' or '■' or '-' or '*';

    // ---- paragraphs -------------------------------------------------------------------------------

    private static List<Paragraph> Join(List<Line> lines)
    {
        var paragraphs = new List<Paragraph>();
        StringBuilder? current = null;
        // The folded paragraph so far, kept beside it: folding the whole paragraph again for each line
        // made long PDF paragraphs quadratic.
        var folded = new List<char>();
        var visible = 0;
        foreach (var l in lines)
        {
            if (l.Kind != LineKind.Text) continue;
            if (current is not null && Continues(CollectionsMarshal.AsSpan(folded), visible, l.Folded))
            {
                current.Append(l.Text);
                folded.AddRange(l.Folded.AsSpan());
                visible += Visible(l.Folded);
                continue;
            }
            if (current is not null) paragraphs.Add(Make(current.ToString()));
            current = new StringBuilder(l.Text);
            folded.Clear();
            folded.AddRange(l.Folded.AsSpan());
            visible = Visible(l.Folded);
        }
        if (current is not null) paragraphs.Add(Make(current.ToString()));
        return paragraphs;
    }

    private static int Visible(string s)
    {
        var n = 0;
        foreach (var c in s) if (!char.IsWhiteSpace(c)) n++;
        return n;
    }

    private static Paragraph Make(string text)
    {
        var t = RemoveInnerSpaces(text);
        return new Paragraph(t, CharFolding.Fold(t));
    }

    /// <summary>
    /// A body paragraph that stops without sentence-final punctuation was cut by a page or line break
    /// (龙湖软 / 件园), so the next line continues it, unless that line starts something of its own.
    /// </summary>
    private static bool Continues(ReadOnlySpan<char> previousFolded, int visible, string nextFolded)
    {
        if (visible < 20) return false;
        var prev = previousFolded.TrimEnd();
        if (LabelLine().IsMatch(prev)) return false;
        if (EndsSentence().IsMatch(prev)) return false;
        if (StartsBlock().IsMatch(prev) && prev.Length < 40) return false;
        if (IsTitleLike(prev) || ContactLine().IsMatch(prev)) return false;
        // A line that ends with a date ends the letter's signature: 桐城市住房和城乡建设局 二0一九年八月二十日.
        if (prev.Length > 0 && prev[^1] is '日' or (>= '0' and <= '9') && EndsWithDate(prev[Math.Max(0, prev.Length - 16)..].ToString())) return false;
        // A title whose last word is spaced out (答    复) ends there too.
        var tail = prev[Math.Max(0, prev.Length - 24)..];
        if (tail.IndexOfAny(' ', '\u3000') >= 0 && IsTitleLike(Compact(tail.ToString()))) return false;
        var next = nextFolded.TrimStart();
        if (next.Length == 0) return false;
        // The salutation starts the letter: 尊敬的李勇军、易志坚委员: (its colon may be missing).
        if (next.Length <= 48 && (next.TrimEnd().EndsWith(':') || AddresseeEnd().IsMatch(next))) return false;
        if (StartsBlock().IsMatch(next) || IsDateLine(next) || ContactLine().IsMatch(next) || LabelLine().IsMatch(next)) return false;
        return true;
    }

    internal static bool IsTitleLike(ReadOnlySpan<char> folded) => TitleEnd().IsMatch(folded);

    private static bool EndsWithDate(string foldedTail) =>
        ChineseNumbers.FindDates(foldedTail).Any(d => d.Index + d.Length >= foldedTail.TrimEnd().Length);

    internal static bool IsDateLine(string folded) =>
        folded.Length <= 24 && ChineseNumbers.FindDates(folded).Any(d => d.Length >= folded.Trim().Length - 2);

    /// <summary>Removes white space that has a Chinese character on one side, except before a label (电话：).</summary>
    internal static string RemoveInnerSpaces(string text)
    {
        if (!text.Contains(' ') && !text.Contains('\t') && !text.Contains('\u3000')) return text.Trim();
        var sb = new StringBuilder(text.Length);
        var t = text.Trim();
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (!IsSpace(c)) { sb.Append(c); continue; }
            var j = i;
            while (j < t.Length && IsSpace(t[j])) j++;
            var left = sb.Length > 0 ? sb[^1] : ' ';
            var right = j < t.Length ? t[j] : ' ';
            var cjkSide = IsCjk(left) || IsCjk(right);
            if (!cjkSide || StartsLabel(t, j)) sb.Append(' ');
            i = j - 1;
        }
        return sb.ToString();
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\u3000' or '\u00A0';

    internal static bool IsCjk(char c) =>
        c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF'
            or '“' or '”' or '‘' or '’' or '…' or '—' or '·';

    // 李振 电话：… keeps its space: the run after it is a label.
    private static bool StartsLabel(string t, int i)
    {
        var n = 0;
        while (i + n < t.Length && n <= 6 && t[i + n] is >= '\u4E00' and <= '\u9FFF') n++;
        return n is >= 2 and <= 6 && i + n < t.Length && t[i + n] is '：' or ':';
    }

    // ---- patterns (on folded text) ----------------------------------------------------------------

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s*")]
    private static partial Regex HeadingMarks();

    // A pinyin reading after a character: at least one tone-marked vowel, so that (km) or (a) stay.
    [GeneratedRegex(@"(?<=[\u3400-\u9FFF])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")]
    private static partial Regex PinyinAnnotation();

    [GeneratedRegex(@"<!--.*?(?:-->|$)")]
    private static partial Regex HtmlComment();

    // A list bullet before a metadata entry or a bare value: • 索引号, - 索 引 号：, · 2019年07月26日.
    [GeneratedRegex(@"^\s*(?:[•·●▪◆■]\s*|[-*]\s+(?=[\p{IsCJKUnifiedIdeographs}【\[\d]))")]
    private static partial Regex ListBullet();

    // Where a flattened line had its breaks: white space after a sentence, a label's colon or a cell bar.
    [GeneratedRegex(@"(?<=[。！？!?：:;；」”])[ \t\u3000]+(?=\S)|(?<=[。！？!?])[ \t\u3000]*\|[ \t\u3000]*")]
    private static partial Regex SentenceSpace();

    [GeneratedRegex(@"[ \t\u3000]*\|[ \t\u3000]*")]
    private static partial Regex CellBar();

    [GeneratedRegex(@"^办[ \t\u3000]*理[ \t\u3000]*情[ \t\u3000]*况[ \t\u3000]*[:：|][ \t\u3000]*(?=\S)")]
    private static partial Regex ReplyCellLabel();

    [GeneratedRegex(@"(?:代表|委员)(?:们)?\s*$")]
    private static partial Regex AddresseeEnd();

    [GeneratedRegex(@"</?[a-zA-Z][^<>]{0,200}>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"^(?:-{3,}|\*{3,}|_{3,}|={3,}|(?:-\s){2,}-)$")]
    private static partial Regex PageBreak();

    [GeneratedRegex(@"^(?:-\s*\d{1,3}\s*-|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}|\d{1,3}|page\s*\d+(?:\s*of\s*\d+)?)$")]
    private static partial Regex PageNumber();

    // Site furniture by its words. One regex of all the alternatives was over half of the parser's time:
    // every line was searched from each of its many common first characters (技, 关, 分 …). The same
    // alternatives in four parts: anchored at the line start, fixed strings found from their first
    // characters, the few patterns, and the breadcrumb (… > 建议 > …) only on lines with a > or ».
    private static bool IsChromeLine(string folded) =>
        ChromeLineStart().IsMatch(folded)
        || HasWord(folded, SiteWords, SiteWordStarts)
        || (HasWord(folded, ToolbarWords, ToolbarWordStarts) && !IsSentence(folded))
        || ChromePattern().IsMatch(folded)
        || (folded.AsSpan().IndexOfAny('>', '»') >= 0 && Breadcrumb().IsMatch(folded));

    /// <summary>Words that only a site's furniture holds: a line with one is furniture.</summary>
    private static readonly string[] SiteWords =
        ["打印本页", "关闭窗口", "(打印)", "(关闭)", "icp备", "网站标识码", "版权所有", "copyright", "©", "浏览次数"];

    /// <summary>
    /// A toolbar's words, which replies use too (完善无障碍设施, 扫一扫即可办理, 上线长者模式): furniture only on
    /// a line that is not a sentence, since a toolbar has no commas or full stops.
    /// </summary>
    private static readonly string[] ToolbarWords = ["无障碍", "长者模式", "繁体版", "分享到", "扫一扫"];

    private static bool IsSentence(ReadOnlySpan<char> folded) => folded.IndexOfAny(SentencePunctuation) >= 0;

    // Folded: the full-width comma and semicolon are ASCII here; the ideographic full stop stays.
    private static readonly SearchValues<char> SentencePunctuation = SearchValues.Create(",;。");

    // SearchValues of these strings would run Aho-Corasick through a dictionary per character (they are not
    // ASCII); their first characters are a vectorised search, and a hit is checked against the few words.
    private static readonly SearchValues<char> SiteWordStarts = SearchValues.Create(string.Concat(SiteWords.Select(w => w[0]).Distinct()));
    private static readonly SearchValues<char> ToolbarWordStarts = SearchValues.Create(string.Concat(ToolbarWords.Select(w => w[0]).Distinct()));

    private static bool HasWord(ReadOnlySpan<char> line, string[] words, SearchValues<char> starts)
    {
        for (var at = line.IndexOfAny(starts); at >= 0;)
        {
            var rest = line[at..];
            foreach (var word in words)
            {
                if (rest.StartsWith(word, StringComparison.Ordinal)) return true;
            }
            var next = rest[1..].IndexOfAny(starts);
            if (next < 0) return false;
            at += 1 + next;
        }
        return false;
    }

    [GeneratedRegex(@"^(?:当前位置|您的位置|您现在的位置|所在位置|首页\s*(?:>|»|/|\\|>>)|发布时间\s*:.*来源|打印\s|\s*上一篇|\s*下一篇|\s*上一条|\s*下一条|字号\s*:|返回顶部|网站地图|联系我们$)")]
    private static partial Regex ChromeLineStart();

    [GeneratedRegex(@"字体\s*:\s*大|\(\s*大\s*中\s*小\s*\)|技术支持\s*:|访问量\s*:")]
    private static partial Regex ChromePattern();

    [GeneratedRegex(@"\s(?:>|>>|»)\s.*(?:公开|办理|建议|提案)")]
    private static partial Regex Breadcrumb();

    // The browser title a saved page starts with: 关于…的答复 - 潍坊市人民政府.
    [GeneratedRegex(@"\s[-_|–—]\s*\S{2,20}(?:人民政府|政府网|门户网站|网站|政务网)$")]
    private static partial Regex PageTitle();

    [GeneratedRegex(@"^(?:主办单位|主办|承办|网站主办|网站承办|联系我们|网站地图|技术支持)\s*:")]
    private static partial Regex FooterStart();

    [GeneratedRegex(@"^(?:建议|提案)?(?:承办)?(?:分管)?(?:领导|责任人|联系人|经办人|承办人|签发人|联系电话|电话|抄送|抄报)\s*:")]
    private static partial Regex ContactLine();

    // 类别：C, 签发人：周立新, 文号：…: a label and its value, a line of its own.
    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{2,8}\s*:")]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"[。!?;:…”’」』》)]$")]
    private static partial Regex EndsSentence();

    // Headings, enumerations and labelled lines start something of their own.
    [GeneratedRegex(@"^(?:[一二三四五六七八九十]{1,3}\s*[、.,]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|\d{1,2}\s*[、.](?!\d)|[①-⑳]|第[一二三四五六七八九十]+[,、是]|[一二三四五六七八九十]是|附件|此复|特此|专此)")]
    private static partial Regex StartsBlock();

    [GeneratedRegex(@"(?:答复|答覆|回复|复函|的函|答复意见|办理意见|会办意见|协办意见)\s*[.。]?$")]
    private static partial Regex TitleEnd();
}
