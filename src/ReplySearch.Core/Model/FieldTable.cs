using ReplySearch.Core.Analysis;

namespace ReplySearch.Core.Model;

/// <summary>
/// The fields of a reply, in one table. Adding a filter or a facet is one entry here (plus the property on
/// <see cref="ReplyDocument"/> that the parser fills): the index mapping, the analyzers of gram fields, facet
/// counting, filters, the query language's names, request parsing in the API and the CLI, the OpenAPI
/// document, the CSV export and the search page's filters (through GET /api/schema) follow it.
/// <para>
/// Order matters twice: facets appear in results in this order, and API parameters in the OpenAPI document.
/// The body text, titles and headings for ranking, and identity fields are not here: they are how every
/// reply is searched, not properties to filter on (see <see cref="Indexing.Schema"/>).
/// </para>
/// </summary>
public static class FieldTable
{
    private static IReadOnlyList<string> One(string? value) => string.IsNullOrEmpty(value) ? [] : [value];

    public static readonly ReplyField Agency = new()
    {
        Name = "agency",
        Label = "承办单位",
        Description = "Only replies of this agency (承办单位).",
        Read = d => One(d.Agency),
        Indexing = FieldIndexing.Keyword,
        IndexName = "agency",
        GramsField = "agency_grams",
        Filter = FilterMatch.Contains,
        Facet = FacetOrder.ByCount,
        Aliases = ["agency", "单位", "机构", "承办单位"],
        CliOption = "--agency",
        Csv = new("agency", 3),
    };

