using System.Globalization;
using System.Text.RegularExpressions;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// Finds the commitments a reply makes (承诺事项): the sentences in which the replying side says what it will
/// do after the reply, and the deadline each states.
/// <para>
/// A sentence is the text of one section up to 。！？； or a line end. It is a commitment when it says something
/// will be done (将, 计划于, 拟, 力争, 争取, 预计…, 年底前完成 …), or when it stands under a forward-looking heading
/// or lead-in (三、下一步工作打算; 下一步，我们将重点做好以下工作：) and does not report work already done. Never
/// a commitment: courtesy (thanks, welcome further advice, hope for support), the opening formula, the
/// delegate's own suggestion restated, what rules say should be done, and work done or under way with nothing
/// promised. Matching runs on the folded text, so traditional-script replies read the same.
/// </para>
/// Measured against hand-labelled real replies by <c>replysearch eval --commitments</c> (CI's gate).
/// </summary>
public static partial class CommitmentFinder
{
    /// <summary>Longer runs are not one sentence but an unpunctuated block (a table, a list run together).</summary>
    private const int MaxSentence = 400;

    public static IReadOnlyList<Commitment> Find(string text, IReadOnlyList<Section> sections, string? replyDate, int? replyYear)
    {
        var date = DateOnly.TryParseExact(replyDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        var baseYear = date?.Year ?? replyYear;
        var found = new List<Commitment>();
        // A lead-in (接下来将从以下三方面推进：) also looks ahead over the numbered sections after it, which are its items.
        var leadIn = false;
        foreach (var section in sections)
        {
            var body = Section.BodyOf(text, section.Heading, section.Start, section.Length);
            var bodyStart = body.Length == 0 ? -1 : text.IndexOf(body, section.Start, StringComparison.Ordinal);
            if (bodyStart < 0) continue;
            // Under a forward-looking heading (三、下一步工作打算; 三、加强沟通，力争政策支持) every sentence of the
            // section looks ahead; a lead-in sentence (下一步，我们将重点做好以下工作：) starts the same until the
            // section ends or the courtesy begins.
            var ahead = leadIn || section.Heading is { } h && (ForwardHeading().IsMatch(CharFolding.Fold(h)) || SaysFuture(Masked(CharFolding.Fold(h)), baseYear));
            var previous = false;
            var previousEnd = '\0';
            foreach (var (offset, sentence) in Sentences(body))
            {
                var folded = Masked(CharFolding.Fold(sentence));
                var promised = IsCommitment(folded, baseYear, ref ahead, ref leadIn, previous, previousEnd == ';');
                previous = promised;
                previousEnd = folded[^1];
                if (!promised) continue;
                var due = Deadline(folded, date, baseYear);
                found.Add(new Commitment
                {
                    Section = section.Label,
                    Text = sentence,
                    Start = bodyStart + offset,
                    Length = sentence.Length,
                    Due = due?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DueText = due is { } x ? sentence.Substring(x.Index, x.Length) : null,
                });
            }
        }
        return found;
    }

    /// <summary>
    /// Whether one sentence (folded, quotations masked) is a commitment; <paramref name="ahead"/> carries the
    /// forward-looking context from sentence to sentence, <paramref name="afterCommitment"/> says whether the
    /// sentence before was one (同时，… continues it).
    /// </summary>
    private static bool IsCommitment(string folded, int? baseYear, ref bool ahead, ref bool leadIn, bool afterCommitment, bool afterSemicolon)
    {
        // Most sentences follow no promise, sit under no forward heading or lead-in (leadIn implies ahead) and
        // have no future marker: nothing below can make them one, so the costlier tests are skipped (a fifth of
        // the build's parse time).
        if (!ahead && !afterCommitment && !Future().IsMatch(folded) && !LeadingYear().IsMatch(folded)) return false;
        if (IsCourtesy(folded))
        {
            ahead = leadIn = false;
            return false;
        }
        if (folded.Length > MaxSentence || IsFormula(folded) || folded.Contains('|') || Title().IsMatch(folded)) return false;
        var reported = Reported().IsMatch(folded);
        if (SaysFuture(folded, baseYear))
        {
            if (LeadIn().IsMatch(folded)) ahead = leadIn = true;
            return true;
        }
        // Signatures and contact lines end without a stop; the items of a plan end with one.
        if (reported || !HasAction(folded) || folded[^1] is not ('。' or ';' or '.' or '!')) return false;
        // …将申请加快建设；在此基础上，替换地面垃圾箱…: the clauses after a promise's semicolon are that promise's.
        return ahead || afterCommitment && (Continuation().IsMatch(folded) || afterSemicolon);
    }

    /// <summary>The sentences of a section's body with their offsets: up to 。！？； (or ! ? ;) or a line end, trimmed.</summary>
    public static IEnumerable<(int Offset, string Text)> Sentences(string body)
    {
        var start = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            var end = i == body.Length || body[i] == '\n';
            var stop = !end && body[i] is '。' or '！' or '？' or '；' or '!' or '?' or ';';
            if (!end && !stop) continue;
            var to = stop ? i + 1 : i;
            var from = start;
            while (from < to && char.IsWhiteSpace(body[from])) from++;
            var last = to;
            while (last > from && char.IsWhiteSpace(body[last - 1])) last--;
            if (last > from) yield return (from, body[from..last]);
            start = to;
        }
    }

