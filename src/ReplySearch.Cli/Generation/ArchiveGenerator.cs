using System.Text;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Cli.Generation;

/// <summary>
/// Writes a deterministic synthetic archive in the shapes of the corpus samples (PDF-to-Markdown with page
/// breaks that split words, plain text, portal pages with chrome, letterheads), with bodies recombined
/// from the sentences of a source corpus so that token statistics stay realistic. For benchmarks and
/// load tests; generated archives are never committed.
/// </summary>
public sealed class ArchiveGenerator
{
    private static readonly string[] Cities = ["临沂", "潍坊", "济宁", "济南", "青岛", "烟台", "淄博", "日照", "聊城", "德州", "泰安", "威海", "枣庄", "菏泽", "滨州", "东营", "苏州", "常州", "嘉兴", "宁波", "台州", "温州", "厦门", "泉州", "东莞", "佛山", "洛阳", "襄阳", "宜昌", "绵阳"];
    private static readonly string[] Departments = ["科学技术局", "教育局", "住房和城乡建设局", "交通运输局", "农业农村局", "卫生健康委员会", "生态环境局", "人力资源和社会保障局", "水利局", "公安局", "发展和改革委员会", "工业和信息化局", "商务局", "文化和旅游局", "自然资源和规划局", "民政局", "市场监督管理局", "财政局", "医疗保障局", "应急管理局"];
    private static readonly string[] AgencyShort = ["科", "教", "住建", "交", "农", "卫健", "环", "人社", "水", "公", "发改", "工信", "商", "文旅", "自然资源", "民", "市监", "财", "医保", "应急"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "崔", "姜"];
    private static readonly string[] Given = ["建国", "红梅", "伟", "晓燕", "志刚", "秀英", "海涛", "立军", "敏", "丽", "强", "磊", "静", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "文虎", "良友", "振", "春生", "永胜", "建华", "立新", "畅", "文杰", "建平", "雪梅", "国庆", "玉兰"];
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    private static readonly string[] Parties = ["民盟", "民建", "民进", "农工党", "致公党", "九三学社"];

    private readonly string[] _bodySentences;
    private readonly string[] _openingSentences;
    private readonly string[] _closingSentences;
    private readonly string[] _headings;

    /// <summary>Reads the sentence pools from a corpus folder.</summary>
    public ArchiveGenerator(string sourceCorpus)
    {
        var root = Path.GetFullPath(sourceCorpus);
        var docs = CorpusIndexer.Enumerate(root, new())
            .Select(f => ReplyReader.Read(f, Path.GetFileName(f)))
            .Select(r => r.Document).OfType<ReplyDocument>()
            .OrderBy(d => d.Source, StringComparer.Ordinal).ToList();
        if (docs.Count == 0) throw new InvalidOperationException($"no replies to learn sentences from in {sourceCorpus}");
        var body = new List<string>();
        var opening = new List<string>();
        var closing = new List<string>();
        var headings = new List<string>();
        // Traditional-script replies would mix scripts inside one generated reply: learn from the others.
        foreach (var d in docs.Where(d => d.Text.Count(c => ReplySearch.Core.Analysis.CharFolding.Fold(c) != c && c is >= '\u4E00' and <= '\u9FFF') < d.Text.Length / 50))
        {
            foreach (var s in d.Sections)
            {
                var sentences = Sentences(s.Text);
                switch (s.Kind)
                {
                    case SectionKind.Numbered:
                        body.AddRange(sentences);
                        if (s.Heading is { } h && h.IndexOf('、') is > 0 and < 4) headings.Add(h[(h.IndexOf('、') + 1)..]);
                        break;
                    case SectionKind.Opening:
                        opening.AddRange(sentences.Where(x => x.Length >= 20 && !x.EndsWith('：') && !x.Contains('《') && !x.Contains("收悉")));
                        break;
                    case SectionKind.Closing:
                        closing.AddRange(sentences.Where(x => x.StartsWith("下一步") || x.StartsWith("再次") || x.StartsWith("感谢")));
                        break;
                }
            }
        }
        _bodySentences = [.. body.Distinct()];
        _openingSentences = [.. opening.Distinct()];
        _closingSentences = [.. closing.Distinct().DefaultIfEmpty("再次感谢您对我们工作的关心和支持！")];
        _headings = [.. headings.Distinct()];
    }

