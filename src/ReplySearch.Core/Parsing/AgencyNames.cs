using System.Text.RegularExpressions;
using ReplySearch.Core.Analysis;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// Agency names as replies write them, made into one facet value: the full name in simplified script
/// (市住建局 in a 滕州 reply is 滕州市住房和城乡建设局). Pure functions over folded text.
/// </summary>
public static partial class AgencyNames
{
    /// <summary>
    /// Common short forms of agency names and their full forms, longest first. Each is how the State
    /// Council's naming (机构改革 2018) spells the office; a short form only expands at the end of a name
    /// (…住建局), so names that merely contain the letters are left alone. Not the lexicon's groups: those
    /// say which strings a search treats as one (交通局 ≈ 交通运输局), while this says what an office is
    /// officially called, and some places really do have a 交通局.
    /// </summary>
    private static readonly (string Short, string Full)[] Abbreviations =
    [
        ("国家发展改革委", "国家发展和改革委员会"),
        ("发展改革委", "发展和改革委员会"),
        ("发展改革局", "发展和改革局"),
        ("发改委", "发展和改革委员会"),
        ("发改局", "发展和改革局"),
        ("住建局", "住房和城乡建设局"),
        ("住建委", "住房和城乡建设委员会"),
        ("住建厅", "住房和城乡建设厅"),
        ("科技局", "科学技术局"),
        ("科技厅", "科学技术厅"),
        ("文旅局", "文化和旅游局"),
        ("文旅厅", "文化和旅游厅"),
        ("卫健局", "卫生健康局"),
        ("卫健委", "卫生健康委员会"),
        ("人社局", "人力资源和社会保障局"),
        ("人社厅", "人力资源和社会保障厅"),
        ("市场监管局", "市场监督管理局"),
        ("城管局", "城市管理局"),
        ("交运局", "交通运输局"),
        ("教体局", "教育和体育局"),
        ("工信局", "工业和信息化局"),
        ("应急局", "应急管理局"),
        ("医保局", "医疗保障局"),
        ("退役军人局", "退役军人事务局"),
    ];

    /// <summary>Ministries by the start of their 文号 (农办议〔2020〕466号): used only for replies to a national session.</summary>
    private static readonly (string Prefix, string Ministry)[] NationalDocPrefixes =
    [
        ("农办", "农业农村部"), ("农", "农业农村部"),
        ("发改办", "国家发展和改革委员会"), ("发改", "国家发展和改革委员会"),
        ("教", "教育部"), ("科", "科学技术部"), ("工信", "工业和信息化部"), ("财", "财政部"),
        ("人社", "人力资源社会保障部"), ("自然资", "自然资源部"), ("交", "交通运输部"), ("水", "水利部"),
        ("商", "商务部"), ("文旅", "文化和旅游部"), ("国卫", "国家卫生健康委员会"), ("建", "住房和城乡建设部"),
    ];

    /// <summary>
    /// The canonical name of an agency as found: short forms expanded, the place put in front when the
    /// name starts without one (市科技局, 交通局) and <paramref name="place"/> is known, in simplified script.
    /// </summary>
    public static string Canonical(string asWritten, string? place)
    {
        var name = CharFolding.Fold(asWritten).Trim();
        name = WhiteSpace().Replace(name, "");
        foreach (var (s, full) in Abbreviations)
        {
            if (name.EndsWith(s, StringComparison.Ordinal) && !name.EndsWith(full, StringComparison.Ordinal))
            {
                name = name[..^s.Length] + full;
                break;
            }
        }
        if (place is not null && NeedsPlace(name))
        {
            // 市科技局 in a 重庆市 reply: the level word is the place's own (市 → 重庆市).
            var level = name[0];
            name = level is '市' or '县' or '区' or '省' && place.EndsWith(level) ? place + name[1..] : place + name;
        }
        return name;
    }

    /// <summary>Whether a name lacks its place: it starts with a level word (市…, 县…) or is a bare office (交通局).</summary>
    private static bool NeedsPlace(string name) =>
        name.Length > 1 && (name[0] is '市' or '县' or '区' or '省' || BareOffice().IsMatch(name));

    /// <summary>
    /// The place a reply is from, from a name or session that states it: 沙河市第九届人民代表大会 → 沙河市,
    /// 重庆市北碚区城市管理局 → 重庆市北碚区. Null when the text starts with a bare level word (市十五届…).
    /// </summary>
    public static string? PlaceOf(string? folded)
    {
        if (folded is null) return null;
        var m = Place().Match(WhiteSpace().Replace(folded, ""));
        return m.Success ? m.Groups["p"].Value : null;
    }

    /// <summary>A ministry named by a national reply's 文号, or null.</summary>
    public static string? MinistryOfDocNumber(string normalizedDocNumber)
    {
        foreach (var (prefix, ministry) in NationalDocPrefixes)
        {
            if (normalizedDocNumber.StartsWith(prefix, StringComparison.Ordinal)) return ministry;
        }
        return null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // An office without a place: two to eight characters ending in an office word, nothing before it that
    // names a place (no 省/市/县/区/州/旗 level word in it).
    [GeneratedRegex(@"^(?!.*(?:省|市|县|区|州|旗|盟|国家|中国|全国))[\p{IsCJKUnifiedIdeographs}]{1,10}(?:局|厅|委员会|委|办公室|办)$")]
    private static partial Regex BareOffice();

    // Place names: up to two levels (重庆市北碚区, 连云港市), each two to seven characters ending in its level.
    [GeneratedRegex(@"^(?<p>(?:[\p{IsCJKUnifiedIdeographs}]{2,7}?(?:自治区|自治州|自治县|省|市|州|盟|地区))?[\p{IsCJKUnifiedIdeographs}]{1,7}?(?:自治区|自治县|省|市|县|区|旗))(?!政协|人大|委员)")]
    private static partial Regex Place();
}
