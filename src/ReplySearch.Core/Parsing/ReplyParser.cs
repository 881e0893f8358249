using System.Text;
using System.Text.RegularExpressions;
using ReplySearch.Core.Model;
using P = ReplySearch.Core.Parsing.TextCleaner.Paragraph;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// Text of one reply in, a <see cref="ReplyDocument"/> with warnings out. A pure function: no I/O, no
/// Lucene. Patterns run on the folded text (simplified script, half-width, one bracket and colon form),
/// so traditional and full-width replies parse alike; values are cut from the original text.
/// </summary>
public static partial class ReplyParser
{
    /// <summary>Bumped when parsing changes what it extracts, so that indexes built before re-read their files.</summary>
    public const int Version = 2;

    public static ReplyDocument Parse(string raw, string source = "")
    {
        var warnings = new List<string>();
        var cleaned = TextCleaner.Clean(raw);
        var ps = cleaned.Paragraphs;
        var meta = Metadata(cleaned.Metadata);

        var salutation = FindSalutation(ps);
        var headerEnd = salutation ?? Math.Min(ps.Count, 12);
        var title = FindTitle(ps, headerEnd);
        var headings = FindHeadings(ps, salutation ?? title ?? -1);
        var dateIndex = FindDateParagraph(ps);
        var closing = FindClosing(ps, headings, dateIndex);

        // The clean text and where each paragraph starts in it.
        var text = new StringBuilder();
        var starts = new int[ps.Count + 1];
        for (var i = 0; i < ps.Count; i++)
        {
            if (i > 0) text.Append('\n');
            starts[i] = text.Length;
            text.Append(ps[i].Text);
        }
        starts[ps.Count] = text.Length;
        var clean = text.ToString();

        var titleText = title is { } t ? ps[t].Text : Meta(meta, "标题", "名称");
        var titleFolded = titleText is null ? "" : Analysis.CharFolding.Fold(titleText);
        var titleOutsideQuotes = QuotedTitle().Replace(titleFolded, "");
        var header = ps.Take(Math.Max(headerEnd, title + 1 ?? 0)).ToList();
        // The opening paragraph quotes the proposal's title: after the salutation, else after the title.
        var openingIndex = (salutation ?? title) + 1;
        var opening = openingIndex is { } oi && oi < ps.Count ? ps[oi] : null;

        var docNumber = FindDocNumber(header, meta);
        var session = FindSession(titleOutsideQuotes, titleText, header, opening, meta);
        var proposalNumber = FindProposalNumber(titleOutsideQuotes, header, opening, meta, docNumber);
        var proposalTitle = FindProposalTitle(opening, titleText, meta);
        var addressee = salutation is { } si ? Addressee(ps[si]) : null;
        var kind = FindKind(titleOutsideQuotes, session, meta, addressee?.Role);
        var date = dateIndex is { } di ? DateIn(ps[di].Folded) : null;
        date ??= Meta(meta, "成文日期", "发布日期") is { } md ? DateIn(Analysis.CharFolding.Fold(md)) : null;
        var agency = FindAgency(ps, dateIndex, header, meta);
        var year = date?.Year ?? YearOf(docNumber?.Normalized) ?? YearOfSession(session) ?? YearOfNumber(proposalNumber);

        var missing = new List<string>();
        void Missing(bool isMissing, string field, string? why = null)
        {
            if (!isMissing) return;
            missing.Add(field);
            warnings.Add(why is null ? $"missing field: {field}" : $"missing field: {field} ({why})");
        }
        Missing(agency is null, "agency", "no signature, letterhead or 发布机构 found");
        Missing(date is null, "date", "no reply date found");
        Missing(year is null, "year");
        Missing(titleText is null, "title");
        Missing(salutation is null, "delegates", "no salutation");
        Missing(docNumber is null, "docNumber", "no 文号");
        Missing(proposalNumber is null, "proposalNumber");
        if (headings.Count == 0) warnings.Add("no numbered sections (一、二、三…) found");
        if (cleaned.ChromeLinesDropped > 0) warnings.Add($"dropped {cleaned.ChromeLinesDropped} lines of page chrome");

        return new ReplyDocument
        {
            Source = source,
            Agency = agency,
            Year = year,
            Date = date?.ToString("yyyy-MM-dd"),
            DocNumber = docNumber?.Raw,
            DocNumberNormalized = docNumber?.Normalized,
            Title = titleText,
            Kind = kind,
            Session = session,
            ProposalNumber = proposalNumber,
            ProposalTitle = proposalTitle,
            Delegates = addressee?.Names ?? [],
            LeadDelegate = addressee?.Names.FirstOrDefault(),
            DelegateCount = addressee?.Count,
            Addressee = addressee?.Raw,
            HandlingType = FindHandlingType(header, ps, meta),
            HandlingRole = FindHandlingRole(titleFolded, opening, meta, agency),
            ContentCategory = Meta(meta, "内容分类", "主题分类", "分类"),
            IndexNumber = Meta(meta, "索引号"),
            Disclosure = Meta(meta, "公开方式", "公开范围"),
            SubmittedDate = Meta(meta, "提交日期") is { } sd && DateIn(Analysis.CharFolding.Fold(sd)) is { } submitted ? submitted.ToString("yyyy-MM-dd") : null,
            Sections = BuildSections(ps, starts, clean, headings, closing),
            Leader = Contact(ps, LeaderLabel()),
            Handler = Contact(ps, HandlerLabel()),
            Phone = Contact(ps, PhoneLabel()),
            Cc = Contact(ps, CcLabel()),
            Metadata = meta,
            Text = clean,
            Warnings = warnings,
            MissingFields = missing,
        };
    }