    private static List<string> Sentences(string text)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (c == '\n') { Flush(); continue; }
            sb.Append(c);
            if (c is '。' or '！' or '；') Flush();
        }
        Flush();
        return result;

        void Flush()
        {
            var s = sb.ToString().Trim();
            if (s.Length >= 12) result.Add(s);
            sb.Clear();
        }
    }

    /// <summary>Writes count replies under dir (1,000 a folder) and returns the bytes written.</summary>
    public long Generate(int count, int seed, string dir, IProgress<int>? progress = null)
    {
        Directory.CreateDirectory(dir);
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            // Each reply has its own stream of randomness: any one can be regenerated alone, in parallel or not.
            var rng = new Random(unchecked(seed * 1_000_003 + i)); // not HashCode.Combine: it is salted per process
            var (text, ext) = Reply(rng, i);
            var folder = Path.Combine(dir, (i / 1000).ToString("D4"));
            Directory.CreateDirectory(folder);
            var data = Encoding.UTF8.GetBytes(text);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D7}{ext}"), data);
            bytes += data.Length;
            if (i % 500 == 0) progress?.Report(i);
        }
        progress?.Report(count);
        return bytes;
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private string Name(Random rng) => Pick(rng, Surnames) + Pick(rng, Given);

    private (string Text, string Ext) Reply(Random rng, int n)
    {
        var city = Pick(rng, Cities);
        var dept = rng.Next(Departments.Length);
        var agency = city + "市" + Departments[dept];
        var year = 2016 + rng.Next(10);
        var proposal = rng.Next(4) == 0;
        var number = rng.Next(1, 600);
        var term = 16 + (year - 2016) / 5;
        var meeting = 1 + (year - 2016) % 5;
        var session = proposal
            ? $"市政协{Numeral(term - 3)}届{Numerals[meeting - 1]}次会议"
            : $"市{Numeral(term)}届人大{Numerals[meeting - 1]}次会议";
        var numberText = rng.Next(3) switch { 0 => number.ToString(), 1 => number.ToString("D4"), _ => $"{year}{number:D4}" };
        var title = $"对{session}第{numberText}号{(proposal ? "提案" : "建议")}的答复";
        var docNumber = $"{city[..1]}{AgencyShort[dept]}函〔{year}〕{rng.Next(1, 120)}号";
        var salutation = proposal
            ? rng.Next(3) == 0 ? $"{Pick(rng, Parties)}{city}市委会：" : $"{Name(rng)}委员："
            : rng.Next(3) switch { 0 => $"{Name(rng)}代表：", 1 => $"{Name(rng)}等{Numerals[1 + rng.Next(8)]}位代表：", _ => $"{Name(rng)}、{Name(rng)}代表：" };
        var grade = "ABCD"[rng.Next(4)];
        var date = new DateOnly(year, 5 + rng.Next(4), 1 + rng.Next(28));

        var paragraphs = new List<string>();
        var topic = Pick(rng, _headings);
        paragraphs.Add($"您提出的《关于{topic}的{(proposal ? "提案" : "建议")}》收悉。感谢您对我们工作的关心和支持。现答复如下：");
        paragraphs.Add(string.Concat(Enumerable.Range(0, 2 + rng.Next(2)).Select(_ => Pick(rng, _openingSentences.Length > 0 ? _openingSentences : _bodySentences))));
        var sectionCount = 3 + rng.Next(4);
        var headings = new List<string>();
        for (var s = 0; s < sectionCount; s++)
        {
            var heading = $"{Numerals[s]}、{Pick(rng, _headings)}";
            headings.Add(heading);
            var body = new StringBuilder();
            var sentences = 3 + rng.Next(10);
            for (var k = 0; k < sentences; k++) body.Append(Pick(rng, _bodySentences));
            paragraphs.Add("\u0001" + heading);
            paragraphs.Add(body.ToString());
        }
        paragraphs.Add(Pick(rng, _closingSentences));
        var contact = new[]
        {
            agency,
            $"{date.Year}年{date.Month}月{date.Day}日",
            $"建议承办分管领导：{Name(rng)}",
            $"承办责任人：{Name(rng)} 电话：0{530 + rng.Next(20)}-{rng.Next(2000000, 9999999)}",
            "抄送：市人大常委会人事代表工作委员会",
        };

        var shape = n % 4;
        var sb = new StringBuilder();
        switch (shape)
        {
            case 0: // PDF-to-Markdown conversion: random heading levels, bold, spaces around digits, page breaks that split words
                sb.Append($"\n\n办理类型：{grade}\n\n# {agency}\n\n---\n\n{docNumber}\n\n## {SpaceDigits(title)}\n\n{salutation}\n\n");
                var sinceBreak = 0;
                foreach (var p in paragraphs)
                {
                    if (p.StartsWith('\u0001'))
                    {
                        var h = p[1..];
                        sb.Append(rng.Next(3) == 0 ? $"**{h}**" : $"{new string('#', 2 + rng.Next(3))} {h}").Append("\n\n");
                        continue;
                    }
                    var text = SpaceDigits(p);
                    if (sinceBreak + text.Length > 900 && text.Length > 40)
                    {
                        var cut = 10 + rng.Next(text.Length - 20);
                        sb.Append(text[..cut]).Append("\n\n---\n\n").Append(text[cut..]).Append("\n\n");
                        sinceBreak = text.Length - cut;
                    }
                    else
                    {
                        sb.Append(text).Append("\n\n");
                        sinceBreak += text.Length;
                    }
                }
                foreach (var c in contact) sb.Append(c).Append("\n\n");
                return (sb.ToString(), ".md");
            case 1: // letterhead, plain text
                sb.Append($"{agency}\n\n类别：{grade}                签发人：{Name(rng)}\n\n{docNumber}\n\n{agency}\n{title}\n\n{salutation}\n\n");
                foreach (var p in paragraphs) sb.Append(p.TrimStart('\u0001')).Append("\n\n");
                foreach (var c in contact.Where(c => !c.StartsWith("建议承办"))) sb.Append(c).Append("\n\n");
                return (sb.ToString(), ".txt");
            case 2: // portal page with a pipe metadata table and chrome
                sb.Append($"{agency}{title} - {city}市人民政府\n首页 > 政务公开 > 建议提案办理\n\n");
                sb.Append($"| 索引号 | 1137{rng.Next(10000000, 99999999)}/{year}-{rng.Next(10000):D5} | 发布机构 | {agency} |\n| --- | --- | --- | --- |\n");
                sb.Append($"| 成文日期 | {date:yyyy-MM-dd} | 公开方式 | 主动公开 |\n| 内容分类 | {Departments[dept]} | 编号 | {number} |\n\n");
                sb.Append($"{title}\n\n字号：大 中 小　　浏览次数：{rng.Next(100, 5000)}\n\n{salutation}\n\n");
                foreach (var p in paragraphs) sb.Append(p.TrimStart('\u0001')).Append("\n\n");
                foreach (var c in contact) sb.Append(c).Append("\n\n");
                sb.Append($"【打印本页】【关闭窗口】\n\n上一篇：关于{Pick(rng, _headings)}的答复\n下一篇：关于{Pick(rng, _headings)}的答复\n\n");
                sb.Append($"主办单位：{city}市人民政府办公室  鲁ICP备{rng.Next(10000000, 99999999)}号-1\n");
                return (sb.ToString(), ".txt");
            default: // plain text
                sb.Append($"{title}\n\n{salutation}\n\n");
                foreach (var p in paragraphs) sb.Append(p.TrimStart('\u0001')).Append('\n');
                sb.Append('\n');
                foreach (var c in contact) sb.Append(c).Append('\n');
                return (sb.ToString(), ".txt");
        }
    }

    /// <summary>
    /// A plain-text reply letter with the given identity: title, salutation, opening, then sections of the
    /// corpus's sentences with the given topic sentences spread through them, a closing and the signature.
    /// For generated archives whose links are known (<see cref="ThreadGenerator"/>).
    /// </summary>
    internal string Letter(Random rng, string title, string salutation, string opening, IReadOnlyList<string> topicSentences, string agency, DateOnly date,
        IReadOnlyList<string>? paragraphs = null)
    {
        var sb = new StringBuilder($"{title}\n\n{salutation}\n\n{opening}\n\n");
        var sections = 3;
        var pending = new Queue<string>(topicSentences);
        for (var s = 0; s < sections; s++)
        {
            sb.Append($"{Numerals[s]}、{Pick(rng, _headings)}\n");
            var count = 2 + rng.Next(3);
            for (var k = 0; k < count; k++)
            {
                if (pending.Count > 0 && rng.Next(2) == 0) sb.Append(pending.Dequeue());
                sb.Append(Pick(rng, _bodySentences));
            }
            // What is left of the topic goes into the last section.
            if (s == sections - 1) while (pending.Count > 0) sb.Append(pending.Dequeue());
            sb.Append('\n');
            // Whole paragraphs given (reused ones) stand on their own lines in the second section.
            if (s == 1) foreach (var p in paragraphs ?? []) sb.Append(p).Append('\n');
        }
        sb.Append(Pick(rng, _closingSentences)).Append("\n\n").Append(agency).Append('\n').Append($"{date.Year}年{date.Month}月{date.Day}日\n");
        return sb.ToString();
    }

    /// <summary>One of the corpus's body sentences.</summary>
    internal string Sentence(Random rng) => Pick(rng, _bodySentences);

    internal static IReadOnlyList<string> CityNames => Cities;

    internal static IReadOnlyList<string> DepartmentNames => Departments;

    /// <summary>The session a generated reply of that year answers: 市十七届人大二次会议, or the CPPCC's.</summary>
    internal static string SessionOf(int year, bool cppcc)
    {
        var term = 16 + (year - 2016) / 5;
        var meeting = 1 + (year - 2016) % 5;
        return cppcc ? $"市政协{Numeral(term - 3)}届{Numerals[meeting - 1]}次会议" : $"市{Numeral(term)}届人大{Numerals[meeting - 1]}次会议";
    }

    private static string Numeral(int n) => n switch
    {
        <= 10 => Numerals[n - 1],
        < 20 => "十" + (n == 10 ? "" : Numerals[n - 11]),
        20 => "二十",
        _ => "二十" + Numerals[n - 21],
    };

    // PDF conversions put spaces between Chinese and digits: 第 20230006 号.
    private static string SpaceDigits(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (i > 0 && char.IsAsciiDigit(c) != char.IsAsciiDigit(s[i - 1]) && (char.IsAsciiDigit(c) ? IsHan(s[i - 1]) : IsHan(c)) && (i * 7 + s.Length) % 3 == 0)
            {
                sb.Append(' ');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';
}
