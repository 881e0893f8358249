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
    public const int Version = 5;

    public static ReplyDocument Parse(string raw, string source = "")
    {
        var warnings = new List<string>();
        var cleaned = TextCleaner.Clean(raw);
        var meta = Metadata(cleaned.Metadata);
        var ps = WithHeadingFromTable(cleaned.Paragraphs, meta);

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

        var titleText = title is { } t ? ps[t].Text : Meta(meta, TitleLabels);
        var titleFolded = titleText is null ? "" : Analysis.CharFolding.Fold(titleText);
        var titleOutsideQuotes = QuotedTitle().Replace(titleFolded, "");
        var header = ps.Take(Math.Max(headerEnd, title + 1 ?? 0)).ToList();
        // The opening paragraph quotes the proposal's title: after the salutation, else after the title.
        var openingIndex = (salutation ?? title) + 1 ?? 0;
        var opening = openingIndex < ps.Count ? ps[openingIndex] : null;
        // A letter to the lead unit or a lead-in without salutation names the delegates in its first lines.
        var lead = ps.Skip(openingIndex == 0 ? 0 : openingIndex - 1).Take(5).ToList();

        var docNumber = FindDocNumber(header, meta);
        var session = FindSession(titleOutsideQuotes, titleText, header, opening, meta, lead);
        var proposalNumber = FindProposalNumber(titleOutsideQuotes, header, opening, meta, docNumber);
        var proposalTitle = FindProposalTitle(opening, titleText, meta);
        var addressee = salutation is { } si ? Addressee(ps[si]) : null;
        var delegates = addressee is { Names.Count: > 0, Role: not null } ? addressee : DelegatesInLead(lead, meta) ?? addressee;
        var kind = FindKind(titleOutsideQuotes, session, meta, delegates?.Role ?? addressee?.Role, lead);

        var signatureDate = dateIndex is { } di ? DateIn(ps[di].Folded) : null;
        // Each weaker source is read only when the stronger ones are missing (the year follows the same order).
        var writtenDate = signatureDate is null ? MetaDate(meta, "成文日期", "成文时间", "发文日期", "发文时间") : null;
        var publishedDate = signatureDate is null && writtenDate is null
            ? MetaDate(meta, "发布日期", "发布时间", "公开日期", "公布日期", "生成日期", "发表时间", "更新时间", "日期", "时间") ?? HeaderTimestamp(ps, headerEnd)
            : null;
        var date = signatureDate ?? writtenDate ?? publishedDate;
        var agencyFound = FindAgency(ps, dateIndex, header, meta, titleText, clean);
        var place = AgencyNames.PlaceOf(StripLead(titleFolded)) ?? AgencyNames.PlaceOf(Analysis.CharFolding.Fold(session ?? ""))
            ?? SiteWelcome(cleaned.Paragraphs);
        var agency = agencyFound is null ? NationalMinistry(session, docNumber) : AgencyNames.Canonical(agencyFound, place);
        var year = signatureDate?.Year ?? writtenDate?.Year ?? YearInTitle(titleFolded) ?? YearOf(docNumber?.Normalized)
            ?? YearOfSession(session) ?? NationalSessionYear(session) ?? publishedDate?.Year ?? YearOfNumber(proposalNumber);

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
        Missing(delegates is not { Names.Count: > 0 }, "delegates", "no salutation or delegate named");
        Missing(docNumber is null, "docNumber", "no 文号");
        Missing(proposalNumber is null, "proposalNumber");
        if (headings.Count == 0) warnings.Add("no numbered sections (一、二、三…) found");
        if (cleaned.ChromeLinesDropped > 0) warnings.Add($"dropped {cleaned.ChromeLinesDropped} lines of page chrome");

        var sections = BuildSections(ps, starts, clean, headings, closing);
        var dateText = date?.ToString("yyyy-MM-dd");
        return new ReplyDocument
        {
            Source = source,
            Agency = agency,
            AgencyAsWritten = agencyFound is not null && agencyFound != agency ? agencyFound : null,
            Year = year,
            Date = dateText,
            DocNumber = docNumber?.Raw,
            DocNumberNormalized = docNumber?.Normalized,
            Title = titleText,
            Kind = kind,
            Session = session,
            ProposalNumber = proposalNumber,
            ProposalTitle = proposalTitle,
            Delegates = delegates?.Names ?? [],
            LeadDelegate = delegates?.Names.FirstOrDefault(),
            DelegateCount = delegates?.Count,
            Addressee = addressee?.Raw,
            HandlingType = FindHandlingType(header, ps, meta),
            HandlingRole = FindHandlingRole(titleFolded, opening, meta, agency),
            ContentCategory = Meta(meta, "内容分类", "主题分类", "分类"),
            IndexNumber = Meta(meta, "索引号"),
            Disclosure = Meta(meta, "公开方式", "公开范围"),
            SubmittedDate = Meta(meta, "提交日期") is { } sd && DateIn(Analysis.CharFolding.Fold(sd)) is { } submitted ? submitted.ToString("yyyy-MM-dd") : null,
            Sections = sections,
            Commitments = CommitmentFinder.Find(clean, sections, dateText, year),
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

    // A local site greets its visitors with its place (欢迎访问长岭县人大网): the place of a reply it holds.
    private static string? SiteWelcome(IReadOnlyList<P> ps)
    {
        foreach (var p in ps.Take(3))
        {
            var m = WelcomeLine().Match(p.Folded);
            if (m.Success) return m.Groups["p"].Value;
        }
        return null;
    }

    /// <summary>The portal table's labels for the reply's own title.</summary>
    private static readonly string[] TitleLabels = ["标题", "名称", "信息名称", "文件标题"];

    /// <summary>Whether a text says that it answers a proposal: 收悉, 现答复如下, 协办意见, 办理情况 ….</summary>
    public static bool HasReplySignal(string text) => ReplySignal().IsMatch(Analysis.CharFolding.Fold(text));

    /// <summary>
    /// A portal that moved the reply's title or 文号 into its table (信息名称, 文号) took them out of the
    /// letter: they are put back at its head, where the letter had them, so that they are searched as text.
    /// </summary>
    private static IReadOnlyList<P> WithHeadingFromTable(IReadOnlyList<P> ps, IReadOnlyDictionary<string, string> meta)
    {
        var heading = new List<P>();
        bool InText(string value)
        {
            var folded = Analysis.CharFolding.Fold(value).Replace(" ", "");
            return ps.Any(p => p.Folded.Replace(" ", "").Contains(folded, StringComparison.Ordinal));
        }
        if (Meta(meta, "文号", "发文字号") is { } number && DocNumberPattern().IsMatch(Analysis.CharFolding.Fold(number)) && !InText(number))
        {
            heading.Add(new P(number.Trim(), Analysis.CharFolding.Fold(number.Trim())));
        }
        if (Meta(meta, [.. TitleLabels, "建议标题", "提案标题"]) is { } title && title.Length <= 120
            && TextCleaner.IsTitleLike(Analysis.CharFolding.Fold(title).Trim()) && !InText(title))
        {
            heading.Add(new P(title.Trim(), Analysis.CharFolding.Fold(title.Trim())));
        }
        return heading.Count == 0 ? ps : [.. heading, .. ps];
    }

    // ---- structure --------------------------------------------------------------------------------

    private static int? FindSalutation(IReadOnlyList<P> ps)
    {
        for (var i = 0; i < Math.Min(ps.Count, 40); i++)
        {
            var f = ps[i].Folded.Trim();
            if (f.Length > 80) continue;
            if (f.EndsWith(':'))
            {
                if (Salutation().IsMatch(f) || OrgSalutation().IsMatch(f)) return i;
                continue;
            }
            // Without its colon a salutation is a short line of names and a role: 高松代表, 尊敬的陈国兴、刘铭、张雯委员.
            if (f.Length <= 40 && BareSalutation().IsMatch(f)) return i;
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
            if (TextCleaner.IsDateLine(f) || ChineseNumbers.CompactDate(f) is not null) return i;
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

    private static string? FindSession(string titleOutsideQuotes, string? titleText, IReadOnlyList<P> header, P? opening, IReadOnlyDictionary<string, string> meta, IReadOnlyList<P> lead)
    {
        var sources = new List<(string Folded, string Original)>();
        if (titleText is not null) sources.Add((Analysis.CharFolding.Fold(titleText), titleText));
        if (Meta(meta, "所属届次", "届次") is { } m) sources.Add((Analysis.CharFolding.Fold(m), m));
        sources.AddRange(header.Select(p => (p.Folded, p.Text)));
        if (opening is not null) sources.Add((opening.Folded, opening.Text));
        sources.AddRange(lead.Select(p => (p.Folded, p.Text)));
        foreach (var (folded, original) in sources)
        {
            // A standing committee's meeting (人大常委会第三次会议) is not the session a proposal comes from.
            if (folded.Contains("常委会") || folded.Contains("常务委员会")) continue;
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
        if (Meta(meta, "建议编号", "提案编号", "编号", "建议号", "提案号") is { } m) sources.Add(Analysis.CharFolding.Fold(m));
        sources.AddRange(header.Select(p => p.Folded));
        if (opening is not null) sources.Add(opening.Folded);
        foreach (var s in sources)
        {
            // A 文号 also ends in 号: take numbers only outside it.
            var folded = DocNumberPattern().Replace(s, " ");
            var match = ProposalNumberPattern().Match(folded);
            if (!match.Success) match = SessionPrefixedNumber().Match(folded);
            if (!match.Success) match = NumberBeforeKind().Match(folded);
            if (!match.Success) match = NumberInParentheses().Match(folded);
            if (!match.Success)
            {
                var bare = BareNumber().Match(folded);
                if (s != titleOutsideQuotes && bare.Success && folded.Trim().TrimEnd('号').Length == bare.Length) match = bare;
                else continue;
            }
            return NormalProposalNumber(match.Groups["n"].Value);
        }
        return null;
    }

    /// <summary>
    /// Digits lose their leading zeros (第091号 and 第 91 号 are both 91); a code with letters or a
    /// delegation's prefix keeps its form, upper-cased: T014, 2025D048, 温36, 2-26.
    /// </summary>
    private static string NormalProposalNumber(string n)
    {
        n = n.Replace(" ", "");
        if (n.All(char.IsAsciiDigit))
        {
            var digits = n.TrimStart('0');
            return digits.Length == 0 ? "0" : digits;
        }
        return n.ToUpperInvariant();
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

    /// <summary>
    /// 人大建议 or 政协提案 from the strongest cue present: what the session is (a party congress or an NPC
    /// bill is neither), then who the delegates are (代表 or 委员), then what the text calls the proposal.
    /// </summary>
    private static string FindKind(string titleOutsideQuotes, string? session, IReadOnlyDictionary<string, string> meta, string? role, IReadOnlyList<P> lead)
    {
        var sessionText = Analysis.CharFolding.Fold(session ?? "");
        var stated = titleOutsideQuotes + " " + sessionText;
        static bool PartyCongress(string s) => s.Contains("党代表大会") || s.Contains("党代会");
        if (PartyCongress(stated) || lead.Any(p => PartyCongress(p.Folded))) return ReplyKinds.Other;
        if (NumberedBill().IsMatch(titleOutsideQuotes) && !titleOutsideQuotes.Contains("建议") && !titleOutsideQuotes.Contains("提案")) return ReplyKinds.Other;
        if (stated.Contains("政协")) return ReplyKinds.Proposal;
        if (stated.Contains("人大") || stated.Contains("人民代表大会")) return ReplyKinds.Suggestion;
        switch (role)
        {
            case "委员": return ReplyKinds.Proposal;
            case "代表": return ReplyKinds.Suggestion;
        }
        var hint = titleOutsideQuotes + " " + Analysis.CharFolding.Fold(Meta(meta, "建议类型", "提案类型", "类别", "体裁分类", "公开目录", "主题分类") ?? "");
        if (meta.ContainsKey("提案标题") || meta.ContainsKey("提案编号")) hint += " 提案";
        if (meta.ContainsKey("建议标题") || meta.ContainsKey("建议编号")) hint += " 建议";
        if (hint.Contains("政协") || hint.Contains("提案")) return ReplyKinds.Proposal;
        if (hint.Contains("人大") || hint.Contains("建议")) return ReplyKinds.Suggestion;
        // The last resort, the opening lines' words (outside the proposal's quoted title).
        var leadText = string.Concat(lead.Select(p => QuotedTitle().Replace(p.Folded, "")));
        if (leadText.Contains("政协") || leadText.Contains("委员")) return ReplyKinds.Proposal;
        if (leadText.Contains("人大") || leadText.Contains("代表")) return ReplyKinds.Suggestion;
        return ReplyKinds.Other;
    }

    /// <summary>
    /// Delegates named in the first lines when the letter has no salutation to them: a co-handling opinion
    /// to the lead unit (薄韫代表提出的…), a lead-in (人大代表苗方杰提出), or a record form's 提案者/领衔代表.
    /// </summary>
    private static AddresseeInfo? DelegatesInLead(IReadOnlyList<P> lead, IReadOnlyDictionary<string, string> meta)
    {
        foreach (var p in lead)
        {
            var m = DelegatesProposed().Match(p.Folded);
            if (m.Success)
            {
                var g = m.Groups["names"];
                var names = SplitNames(p.Text.Substring(g.Index, g.Length));
                var count = m.Groups["n"].Success ? ChineseNumbers.Parse(m.Groups["n"].Value) : null;
                if (names.Count > 0) return new AddresseeInfo(p.Text.Substring(m.Index, m.Length), names, count, m.Groups["role"].Value);
            }
            var r = RoleThenName().Match(p.Folded);
            if (r.Success)
            {
                var g = r.Groups["names"];
                return new AddresseeInfo(p.Text.Substring(r.Index, r.Length), [p.Text.Substring(g.Index, g.Length)], null, r.Groups["role"].Value.EndsWith("代表") ? "代表" : "委员");
            }
        }
        if (Meta(meta, "领衔代表", "领衔人", "提案者", "提案人", "提出人") is { } named)
        {
            var names = SplitNames(named);
            if (names.Count > 0) return new AddresseeInfo(named, names, null, null);
        }
        return null;
    }

    private sealed record AddresseeInfo(string Raw, IReadOnlyList<string> Names, int? Count, string? Role);

    private static AddresseeInfo Addressee(P p)
    {
        var raw = p.Text.Trim().TrimEnd(':', '：').Trim();
        var folded = p.Folded.Trim().TrimEnd(':').Trim();
        var m = Salutation().Match(folded + ":");
        if (!m.Success)
        {
            return new AddresseeInfo(raw, [raw.StartsWith("尊敬的") ? raw[3..] : raw], null, null);
        }
        var namesGroup = m.Groups["names"];
        var list = SplitNames(raw.Substring(namesGroup.Index, namesGroup.Length));
        var count = m.Groups["n"].Success ? ChineseNumbers.Parse(m.Groups["n"].Value) : null;
        return new AddresseeInfo(raw, list, count, m.Groups["role"].Value);
    }

    /// <summary>
    /// Names as a salutation lists them: split at 、 and commas (spaces inside a name are layout: 闫 冰), or
    /// at spaces when every part is a full name; role words and the body a member sits in (刘苍林政协绿春县) dropped.
    /// </summary>
    private static List<string> SplitNames(string names)
    {
        var t = names.Trim();
        t = t.StartsWith("尊敬的", StringComparison.Ordinal) ? t[3..] : t.StartsWith("尊敬", StringComparison.Ordinal) ? t[2..] : t;
        IEnumerable<string> parts = t.IndexOfAny(['、', ',', '，', ';', '；']) >= 0
            ? t.Split(['、', ',', '，', ';', '；'])
            : t.Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries) is var bySpace && bySpace.All(x => x.Length >= 2) ? bySpace : [t];
        return parts
            .Select(n => RoleSuffix().Replace(WhiteSpace().Replace(n, ""), ""))
            .Select(n => MemberOf().Replace(n, ""))
            .Where(n => n.Length > 0)
            .ToList();
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
        var title = QuotedTitle().Replace(titleFolded, "");
        if (title.Contains("会办")) return HandlingRoles.Joint;
        if (title.Contains("协办")) return HandlingRoles.Assisting;
        var said = opening?.Folded ?? "";
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

    /// <summary>
    /// The replying agency as written, from the strongest place that names it: the signature (落款), the
    /// title's prefix (XX局关于…的答复), the letterhead, the page's 信息来源/来源, a 联系单位 line, the portal's
    /// 发布机构, a 承办单位 line. A site footer's 主办单位 is the website's owner and never counts. A name cut
    /// short of its office word (…住房和城乡建设) takes the word the reply calls itself by (我局).
    /// </summary>
    private static string? FindAgency(IReadOnlyList<P> ps, int? dateIndex, IReadOnlyList<P> header, IReadOnlyDictionary<string, string> meta, string? titleText, string clean)
    {
        var found = Signed(ps, dateIndex)
            ?? TitlePrefix(titleText)
            ?? TitlePrefix(Meta(meta, TitleLabels))
            ?? Letterhead(header)
            ?? AgencyValue(Meta(meta, "信息来源", "来源", "发布单位"))
            ?? AgencyValue(ContactUnit().Match(Analysis.CharFolding.Fold(clean)) is { Success: true } cu ? clean.Substring(cu.Groups["a"].Index, cu.Groups["a"].Length) : null)
            ?? AgencyValue(Meta(meta, "发布机构", "发布机关", "制定机关", "信息所属单位"))
            ?? CutShort(Meta(meta, "承办单位"), clean);
        return found is null ? null : CutShort(found, clean) ?? found;
    }

    private static string? Signed(IReadOnlyList<P> ps, int? dateIndex)
    {
        if (dateIndex is not { } d) return null;
        // The signature: the text before the date on the same line, or a line above the date.
        var f = ps[d].Folded;
        var date = ChineseNumbers.FindDates(f).LastOrDefault();
        if (date.Length > 0 && date.Index > 1 && Signature(ps[d].Text[..date.Index], f[..date.Index]) is { } before) return before;
        for (var i = d - 1; i >= Math.Max(0, d - 3); i--)
        {
            if (Signature(ps[i].Text, ps[i].Folded) is { } sig) return sig;
        }
        return null;
    }

    private static string? TitlePrefix(string? title)
    {
        if (title is null) return null;
        var folded = Analysis.CharFolding.Fold(title);
        var m = TitleAgency().Match(folded);
        if (!m.Success) return null;
        var g = m.Groups["a"];
        return IsAgencyName(folded.Substring(g.Index, g.Length)) ? title.Substring(g.Index, g.Length).Trim() : null;
    }

    // A letterhead line: the agency's name alone, or before 签发人 (宝鸡市生态环境局 签发人:赵永怀).
    private static string? Letterhead(IReadOnlyList<P> header)
    {
        foreach (var p in header)
        {
            var f = p.Folded;
            var signer = f.IndexOf("签发人", StringComparison.Ordinal);
            if (signer > 2 && Signature(p.Text[..signer], f[..signer]) is { } headed) return headed;
            if (Signature(p.Text, f) is { } sig) return LetterheadSuffix().Replace(sig, "");
        }
        return null;
    }

    private static string? AgencyValue(string? value)
    {
        if (value is null) return null;
        var first = value.Split([' ', '\u3000', '、', '，', ',', ';', '；'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && IsAgencyName(Analysis.CharFolding.Fold(first)) ? first : null;
    }

    // 清原满族自治县住房和城乡建设 (the 局 lost) in a reply that says 我局: the office word is put back.
    private static string? CutShort(string? name, string clean)
    {
        if (name is null) return null;
        var first = name.Split([' ', '\u3000', '、', '，', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is null) return null;
        if (IsAgencyName(Analysis.CharFolding.Fold(first))) return first;
        var self = SelfReference().Match(Analysis.CharFolding.Fold(clean));
        return self.Success && first.Length >= 4 ? first + self.Groups["o"].Value : null;
    }

    /// <summary>A reply to a national session names its ministry by the 文号 (农办议〔2020〕466号) when nowhere else.</summary>
    private static string? NationalMinistry(string? session, DocNo? docNumber) =>
        session is not null && docNumber is not null && Analysis.CharFolding.Fold(session).Contains("全国")
            ? AgencyNames.MinistryOfDocNumber(docNumber.Normalized)
            : null;

    // The place a title states after its lead word: 对沙河市第九届… → 沙河市第九届….
    private static string StripLead(string folded)
    {
        var t = folded.TrimStart();
        foreach (var w in new[] { "关于对", "关于", "对于", "对" })
        {
            if (t.StartsWith(w, StringComparison.Ordinal)) return t[w.Length..];
        }
        return t;
    }

    private static DateOnly? MetaDate(IReadOnlyDictionary<string, string> meta, params string[] labels)
    {
        foreach (var l in labels)
        {
            if (meta.TryGetValue(l, out var v) && DateIn(Analysis.CharFolding.Fold(v)) is { } d) return d;
        }
        return null;
    }

    // A page's publishing time on a line of its own above the reply (2016-06-13 08:56:04); a line that
    // also names the weekday is the site's "today" banner, not the reply's.
    private static DateOnly? HeaderTimestamp(IReadOnlyList<P> ps, int headerEnd)
    {
        for (var i = 0; i < Math.Min(headerEnd, ps.Count); i++)
        {
            var f = ps[i].Folded.Trim();
            if (f.Contains("星期") || f.Contains("周")) continue;
            if (StandaloneTimestamp().IsMatch(f) && DateIn(f) is { } d) return d;
        }
        return null;
    }

    /// <summary>
    /// The year of a national session: the NPC and the national CPPCC have met every March since the 6th
    /// term (1983), each term five years long, so 十四届全国人大二次会议 is 2024.
    /// </summary>
    private static int? NationalSessionYear(string? session)
    {
        if (session is null) return null;
        var m = NationalSession().Match(Analysis.CharFolding.Fold(session));
        if (!m.Success || ChineseNumbers.Parse(m.Groups["t"].Value) is not { } term || ChineseNumbers.Parse(m.Groups["c"].Value) is not { } meeting) return null;
        return term is >= 6 and <= 30 && meeting is >= 1 and <= 5 ? 1983 + 5 * (term - 6) + meeting - 1 : null;
    }

    private static int? YearInTitle(string titleFolded)
    {
        var m = TitleYear().Match(titleFolded);
        return m.Success ? int.Parse(m.Groups["y"].Value) : null;
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
        ChineseNumbers.FindDates(folded).Select(d => (DateOnly?)d.Date).LastOrDefault() ?? ChineseNumbers.CompactDate(folded);

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

    [GeneratedRegex(@"^(?:尊敬的?)?(?<names>[^:,。;]{1,60}?)(?:等\s*(?<n>[0-9一二三四五六七八九十两]{1,3})\s*(?:位|名)|等)?\s*(?<role>代表|委员|同志|先生|女士)(?:们)?\s*:$")]
    private static partial Regex Salutation();

    [GeneratedRegex(@"^(?:尊敬的)?(?:[^:,。;\s]{2,30}(?:委会|委员会|支部|总支|小组|学社|联合会|工商联|界别|联组|党组|民主党派|联络组)|(?:民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)[^:,。;\s]{0,20})\s*:$")]
    private static partial Regex OrgSalutation();

    // A salutation without its colon: names (or 尊敬的 names) and a role, nothing else on the line.
    [GeneratedRegex(@"^(?:尊敬的?)?[\p{IsCJKUnifiedIdeographs}·]{2,4}(?:[、,\s]+[\p{IsCJKUnifiedIdeographs}·]{1,4}){0,12}\s*(?:等\s*(?:[0-9一二三四五六七八九十两]{1,3}\s*(?:位|名))?)?\s*(?:代表|委员)(?:们)?$")]
    private static partial Regex BareSalutation();

    // 薄韫代表提出的, 彭武长等5位代表提出的, 对程加能代表提出的, …,夏海萍委员提出的.
    [GeneratedRegex(@"(?:^|[,，。;:对由])\s*(?<names>[\p{IsCJKUnifiedIdeographs}·]{2,4}(?:、[\p{IsCJKUnifiedIdeographs}·]{2,4}){0,12})\s*(?:等\s*(?<n>[0-9一二三四五六七八九十两]{1,3})\s*(?:位|名)|等)?\s*(?<role>代表|委员)(?:们)?(?:在[^,。]{0,40}?)?(?:提出|所提|领衔提出)")]
    private static partial Regex DelegatesProposed();

    // 人大代表苗方杰提出, 政协委员张三等提出.
    [GeneratedRegex(@"(?<role>人大代表|政协委员)\s*(?<names>[\p{IsCJKUnifiedIdeographs}]{2,4}?)(?:等[^,。]{0,8})?(?:提出|所提)")]
    private static partial Regex RoleThenName();

    // The body a member sits in, written into the salutation: 刘苍林政协绿春县 → 刘苍林.
    [GeneratedRegex(@"(?:政协|人大).*$")]
    private static partial Regex MemberOf();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"欢迎(?:访问|进入|光临)\s*(?<p>\p{IsCJKUnifiedIdeographs}{2,8}?(?:省|市|县|区))(?:人大|政协|人民政府|政府)")]
    private static partial Regex WelcomeLine();

    [GeneratedRegex(@"(?<t>[一二三四五六七八九十]{1,3})届全国(?:人大|人民代表大会|政协|委员会)[^次]{0,6}?(?<c>[一二三四五])次")]
    private static partial Regex NationalSession();

    [GeneratedRegex(@"收悉|答复如下|回复如下|复函如下|函告如下|协办意见|会办意见|办理情况|答复意见")]
    private static partial Regex ReplySignal();

    // An NPC bill answered: 第452号议案.
    [GeneratedRegex(@"\d\s*号\s*议案")]
    private static partial Regex NumberedBill();

    // XX局关于…, XX人民政府对…: the agency the title names before its lead word.
    [GeneratedRegex(@"^\s*(?:\d{4}年度?)?(?<a>[\p{IsCJKUnifiedIdeographs}()]{3,40}?)\s*(?:关于|对于|对|就)")]
    private static partial Regex TitleAgency();

    [GeneratedRegex(@"联系单位\s*:\s*(?<a>[^\s:,;。]{3,40})")]
    private static partial Regex ContactUnit();

    [GeneratedRegex(@"我(?<o>局|委|厅|办|部|院|署)")]
    private static partial Regex SelfReference();

    [GeneratedRegex(@"^(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex StandaloneTimestamp();

    // A title that starts with the year of its session: 2023年清原满族自治县八届人大二次会议…, 2022年度….
    [GeneratedRegex(@"^\s*(?<y>(?:19|20)\d{2})\s*年")]
    private static partial Regex TitleYear();

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

    [GeneratedRegex(@"第\s*(?<n>[a-z]{0,2}\d{1,20}(?:[a-z]\d{1,6})?(?:-\d{1,5})?)\s*号")]
    private static partial Regex ProposalNumberPattern();

    // A delegation's number after the session: 一次会议温36号建议.
    [GeneratedRegex(@"会议\s*(?<n>\p{IsCJKUnifiedIdeographs}\d{1,6})\s*号")]
    private static partial Regex SessionPrefixedNumber();

    // 1号建议, 21号提案, 第72号 without 第.
    [GeneratedRegex(@"(?<![\d第a-z])(?<n>\d{1,8})\s*号\s*(?:代表|委员)?(?:建议|提案|议案)")]
    private static partial Regex NumberBeforeKind();

    // 《…》(99号)建议, (第240号提案).
    [GeneratedRegex(@"\(\s*(?:第\s*)?(?<n>\d{1,12})\s*号\s*(?:建议|提案)?\s*\)")]
    private static partial Regex NumberInParentheses();

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