    // ---- structure --------------------------------------------------------------------------------

    private static int? FindSalutation(IReadOnlyList<P> ps)
    {
        for (var i = 0; i < Math.Min(ps.Count, 25); i++)
        {
            var f = ps[i].Folded;
            if (f.Length > 80 || !f.EndsWith(':')) continue;
            if (Salutation().IsMatch(f) || OrgSalutation().IsMatch(f)) return i;
        }
        return null;
    }

    private static int? FindTitle(IReadOnlyList<P> ps, int headerEnd)
    {
        for (var i = 0; i < Math.Min(headerEnd, ps.Count); i++)
        {
            var f = ps[i].Folded;
            if (f.Length <= 120 && TextCleaner.IsTitleLike(f) && !f.Contains(':')) return i;
        }
        for (var i = 0; i < Math.Min(headerEnd, ps.Count); i++)
        {
            var f = ps[i].Folded;
            if (f.Length <= 120 && (f.StartsWith("关于") || f.StartsWith("对")) && (f.Contains("建议") || f.Contains("提案") || f.Contains("议案"))) return i;
        }
        return null;
    }

    /// <summary>一、二、三… headings in order, after the header; a heading must carry the next number.</summary>
    private static List<(int Index, string Heading)> FindHeadings(IReadOnlyList<P> ps, int after)
    {
        var found = new List<(int, string)>();
        var expected = 1;
        for (var i = after + 1; i < ps.Count; i++)
        {
            var m = HeadingStart().Match(ps[i].Folded);
            if (!m.Success || ChineseNumbers.Parse(m.Groups["n"].Value) != expected) continue;
            found.Add((i, HeadingText(ps[i].Text, ps[i].Folded)));
            expected++;
        }
        return found;
    }

    // A heading line is the heading; a heading run into its paragraph ends at the first full stop.
    private static string HeadingText(string text, string folded)
    {
        var stop = folded.AsSpan().IndexOfAny("。:;!?");
        if (stop > 0 && (stop < 60 || folded.Length > 60)) return text[..stop].Trim();
        return text.Trim().TrimEnd('。');
    }

    private static int? FindDateParagraph(IReadOnlyList<P> ps)
    {
        for (var i = ps.Count - 1; i >= Math.Max(0, ps.Count - 15); i--)
        {
            var f = ps[i].Folded;
            if (TextCleaner.IsDateLine(f)) return i;
            // A signature with the date on the same line: 临沂市科学技术局 2023年7月24日.
            if (f.Length <= 40 && !f.Contains(':') && ChineseNumbers.FindDates(f).LastOrDefault() is { Length: > 0 } d
                && d.Index + d.Length >= f.TrimEnd().Length - 1) return i;
        }
        return null;
    }

    private static int FindClosing(IReadOnlyList<P> ps, List<(int Index, string Heading)> headings, int? dateIndex)
    {
        var from = headings.Count > 0 ? headings[^1].Index + 1 : 0;
        for (var i = from; i < ps.Count; i++)
        {
            if (ClosingStart().IsMatch(ps[i].Folded)) return i;
        }
        if (dateIndex is { } d)
        {
            // The signature line above the date belongs to the closing too.
            return d > from && IsAgencyName(ps[d - 1].Folded) ? d - 1 : d;
        }
        return ps.Count;
    }