    public static readonly ReplyField Year = new()
    {
        Name = "year",
        Label = "年份",
        Description = "A year or an inclusive range: 2023 or 2021..2023.",
        Read = d => d.Year is { } y ? [y.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [],
        Indexing = FieldIndexing.Year,
        IndexName = "year",
        Filter = FilterMatch.YearRange,
        Facet = FacetOrder.NewestFirst,
        Aliases = ["year", "年份", "年度", "年"],
        CliOption = "--year",
        Csv = new("year", 4),
    };

    public static readonly ReplyField Delegate = new()
    {
        Name = "delegate",
        Label = "代表/委员",
        Description = "Only replies to this delegate or member.",
        Read = d => d.Delegates.Distinct().ToList(),
        Indexing = FieldIndexing.KeywordSet,
        IndexName = "delegate",
        Normalize = Parsing.DelegateNames.Normalize,
        GramsField = "delegate_grams",
        Filter = FilterMatch.Contains,
        Facet = FacetOrder.ByCount,
        Aliases = ["delegate", "代表", "委员"],
        CliOption = "--delegate",
        Csv = new("delegates", 6),
    };

    public static readonly ReplyField Kind = new()
    {
        Name = "kind",
        Label = "类型",
        Description = "人大建议, 政协提案 or 其他.",
        Read = d => One(d.Kind),
        Indexing = FieldIndexing.Keyword,
        IndexName = "kind",
        // 建议 and 提案 (and their English names) are accepted for the kinds' full names.
        Normalize = k => k switch
        {
            "建议" or "人大" or "suggestion" => ReplyKinds.Suggestion,
            "提案" or "政协" or "proposal" => ReplyKinds.Proposal,
            "other" => ReplyKinds.Other,
            _ => k,
        },
        Filter = FilterMatch.Exact,
        Facet = FacetOrder.ByCount,
        Aliases = ["kind", "类型"],
        CliOption = "--kind",
        Csv = new("kind", 9),
    };

    public static readonly ReplyField HandlingType = new()
    {
        Name = "handlingType",
        Label = "办理类型",
        Description = "Handling type A, B, C or D.",
        Read = d => One(d.HandlingType),
        Indexing = FieldIndexing.Keyword,
        IndexName = "handling_type",
        Normalize = t => CharFolding.Fold(t).ToUpperInvariant(),
        Filter = FilterMatch.Exact,
        Facet = FacetOrder.ByValue,
        Aliases = ["type", "handlingtype", "办理类型"],
        CliOption = "--type",
        Csv = new("handlingType", 10),
    };

    public static readonly ReplyField ContentCategory = new()
    {
        Name = "contentCategory",
        Label = "内容分类",
        Description = "Only replies the portal files under this 内容分类 (content category), exactly.",
        Read = d => One(d.ContentCategory),
        Indexing = FieldIndexing.Keyword,
        IndexName = "content_category",
        Normalize = CharFolding.Fold,
        Filter = FilterMatch.Exact,
        Facet = FacetOrder.ByCount,
        CliOption = "--category",
        Csv = new("contentCategory", 15),
    };

    public static readonly ReplyField HandlingRole = new()
    {
        Name = "handlingRole",
        Label = "主办/协办",
        Description = "主办 (the main reply), 协办 or 会办 (a co-handling agency's opinion).",
        Read = d => One(d.HandlingRole),
        Indexing = FieldIndexing.Keyword,
        IndexName = "handling_role",
        Normalize = CharFolding.Fold,
        Filter = FilterMatch.Exact,
        Facet = FacetOrder.ByCount,
        CliOption = "--role",
        Csv = new("handlingRole", 14),
    };

    public static readonly ReplyField Disclosure = new()
    {
        Name = "disclosure",
        Label = "公开方式",
        Description = "Only replies with this 公开方式 (disclosure), exactly.",
        Read = d => One(d.Disclosure),
        Indexing = FieldIndexing.Keyword,
        IndexName = "disclosure",
        Normalize = CharFolding.Fold,
        Filter = FilterMatch.Exact,
        Facet = FacetOrder.ByCount,
        CliOption = "--disclosure",
        Csv = new("disclosure", 16),
    };

    public static readonly ReplyField Section = new()
    {
        Name = "section",
        Label = "章节",
        Description = "Only replies with a section heading containing this.",
        Read = d => d.Sections.Select(s => s.Heading).OfType<string>().ToList(),
        GramsField = "heading_grams",
        Filter = FilterMatch.Contains,
        Aliases = ["section", "章节"],
        CliOption = "--section",
    };

    public static readonly ReplyField Title = new()
    {
        Name = "title",
        Label = "标题",
        Description = "The reply's title.",
        Read = d => One(d.Title),
        Csv = new("title", 2),
    };

    public static readonly ReplyField Date = new()
    {
        Name = "date",
        Label = "日期",
        Description = "The reply's date, yyyy-MM-dd.",
        Read = d => One(d.Date),
        Csv = new("date", 5),
    };

    public static readonly ReplyField Session = new()
    {
        Name = "session",
        Label = "届次",
        Description = "The congress session (届次/会次).",
        Read = d => One(d.Session),
        Indexing = FieldIndexing.Keyword,
        IndexName = "session",
    };

    public static readonly ReplyField ProposalNumber = new()
    {
        Name = "proposalNumber",
        Label = "编号",
        Description = "The proposal's number, digits only.",
        Read = d => One(d.ProposalNumber),
        Indexing = FieldIndexing.Keyword,
        IndexName = "proposal_number",
        Csv = new("proposalNumber", 7),
    };

    /// <summary>
    /// The proposal's own title as one key (folded, letters and digits only): with the session and number,
    /// what ties the replies to one proposal together (a 主办 reply and the 协办 opinions on it).
    /// </summary>
    public static readonly ReplyField ProposalTitle = new()
    {
        Name = "proposalTitle",
        Label = "建议/提案标题",
        Description = "The proposal's own title (inside 《》).",
        Read = d => One(d.ProposalTitle),
        Indexing = FieldIndexing.Keyword,
        IndexName = "proposal_key",
        Normalize = ProposalKey,
    };

    /// <summary>《关于加快城区雨水管网改造、解决积水点问题的建议》 and its spellings → one key: folded, only letters and digits.</summary>
    public static string ProposalKey(string title) =>
        new(CharFolding.Fold(title).Where(char.IsLetterOrDigit).ToArray());

    public static readonly ReplyField DocNumber = new()
    {
        Name = "docNumber",
        Label = "文号",
        Description = "The 文号 as written.",
        Read = d => One(d.DocNumber),
        // The index holds the 文号 with its brackets and widths made one, spaces removed.
        ReadIndexed = d => One(d.DocNumberNormalized),
        Indexing = FieldIndexing.Keyword,
        IndexName = "doc_number",
        Csv = new("docNumber", 8),
    };

    public static readonly ReplyField IndexNumber = new()
    {
        Name = "indexNumber",
        Label = "索引号",
        Description = "The portal's 索引号.",
        Read = d => One(d.IndexNumber),
        Indexing = FieldIndexing.Keyword,
        IndexName = "index_number",
        Csv = new("indexNumber", 17),
    };

    public static readonly ReplyField SubmittedDate = new()
    {
        Name = "submittedDate",
        Label = "提交日期",
        Description = "When the proposal was submitted, yyyy-MM-dd.",
        Read = d => One(d.SubmittedDate),
        Indexing = FieldIndexing.Keyword,
        IndexName = "submitted_date",
        Csv = new("submittedDate", 18),
    };

    /// <summary>Every field, in the order of facets in a result and of parameters in the API.</summary>
    public static readonly IReadOnlyList<ReplyField> All =
    [
        Agency, Year, Delegate, Kind, HandlingType, ContentCategory, HandlingRole, Disclosure, Section,
        Title, Date, Session, ProposalNumber, ProposalTitle, DocNumber, IndexNumber, SubmittedDate,
    ];

    /// <summary>The fields a request can filter on.</summary>
    public static readonly IReadOnlyList<ReplyField> Filters = [.. All.Where(f => f.Filter is not null)];

    /// <summary>The fields a result counts values of.</summary>
    public static readonly IReadOnlyList<ReplyField> Facets = [.. All.Where(f => f.Facet is not null)];

    /// <summary>The field a filter name of the query language stands for (agency, 单位 …), ignoring case.</summary>
    public static ReplyField? ByAlias(string name) => Aliases.GetValueOrDefault(name);

    private static readonly Dictionary<string, ReplyField> Aliases =
        Filters.SelectMany(f => f.Aliases.Select(a => (a, f))).ToDictionary(x => x.a, x => x.f, StringComparer.OrdinalIgnoreCase);

    /// <summary>The field of an API parameter name (agency, handlingType …).</summary>
    public static ReplyField? ByName(string name) => All.FirstOrDefault(f => f.Name == name);
}