    /// <summary>Whether a sentence says something will be done: a future marker that is not the delegate's or a rule's.</summary>
    private static bool SaysFuture(string folded, int? baseYear)
    {
        // 2025年，继续实施老旧小区改造85个 in a 2025 reply: this year's plan (a year leading a report has 已, 了 …).
        if (LeadingYear().Match(folded) is { Success: true } year && baseYear is { } by && folded[^1] is '。' or ';' or '.'
            && HasAction(folded)
            && (year.Groups["y"].Success ? int.Parse(year.Groups["y"].Value, CultureInfo.InvariantCulture) >= by : true)
            && !Reported().IsMatch(folded)) return true;
        var reported = Reported().Match(folded);
        var self = SelfFuture().IsMatch(folded);
        foreach (Match m in Future().Matches(folded))
        {
            // 您建议将…纳入… : the future is the delegate's wish (in the delegate's clause), unless the reply speaks for itself too.
            if (Delegate().Match(folded) is { Success: true } you && you.Index < m.Index && !folded.AsSpan(you.Index, m.Index - you.Index).ContainsAny(',', ':')
                && !Self().IsMatch(folded)) return false;
            // 今后关键是要…, 各地应当…: what ought to be done, not a promise.
            if ((Normative().IsMatch(folded) || Must().Match(folded) is { Success: true } must && must.Index < m.Index) && !self) return false;
            // 设置了…，并将…列入…; 正在前期准备设计之中; 投入了…，力争让…: after a report, 将 inside a clause, 准备 and
            // a 力争 of purpose are that report's, unless the reply names itself as who will act. 计划 followed by
            // what is planned (计划在…建设) is a plan even beside a report.
            if (reported.Success && reported.Index < m.Index && !self && IsWeak(folded, m)) continue;
            return true;
        }
        return false;
    }

    // The last character of who acts before a 将: 我们, 本局, 管理处, 区政府, 街道, 公司 …
    private const string Actors = "我们局委办厅处部院站队心司府门位道镇乡县区市";

    private static bool IsWeak(string folded, Match marker) =>
        marker.Value switch
        {
            // 资金到位后，将组织施工; 卫生管理处将结合实际…: 将 opening a clause, or after who acts, is the future.
            "将" => marker.Index > 0 && folded[marker.Index - 1] != ',' && !Actors.Contains(folded[marker.Index - 1]),
            "力争" => marker.Index + 2 < folded.Length && folded[marker.Index + 2] is '让' or '使',
            _ => marker.Value.StartsWith("准备", StringComparison.Ordinal) || marker.Value.StartsWith("打算", StringComparison.Ordinal) || marker.Value.StartsWith("确保", StringComparison.Ordinal),
        };

    /// <summary>Under a forward heading, a sentence with something to do (not a bare label or a number).</summary>
    private static bool HasAction(string folded) => folded.Count(c => c >= '\u4e00' && c <= '\u9fff') >= 6;