    private static List<Section> BuildSections(IReadOnlyList<P> ps, int[] starts, string clean, List<(int Index, string Heading)> headings, int closing)
    {
        var sections = new List<Section>();
        void Add(SectionKind kind, string? heading, int from, int to)
        {
            var start = starts[from];
            var length = Math.Max(0, (to < ps.Count ? starts[to] - 1 : starts[ps.Count]) - start);
            sections.Add(new Section
            {
                Kind = kind,
                Heading = heading,
                Start = start,
                Length = length,
                Text = Section.BodyOf(clean, heading, start, length),
            });
        }

        var firstHeading = headings.Count > 0 ? headings[0].Index : closing;
        if (firstHeading > 0) Add(SectionKind.Opening, null, 0, Math.Min(firstHeading, closing));
        for (var h = 0; h < headings.Count; h++)
        {
            var (index, heading) = headings[h];
            if (index >= closing) break;
            var end = h + 1 < headings.Count ? Math.Min(headings[h + 1].Index, closing) : closing;
            Add(SectionKind.Numbered, heading, index, end);
        }
        if (closing < ps.Count) Add(SectionKind.Closing, null, closing, ps.Count);
        return sections;
    }

    // ---- fields -----------------------------------------------------------------------------------

    private static Dictionary<string, string> Metadata(IEnumerable<(string Label, string Value)> pairs)
    {
        var d = new Dictionary<string, string>();
        foreach (var (label, value) in pairs)
        {
            if (value.Length > 0) d.TryAdd(label, value);
        }
        return d;
    }

    private static string? Meta(IReadOnlyDictionary<string, string> meta, params string[] labels)
    {
        foreach (var l in labels)
        {
            if (meta.TryGetValue(l, out var v) && v.Length > 0) return v;
        }
        return null;
    }

    private sealed record DocNo(string Raw, string Normalized);

    private static DocNo? FindDocNumber(IReadOnlyList<P> header, IReadOnlyDictionary<string, string> meta)
    {
        var candidates = header.Select(p => (p.Text, p.Folded)).ToList();
        if (Meta(meta, "文号", "发文字号") is { } m) candidates.Insert(0, (m, Analysis.CharFolding.Fold(m)));
        foreach (var (text, folded) in candidates)
        {
            var match = DocNumberPattern().Match(folded);
            if (!match.Success) continue;
            var raw = text.Substring(match.Index, match.Length).Trim();
            var normalized = new string(match.Value.Where(c => !char.IsWhiteSpace(c))
                .Select(c => c == '(' ? '〔' : c == ')' ? '〕' : c).ToArray());
            return new DocNo(raw, normalized);
        }
        return null;
    }

    private static string? FindSession(string titleOutsideQuotes, string? titleText, IReadOnlyList<P> header, P? opening, IReadOnlyDictionary<string, string> meta)
    {
        var sources = new List<(string Folded, string Original)>();
        if (titleText is not null) sources.Add((Analysis.CharFolding.Fold(titleText), titleText));
        if (Meta(meta, "所属届次", "届次") is { } m) sources.Add((Analysis.CharFolding.Fold(m), m));
        sources.AddRange(header.Select(p => (p.Folded, p.Text)));
        if (opening is not null) sources.Add((opening.Folded, opening.Text));
        foreach (var (folded, original) in sources)
        {
            var match = SessionPattern().Match(folded);
            if (!match.Success) continue;
            var g = match.Groups["s"];
            // The match may start inside what precedes the session (…局关于市十八届…): cut after the last 关于/对.
            var value = folded.Substring(g.Index, g.Length);
            var term = SessionTerm().Match(value);
            var prefix = term.Success ? value[..term.Index] : value;
            var cut = new[] { "关于", "对于", "对", "就", "在" }
                .Select(w => prefix.LastIndexOf(w, StringComparison.Ordinal) is var at and >= 0 ? at + w.Length : 0).Max();
            return original.Substring(g.Index + cut, g.Length - cut);
        }
        return null;
    }

