namespace ReplySearch.Core.Model;

/// <summary>
/// One reply as the parser understands it. Plain data: no Lucene, no I/O.
/// Property names are the JSON keys of <c>parse --json</c>; keep them stable.
/// </summary>
public sealed record ReplyDocument
{
    /// <summary>The file path as given (parse) or relative to the corpus folder (index).</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// The 承办单位: the agency that wrote the reply, by its canonical full name in simplified script (the facet
    /// value): 市住建局 in a 滕州 reply is 滕州市住房和城乡建设局.
    /// </summary>
    public string? Agency { get; init; }

    /// <summary>The agency as the reply writes it, when that differs from <see cref="Agency"/>.</summary>
    public string? AgencyAsWritten { get; init; }

    public int? Year { get; init; }

    /// <summary>The reply date, ISO yyyy-MM-dd.</summary>
    public string? Date { get; init; }

    /// <summary>The 文号 as written.</summary>
    public string? DocNumber { get; init; }

    /// <summary>The 文号 with 〔〕【】[]() and full-width forms made one, spaces removed.</summary>
    public string? DocNumberNormalized { get; init; }

    public string? Title { get; init; }

    /// <summary>人大建议, 政协提案 or 其他.</summary>
    public string Kind { get; init; } = ReplyKinds.Other;

    /// <summary>届次/会次, e.g. 市二十届人大二次会议.</summary>
    public string? Session { get; init; }

    /// <summary>Digits only, leading zeros dropped: 第091号 and 第 91 号 are both "91".</summary>
    public string? ProposalNumber { get; init; }

    /// <summary>The proposal's own title, the text inside 《…》.</summary>
    public string? ProposalTitle { get; init; }

    /// <summary>Individual names, or the organisation when an organisation is the addressee.</summary>
    public IReadOnlyList<string> Delegates { get; init; } = [];

    public string? LeadDelegate { get; init; }

    /// <summary>N of 等N位, when the salutation states it.</summary>
    public int? DelegateCount { get; init; }

    /// <summary>The salutation line as written (without its colon).</summary>
    public string? Addressee { get; init; }

    /// <summary>A, B, C or D.</summary>
    public string? HandlingType { get; init; }

    public IReadOnlyList<Section> Sections { get; init; } = [];

    /// <summary>What the reply promises to do next (承诺事项), in the order written (see <see cref="Parsing.CommitmentFinder"/>).</summary>
    public IReadOnlyList<Commitment> Commitments { get; init; } = [];

    /// <summary>建议承办分管领导 or 签发人.</summary>
    public string? Leader { get; init; }

    /// <summary>承办责任人 or 联系人.</summary>
    public string? Handler { get; init; }

    public string? Phone { get; init; }

    /// <summary>抄送 or 抄报.</summary>
    public string? Cc { get; init; }

    /// <summary>
    /// 主办 (the main reply), 协办 or 会办 (a co-handling agency's opinion, 协办意见/会办意见): from the title or the
    /// opening, or the replying agency named as the portal's 协办单位/会办单位.
    /// </summary>
    public string HandlingRole { get; init; } = HandlingRoles.Lead;

    /// <summary>The portal's 内容分类 (主题分类): the subject the reply is filed under, e.g. 教育, 科技.</summary>
    public string? ContentCategory { get; init; }

    /// <summary>The portal's 索引号: the reply's number in the government information catalogue.</summary>
    public string? IndexNumber { get; init; }

    /// <summary>The portal's 公开方式: 主动公开, 依申请公开 …</summary>
    public string? Disclosure { get; init; }

    /// <summary>When the suggestion or proposal was submitted (提交日期), ISO yyyy-MM-dd.</summary>
    public string? SubmittedDate { get; init; }

    /// <summary>Portal metadata rows (索引号, 内容分类, 公开方式 …) as found, label → value.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The clean text: page breaks, markup and page chrome removed, split words rejoined.</summary>
    public string Text { get; init; } = "";

    /// <summary>What the parser could not find or had to drop, for people to read.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The fields (by JSON name) the parser could not find: what tools test, rather than the wording of
    /// <see cref="Warnings"/>. Known when parsing only; a document read back from the index has none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> MissingFields { get; init; } = [];

    /// <summary>The section a character offset of <see cref="Text"/> falls in.</summary>
    public Section? SectionAt(int offset)
    {
        Section? found = null;
        foreach (var s in Sections)
        {
            if (s.Start > offset) break;
            found = s;
        }
        return found;
    }
}

public static class HandlingRoles
{
    public const string Lead = "主办";
    public const string Assisting = "协办";
    public const string Joint = "会办";
}

public static class ReplyKinds
{
    public const string Suggestion = "人大建议";
    public const string Proposal = "政协提案";
    public const string Other = "其他";
}