    // Courtesy, unless the reply promises in the same breath (我区将…，同时也请您一如既往地监督).
    // Courtesy first and a promise after it (如有不满意请联系，我局将尽全力…) is still the courtesy.
    private static bool IsCourtesy(string folded)
    {
        var courtesy = Courtesy().Match(folded);
        if (!courtesy.Success) return false;
        var promise = SelfFuture().Match(folded);
        return !promise.Success || promise.Index > courtesy.Index;
    }

    // A long run that starts with the opening formula is the formula and the reply's first paragraph run together.
    private static bool IsFormula(string folded) => folded.Length < 80 && Formula().IsMatch(folded);

    /// <summary>
    /// The sentence with quoted text masked (same length): a proposal's title (关于将…纳入…的建议, “…”, 《…》) says
    /// what the delegate wants or what a document is called, not what the reply promises.
    /// </summary>
    private static string Masked(string folded)
    {
        var chars = folded.ToCharArray();
        foreach (Match m in Quoted().Matches(folded))
        {
            for (var i = m.Index; i < m.Index + m.Length; i++) chars[i] = '□';
        }
        return new string(chars);
    }

    private readonly record struct Due(DateOnly Date, int Index, int Length);

    /// <summary>
    /// The latest deadline a sentence states, as the last day of the period it names (年底 → 12-31, 6月底 → 06-30,
    /// 上半年 → 06-30, 三季度 → 09-30), relative ones (年内, 明年) from the reply's year; none before the reply's date.
    /// </summary>
    private static Due? Deadline(string folded, DateOnly? replyDate, int? baseYear)
    {
        Due? best = null, bestStated = null;
        var floor = replyDate ?? (baseYear is { } by ? new DateOnly(by, 1, 1) : DateOnly.MinValue);
        foreach (Match m in Period().Matches(folded))
        {
            // A five-year plan ends with its last year: 十四五 is 2021-2025.
            int? year = m.Groups["plan"].Success ? m.Groups["plan"].Value switch { "十三五" => 2020, "十四五" => 2025, "十五五" => 2030, _ => 2035 }
                : m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture)
                : m.Groups["next"].Success ? baseYear + 1
                : baseYear;
            if (year is not { } y || y < 2000 || y > 2100) continue;
            var relative = !m.Groups["y"].Success && !m.Groups["next"].Success && !m.Groups["plan"].Success && !m.Value.StartsWith('今') && !m.Value.StartsWith('本');
            DateOnly? end = null;
            if (m.Groups["mo"].Success && Month(m.Groups["mo"].Value) is { } month)
            {
                end = m.Groups["d"].Success && int.TryParse(m.Groups["d"].Value, out var day) && day <= DateTime.DaysInMonth(y, month)
                    ? new DateOnly(y, month, day)
                    : new DateOnly(y, month, DateTime.DaysInMonth(y, month));
                // 3月底前 in a July reply: next March.
                if (relative && replyDate is { } rd && end < rd) end = end.Value.AddYears(1);
            }
            else if (m.Groups["half"].Success) end = new DateOnly(y, m.Groups["half"].Value == "上" ? 6 : 12, m.Groups["half"].Value == "上" ? 30 : 31);
            else if (m.Groups["q"].Success && Month(m.Groups["q"].Value) is { } q and >= 1 and <= 4) end = new DateOnly(y, q * 3, DateTime.DaysInMonth(y, q * 3));
            else if (m.Groups["yearEnd"].Success || m.Groups["y"].Success || m.Groups["next"].Success || m.Groups["plan"].Success) end = new DateOnly(y, 12, 31);
            if (end is not { } e || e < floor) continue;
            // A stated end (10月底, 上半年, 年底前) outranks a year named in passing (按照今年…任务, 2015年…项目).
            var stated = m.Groups["mo"].Success || m.Groups["half"].Success || m.Groups["q"].Success
                || m.Groups["yearEnd"].Success && m.Groups["yearEnd"].Value[^1] is '底' or '末' or '前';
            var due = new Due(e, m.Index, m.Length);
            // Of equal dates the later wording wins: 列入今年计划，力争年底前完成 is due 年底.
            if (stated && (bestStated is null || e >= bestStated.Value.Date)) bestStated = due;
            if (best is null || e >= best.Value.Date) best = due;
        }
        return bestStated ?? best;
    }

    private static int? Month(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : ChineseNumbers.Parse(s);

    // A heading over what comes next: 下一步工作打算, 今后工作措施, 工作计划.
    [GeneratedRegex("下一步|下步|今后|打算|展望|努力方向|工作思路|工作计划")]
    private static partial Regex ForwardHeading();

    // A sentence that introduces a list of what will be done: 下一步，我们将重点做好以下工作： or one ending in a colon.
    [GeneratedRegex("[:]$|以下|如下")]
    private static partial Regex LeadIn();

    // Markers of the future on the replying side. 将 is the future unless it is the object marker after a
    // done deed or a rule (已将, 应将, 可将) or part of a word (将近, 将军); 拟 unless 拟定/模拟; 计划 and 准备 as
    // verbs only (计划于, 计划明年), not the nouns of 年度计划.
    [GeneratedRegex(
        "下一步|下步|今后|接下来|将来|未来|以后" +
        "|(?<![已曾经应须需可能均都是把现地]|建议)将(?![近军领士信])" +
        "|(?<![已模虚草])拟(?![定稿写])" +
        "|力争|力求|争取(?=在|于|\\d|明年|今年|年内|年底|早日|尽早)|预计|有望|着手" +
        "|确保.{0,15}(完成|竣工|到位|达|实现|按时|如期|年底|年内|前(?!提))" +
        "|(?<![已度造设划作照])(计划|准备|打算)(?![中内的,。;:、和与及任务项目资金表书方案正已\"”□)]|$)" +
        "|(我们|我局|我委|我办|我厅|我部|我镇|我区|我市|我县|我单位|我院|我处|本局|本单位)(会|要|也会|还会|还要|将)(?![同议商签计])" +
        "|(?<!建议)尽快|适时|近期内|待.{1,20}(后|时)" +
        "|(年底|年末|年内|月底|月末|季度|年前|月前|日前|底前|末前|之前)(完成|建成|实现|投用|投入使用|开工|竣工|到位|启动|通车|出台|落实|交付)")]
    private static partial Regex Future();

    // Work reported as done or under way.
    [GeneratedRegex("已|曾|正在|目前|现阶段|截至|截止|先后|累计|共计|共(?=完成|投入|争取|实施|改造|建成|修建|新建|举办|开展)|去年|此前|近年|以来|至今|一直|过去|(?<![为除])了(?!解)")]
    private static partial Regex Reported();

    // The delegate as the subject: 您提出…, 你建议…
    [GeneratedRegex("您|你|代表(提出|建议|所提|反映)|委员(提出|建议|所提|反映)")]
    private static partial Regex Delegate();

    // The reply promising in its own name.
    [GeneratedRegex("(我|本)[^,。;]{0,6}(将|会(?![议同])|(?<![需主重只])要(?![求点]))")]
    private static partial Regex SelfFuture();

    // A year (or 今年/明年) leading a sentence: the time of what follows.
    [GeneratedRegex("^(在|于)?((?<y>20\\d\\d)年度?|今年|明年)[,:]")]
    private static partial Regex LeadingYear();

    // A title line (关于…的建议的答复), cut off or whole: no stop, no comma.
    [GeneratedRegex("^关于[^,。]*$")]
    private static partial Regex Title();

    // What ought to be done in general, not what the reply promises (今后关键是要建立健全…, 各地应当…).
    [GeneratedRegex("应当|应该|关键是要|关键在于")]
    private static partial Regex Normative();

    // 必须 before the promise makes it a rule (均必须 after a plan is part of the plan).
    [GeneratedRegex("必须|务必")]
    private static partial Regex Must();

    // A sentence that continues the one before: 同时，…; 此外，…
    [GeneratedRegex("^(同时|此外|另外|另一方面|一方面|另|并且|并|还将|还要|其次|再次|最后|[一二三四五六七八九十]是)")]
    private static partial Regex Continuation();

    // Quoted text and proposal titles: “…” (folded to "…"), 《…》, 「…」, 关于…的建议. Short quotes are terms
    // (“十四五”期间, “三供一业”), kept.
    [GeneratedRegex("\"[^\"]{7,80}\"|“[^”]{7,80}”|《[^》]{0,80}》|「[^」]{0,80}」|关于[^,。;:]{0,60}?的(建议|提案|答复|意见|议案)|(提出|所提)的[^。;]{0,80}?的(建议|提案|意见)")]
    private static partial Regex Quoted();

    // The reply speaking for itself.
    [GeneratedRegex("我|本(局|单位|部门|委|厅|办)")]
    private static partial Regex Self();

    // Thanks, welcome further advice, hope for support: the close of a reply, never a promise.
    [GeneratedRegex("^(再次|衷心|诚挚|非常)?(感谢|谢谢)|欢迎.{0,20}(意见|建议|监督|指导|关心|支持)|希望.{0,30}(意见|建议|监督|指导|关心|支持|理解)|供.{0,12}参考|(具有|有).{0,8}(指导|参考|借鉴)(意义|价值|作用)|(如|若).{0,20}请.{0,10}联系|敬请|恳请|请.{0,6}(继续|一如既往).{0,12}(关心|支持|监督)|(如有|如对|对以上|不满意|有异议).{0,20}联系|多提.{0,6}(意见|建议)")]
    private static partial Regex Courtesy();

    // The opening and closing formulas of a reply.
    [GeneratedRegex("收悉|(答复|函复|回复|说明|报告)如下|特此(答复|函复)|^此复|^专此")]
    private static partial Regex Formula();

    // A period a deadline names. Groups: y (year), next (明年), mo (month, digits or 一…十二) and d (day), half
    // (上/下半年), q (quarter), yearEnd (年底, 年内 …). A bare year counts only beside completion (2025年建成,
    // 力争2025年): a year alone is as often the time of something reported. A month alone needs 底/前/份.
    private const string MonthPart = "(?<mo>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月";
    private const string MonthEnd = "(?:底|末|份|中旬|下旬|上旬|前|之前|以前)";
    private const string Within = "(?:(?<half>[上下])半年|第?(?<q>[1-4一二三四])季度)";

    [GeneratedRegex(
        "(?<y>20\\d\\d)年(?:" + MonthPart + "(?:(?<d>[0-3]?\\d)日)?" + MonthEnd + "?|" + Within + "|(?<yearEnd>年底|底|末|内|前))" +
        "|(?<y>20\\d\\d)年(?=.{0,10}(?:前|完成|建成|实现|开工|竣工|投用|投入使用|启动|通车|实施|到位|落实))" +
        "|(?<=(?:于|在|到|至|力争|计划|预计|争取|确保|拟)\\s?)(?<y>20\\d\\d)年" +
        "|(?<next>明年|次年|下一年度?|下年度?)(?:" + MonthPart + "(?:(?<d>[0-3]?\\d)日)?" + MonthEnd + "?|" + Within + ")?" +
        "|(?:今年|本年度?)?(?:" + MonthPart + "(?:(?<d>[0-3]?\\d)日" + MonthEnd + "?|" + MonthEnd + ")|" + Within + ")" +
        "|(?<yearEnd>年底|年末|年内|今年底?|本年度?内?|当年内?)" +
        "|^(?:在|于)?(?<y>20\\d\\d)年度?(?=[,:])" +
        "|(?<y>20\\d\\d)年度?(?=[^,。;]{0,12}(?:项目|计划|任务))" +
        "|(?<=20\\d\\d\\s?[-—~至到])(?<y>20\\d\\d)年" +
        "|(?<y>20\\d\\d)[-./](?<mo>1[0-2]|0?[1-9])(?![\\d年])(?:[-./](?<d>[0-3]?\\d)(?!\\d))?" +
        // A five-year plan is a deadline when the work falls in it (“十四五”期间, 在“十三五”末), not when a plan of that name is cited.
        "|(?<=(?:在|于|到|至)[\"“]?)(?<plan>十三五|十四五|十五五|十六五)|(?<plan>十三五|十四五|十五五|十六五)(?=[\"”]?(?:期间|末|内|时期))")]
    private static partial Regex Period();
}