    private static string? FindProposalNumber(string titleOutsideQuotes, IReadOnlyList<P> header, P? opening, IReadOnlyDictionary<string, string> meta, DocNo? docNumber)
    {
        var sources = new List<string> { titleOutsideQuotes };
        if (Meta(meta, "建议编号", "提案编号", "编号") is { } m) sources.Add(Analysis.CharFolding.Fold(m));
        sources.AddRange(header.Select(p => p.Folded));
        if (opening is not null) sources.Add(opening.Folded);
        foreach (var s in sources)
        {
            // A 文号 also ends in 号: take numbers only outside it.
            var folded = DocNumberPattern().Replace(s, " ");
            var match = ProposalNumberPattern().Match(folded);
            if (!match.Success)
            {
                var bare = BareNumber().Match(folded);
                if (s != titleOutsideQuotes && bare.Success && folded.Trim().Length == bare.Length) match = bare;
                else continue;
            }
            var digits = match.Groups["n"].Value.TrimStart('0');
            return digits.Length == 0 ? "0" : digits;
        }
        return null;
    }

    private static string? FindProposalTitle(P? opening, string? title, IReadOnlyDictionary<string, string> meta)
    {
        foreach (var t in new[] { opening?.Text, title })
        {
            if (t is null) continue;
            var m = ProposalTitleQuoted().Match(t);
            if (m.Success) return m.Groups[1].Value.Trim();
        }
        return Meta(meta, "建议标题", "提案标题")?.Trim('《', '》', ' ');
    }

    private static string FindKind(string titleOutsideQuotes, string? session, IReadOnlyDictionary<string, string> meta, string? role)
    {
        var hint = titleOutsideQuotes + " " + Analysis.CharFolding.Fold(session ?? "") + " "
            + Analysis.CharFolding.Fold(Meta(meta, "建议类型", "提案类型", "类别") ?? "");
        if (meta.ContainsKey("提案标题") || meta.ContainsKey("提案编号")) hint += " 提案";
        if (meta.ContainsKey("建议标题") || meta.ContainsKey("建议编号")) hint += " 建议";
        if (hint.Contains("政协") || hint.Contains("提案")) return ReplyKinds.Proposal;
        if (hint.Contains("人大") || hint.Contains("建议") || hint.Contains("议案")) return ReplyKinds.Suggestion;
        return role switch
        {
            "委员" => ReplyKinds.Proposal,
            "代表" => ReplyKinds.Suggestion,
            _ => ReplyKinds.Other,
        };
    }

    private sealed record AddresseeInfo(string Raw, IReadOnlyList<string> Names, int? Count, string? Role);

    private static AddresseeInfo Addressee(P p)
    {
        var raw = p.Text.TrimEnd(':', '：').Trim();
        var folded = p.Folded.TrimEnd(':').Trim();
        var m = Salutation().Match(p.Folded);
        if (!m.Success)
        {
            return new AddresseeInfo(raw, [raw.StartsWith("尊敬的") ? raw[3..] : raw], null, null);
        }
        var namesGroup = m.Groups["names"];
        var names = p.Text.Substring(namesGroup.Index, namesGroup.Length);
        var list = NameSeparator().Split(names)
            .Select(n => RoleSuffix().Replace(n.Trim(), ""))
            .Where(n => n.Length > 0)
            .ToList();
        var count = m.Groups["n"].Success ? ChineseNumbers.Parse(m.Groups["n"].Value) : null;
        _ = folded;
        return new AddresseeInfo(raw, list, count, m.Groups["role"].Value);
    }

    private static string? FindHandlingType(IReadOnlyList<P> header, IReadOnlyList<P> ps, IReadOnlyDictionary<string, string> meta)
    {
        foreach (var p in header.Concat(ps.Take(20)))
        {
            var m = HandlingTypePattern().Match(p.Folded);
            if (m.Success) return m.Groups["t"].Value.ToUpperInvariant();
        }
        foreach (var label in new[] { "办理类型", "分类标识", "类别", "答复类型" })
        {
            if (Meta(meta, label) is { } v)
            {
                var f = Analysis.CharFolding.Fold(v).Trim();
                if (f.Length >= 1 && f[0] is >= 'a' and <= 'd' && (f.Length == 1 || !char.IsAsciiLetter(f[1]))) return f[..1].ToUpperInvariant();
            }
        }
        return null;
    }

    /// <summary>
    /// A co-handling agency's opinion says so in its title or opening (协办意见, 会办意见), or the portal lists
    /// the replying agency as 协办单位/会办单位 rather than 主办单位. Anything else is the main reply.
    /// </summary>
    private static string FindHandlingRole(string titleFolded, P? opening, IReadOnlyDictionary<string, string> meta, string? agency)
    {
        var said = titleFolded + " " + (opening?.Folded ?? "");
        if (said.Contains("会办意见")) return HandlingRoles.Joint;
        if (said.Contains("协办意见")) return HandlingRoles.Assisting;
        if (agency is null) return HandlingRoles.Lead;
        static bool Names(string? list, string agency) =>
            list is not null && list.Split(['、', '，', ',', ' ', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(agency);
        if (Names(Meta(meta, "主办单位"), agency)) return HandlingRoles.Lead;
        if (Names(Meta(meta, "会办单位"), agency)) return HandlingRoles.Joint;
        if (Names(Meta(meta, "协办单位"), agency)) return HandlingRoles.Assisting;
        return HandlingRoles.Lead;
    }

    private static string? FindAgency(IReadOnlyList<P> ps, int? dateIndex, IReadOnlyList<P> header, IReadOnlyDictionary<string, string> meta)
    {
        if (dateIndex is { } d)
        {
            // The signature: the line above the date, or the text before the date on the same line.
            var f = ps[d].Folded;
            var date = ChineseNumbers.FindDates(f).LastOrDefault();
            if (date.Length > 0 && date.Index > 1)
            {
                var before = Signature(ps[d].Text[..date.Index], f[..date.Index]);
                if (before is not null) return before;
            }
            for (var i = d - 1; i >= Math.Max(0, d - 3); i--)
            {
                var sig = Signature(ps[i].Text, ps[i].Folded);
                if (sig is not null) return sig;
            }
        }
        if (Meta(meta, "发布机构", "主办单位", "承办单位") is { } m) return m.Split([' ', '、', '，', ','], StringSplitOptions.RemoveEmptyEntries)[0];
        foreach (var p in header)
        {
            var sig = Signature(p.Text, p.Folded);
            if (sig is not null) return LetterheadSuffix().Replace(sig, "");
        }
        return null;
    }

    private static string? Signature(string text, string folded)
    {
        var t = SealMark().Replace(folded, "").Trim();
        if (!IsAgencyName(t)) return null;
        var original = SealMark().Replace(text, "").Trim();
        // Joint signatures put several agencies on one line; the first is the one that answers.
        var first = original.Split(SignatureSeparators, StringSplitOptions.RemoveEmptyEntries)[0];
        return first;
    }

    private static bool IsAgencyName(string folded)
    {
        var t = SealMark().Replace(folded, "").Trim();
        return t.Length is >= 3 and <= 40 && !t.Contains(':') && !t.Any(char.IsDigit) && AgencySuffix().IsMatch(t);
    }

    private static readonly char[] ValueEnd = ['。', '；', ';', '，', ','];
    private static readonly char[] SignatureSeparators = [' ', '\u3000', '、'];

    private static string? Contact(IReadOnlyList<P> ps, Regex label)
    {
        for (var i = ps.Count - 1; i >= 0; i--)
        {
            var m = label.Match(ps[i].Folded);
            if (!m.Success) continue;
            var g = m.Groups["v"];
            var v = ps[i].Text.Substring(g.Index, g.Length).Trim().TrimEnd(ValueEnd);
            if (v.Length > 0) return v;
        }
        return null;
    }

    private static DateOnly? DateIn(string folded) =>
        ChineseNumbers.FindDates(folded).Select(d => (DateOnly?)d.Date).LastOrDefault();

    private static int? YearOf(string? normalizedDocNumber)
    {
        if (normalizedDocNumber is null) return null;
        var m = YearInBrackets().Match(normalizedDocNumber);
        return m.Success ? int.Parse(m.Groups[1].Value) : null;
    }

    private static int? YearOfSession(string? session)
    {
        if (session is null) return null;
        var m = FourDigitYear().Match(Analysis.CharFolding.Fold(session));
        return m.Success ? int.Parse(m.Value) : null;
    }

    // Many archives number proposals 2023xxxx: the year is its prefix.
    private static int? YearOfNumber(string? number) =>
        number is { Length: 8 } && number.StartsWith("20") && int.TryParse(number[..4], out var y) && y <= 2100 ? y : null;

    // ---- patterns (on folded text) ----------------------------------------------------------------

    [GeneratedRegex(@"^(?:尊敬的)?(?<names>[^:,。;]{1,60}?)(?:等\s*(?<n>[0-9一二三四五六七八九十两]{1,3})\s*(?:位|名)|等)?\s*(?<role>代表|委员|同志|先生|女士)(?:们)?\s*:$")]
    private static partial Regex Salutation();

    [GeneratedRegex(@"^(?:尊敬的)?[^:,。;\s]{2,30}(?:委会|委员会|支部|总支|小组|学社|联合会|工商联|界别|联组|党组|民主党派)\s*:$")]
    private static partial Regex OrgSalutation();

    [GeneratedRegex(@"[、,，\s]+")]
    private static partial Regex NameSeparator();

    [GeneratedRegex(@"(?:代表|委员|同志|先生|女士)$")]
    private static partial Regex RoleSuffix();

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})\s*[、.,]")]
    private static partial Regex HeadingStart();

    [GeneratedRegex(@"^(?:下一步|今后|再次(?:感谢|对您)|衷心感谢|感谢您|非常感谢您|此复|特此(?:答复|函复)|专此(?:答复|函复)|以上答复|希望您|欢迎您|最后,|恳请|诚挚感谢)")]
    private static partial Regex ClosingStart();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}{1,14}?\s*\(\s*(?:19|20)\d{2}\s*\)\s*(?:第\s*)?\d{1,5}\s*号")]
    private static partial Regex DocNumberPattern();

    [GeneratedRegex(@"(?<s>[^\s,.:;()《》。、“”]{0,12}?(?:第)?[一二三四五六七八九十]{1,3}届[^\s,.:;()《》。、“”第]{0,14}?(?:第)?[一二三四五六七八九十]{1,2}次(?:全体)?会议)")]
    private static partial Regex SessionPattern();

    [GeneratedRegex(@"(?:第)?[一二三四五六七八九十]{1,3}届")]
    private static partial Regex SessionTerm();

    [GeneratedRegex(@"第\s*(?<n>\d{1,12})\s*号")]
    private static partial Regex ProposalNumberPattern();

    [GeneratedRegex(@"(?<n>\d{2,12})")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"《([^《》]{2,200})》")]
    private static partial Regex ProposalTitleQuoted();

    [GeneratedRegex(@"《[^《》]*》")]
    private static partial Regex QuotedTitle();

    [GeneratedRegex(@"(?:办理类型|办理类别|分类标识|答复类别|答复类型|类别|类型)\s*:\s*(?<t>[a-d])(?![a-z])(?:类)?")]
    private static partial Regex HandlingTypePattern();

    [GeneratedRegex(@"(?:局|厅|委|委员会|办公室|办|中心|院|所|站|队|部|处|政府|集团|署|馆|社|公司|管委会|银行|学校|大学)$")]
    private static partial Regex AgencySuffix();

    [GeneratedRegex(@"\((?:盖章|印章|章|公章)\)|\s+")]
    private static partial Regex SealMark();

    [GeneratedRegex(@"(?:文件|便函|函)$")]
    private static partial Regex LetterheadSuffix();

    [GeneratedRegex(@"(?:建议|提案)?(?:承办)?分管领导\s*:\s*(?<v>[^\s:,;。]{2,12})|签发人?\s*:\s*(?<v>[^\s:,;。]{2,12})")]
    private static partial Regex LeaderLabel();

    [GeneratedRegex(@"(?:承办责任人|责任人|联系人|经办人|承办人)\s*:\s*(?<v>[^\s:,;。\d]{2,12}?)(?=\s|,|;|。|$|电话|联系电话|手机|\d)")]
    private static partial Regex HandlerLabel();

    [GeneratedRegex(@"(?:联系电话|电话|手机|联系方式)\s*:\s*(?<v>[\d\-()—－ ]{7,30}\d)")]
    private static partial Regex PhoneLabel();

    [GeneratedRegex(@"(?:抄送|抄报)\s*:\s*(?<v>.+)$")]
    private static partial Regex CcLabel();

    [GeneratedRegex(@"〔((?:19|20)\d{2})〕")]
    private static partial Regex YearInBrackets();

    [GeneratedRegex(@"(?:19|20)\d{2}")]
    private static partial Regex FourDigitYear();
}
