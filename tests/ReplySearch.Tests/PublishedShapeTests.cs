using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Parsing;

namespace ReplySearch.Tests;

/// <summary>
/// The shapes replies take when agencies publish them (issue #17), one small reply of each written here:
/// where the agency, date, number, delegates and kind are found, and what must not be mistaken for them.
/// Each case names the shape; the texts are invented, the layouts are those of real portals.
/// </summary>
public class PublishedShapeTests
{
    private const string Body = "您提出的关于加快乡村道路硬化的建议收悉，现答复如下：\n我局高度重视，已将该路段列入明年计划，资金到位后即组织施工，请您继续关心交通工作。\n";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // shape, text, field, expected value
        { "agency in the title prefix, no signature", "青山县交通运输局关于县十届人大二次会议第12号建议的答复\n王明代表：\n" + Body, "agency", "青山县交通运输局" },
        { "agency from 信息来源 in the page chrome", "关于县政协九届三次会议第8号提案的答复\n信息来源：青山县财政局     发布日期：2021年06月28日     点击：\n李华委员：\n" + Body, "agency", "青山县财政局" },
        { "site footer's 主办单位 is not the agency", "赵强代表：\n" + Body + "2022年7月1日\n主办单位：青山县人民政府办公室 版权所有\n", "agency", "" },
        { "agency from a 联系单位 line", "对市政协四届三次会议第11号提案的答复\n民建青山市委：\n" + Body + "联系单位：青山市交通运输局 联系电话：0000-1234567\n", "agency", "青山市交通运输局" },
        { "abbreviated agency made canonical", "- 发布机构：青山市住建局\n- 成文时间：2022年07月28日\n青山市住建局关于人大九届一次会议第50号代表建议的答复\n马军代表：\n" + Body, "agency", "青山市住房和城乡建设局" },
        { "bare office gets the place from the title", "对青山市第九届人民代表大会第三次会议第31号建议的答复\n发布时间：2023-07-21    来源：交通局 打印\n纪斌代表：\n" + Body + "2023年7月18日\n", "agency", "青山市交通局" },
        { "letterhead before 签发人 beats the portal's 发布机构", "索引号: 0108/2019-00088 | 发布机构: 青山市环境保护局 |\n青山市生态环境局 签发人：赵永\n对市政协十二届三次会议第225号提案的答复函\n赵军委员：\n" + Body, "agency", "青山市生态环境局" },
        { "traditional mirror with pinyin annotations", "羅瑞等代表：\n你們提出的建議已交由我局辦理。現(xiàn)將情況答復(fù)如下：\n感謝你們對教育工作的關心。\n鎮(zhèn)康縣教育局\n2018年5月15日\n", "agency", "镇康县教育局" },
        { "date collapsed to digits under the signature", "李丽代表：\n" + Body + "青山区城市管理局\n2023927\n", "date", "2023-09-27" },
        { "eight-digit date under the signature", "冯玖委员：\n" + Body + "青山县文化和旅游局\n20211026\n", "date", "2021-10-26" },
        { "Chinese-numeral date with digit zeros", "王英委员：\n" + Body + "青山市建设局\n二0一七年五月二十六日\n", "date", "2017-05-26" },
        { "site's today banner is not the date", "2023年11月5日 星期天\n青山县交通运输局关于第4号代表建议的答复\n杨荣代表：\n" + Body, "date", "" },
        { "成文日期 before the portal's 发布日期", "- 成文日期 2019-07-03\n- 发布日期 2020-08-04\n- 发布机构 青山区人民政府\n青山区财政局关于区四届人大三次会议第21号建议的答复函\n龚琼代表：\n" + Body, "date", "2019-07-03" },
        { "year of a national session", "对十四届全国人大二次会议第3973号建议的答复\n黄元、马萍代表\n" + Body, "year", "2024" },
        { "year stated at the head of the title", "2023年青山县八届人大二次会议《关于加强小区建设的建议》(72号)的答复\n高松代表\n" + Body, "year", "2023" },
        { "unknown year stays empty", "刘院代表：\n" + Body, "year", "" },
        { "number without 第", "关于青山区人大五届五次会议1号建议的回复\n蔡文代表：\n" + Body, "proposalNumber", "1" },
        { "long numeric code", "关于区十八届人大四次会议第20250118040077号建议的答复函\n平原代表：\n" + Body, "proposalNumber", "20250118040077" },
        { "letter code", "关于县政协十届五次会议第D022号提案的答复\n石艳委员：\n" + Body, "proposalNumber", "D022" },
        { "delegation-prefixed number", "关于省十三届人大一次会议温36号建议的答复\n蓝云代表：\n" + Body, "proposalNumber", "温36" },
        { "number in parentheses after the quoted title", "在市人大七届一次会议上，人大代表苗杰提出《关于治理学校周边环境》(99号)建议，现答复如下：\n我局已调整警力。\n", "proposalNumber", "99" },
        { "spaced names joined by 、", "吴平、闫 冰、王 军代表：\n" + Body, "delegates", "吴平、闫冰、王军" },
        { "salutation without its colon", "尊敬的陈兴、刘铭、张雯委员\n们提出的关于教师周转房的提案收悉，现答复如下：\n我局将积极规划。\n", "delegates", "陈兴、刘铭、张雯" },
        { "尊敬 without 的", "尊敬袁金代表：\n" + Body, "delegates", "袁金" },
        { "member's body written into the salutation", "刘林政协青山县委员：\n" + Body, "delegates", "刘林" },
        { "a party committee as proposer", "民革青山市委：\n" + Body, "delegates", "民革青山市委" },
        { "co-handling letter to the lead unit names the delegates", "青山区人民政府对市十五届人大一次会议第0124号代表建议的会办意见\n市交通委：\n莫红代表提出的关于设立公交候车亭的代表建议收悉，现将会办意见函告如下：\n我区将积极配合。\n", "delegates", "莫红" },
        { "co-handling letter: role", "青山区人民政府对市十五届人大一次会议第0124号代表建议的会办意见\n市交通委：\n莫红代表提出的关于设立公交候车亭的代表建议收悉，现将会办意见函告如下：\n我区将积极配合。\n", "handlingRole", "会办" },
        { "协办答复 in a split title: role", "关于青山区六届人大三次会议\n第1155号建议的协办答复\n青山区卫生健康局：\n《关于免费筛查的建议》(第1155号)收悉。我单位的答复如下：\n按有关规定处理。\n", "handlingRole", "协办" },
        { "kind from 委员 although the proposal is called 建议", "冬花委员：\n您在青山市政协十届一次会议上提出的“关于文物保护经费的提案”(第10号建议)收悉，现答复如下：\n已安排资金。\n", "kind", "政协提案" },
        { "party congress proposal is neither kind", "蔡海等代表：\n你们在镇第十四次党代表大会一次会议上提出的《关于河道清洁的提案》已收悉，现答复如下：\n已联系相关部门。\n", "kind", "其他" },
        { "NPC bill is neither kind", "对十二届全国人大五次会议第452号议案的答复意见\n你委转来的议案收悉。经研究，提出如下意见：\n我部赞同。\n", "kind", "其他" },
        { "record form: the reply in 办理情况", "案  由: 关于启动养老服务项目的建议\n提 案 者: 杨宫\n承办单位: 民政局\n办理情况: 杨宫代表:\n您提出的《关于启动养老服务项目的建议》(第19号)收悉。现答复如下:\n我局计划建设一所敬老院。\n", "delegates", "杨宫" },
        { "reply flattened into one table row", "词条 | 对青山市政协五届一次会议第55号提案的答复 |\n释义 | 王英、王琴委员: 你们提出的《关于规范房顶绿化建设的建议》的提案收悉。感谢你们对城市绿化建设工作的关心和支持。现就提案提出的有关问题答复如下: 我们将积极配合城管部门，加大宣传力度，倡导全市人民热爱家园，努力营造舒适的人居环境。 青山市建设局 二00七年七月十七日 |\n", "agency", "青山市建设局" },
        { "reply flattened into one table row: delegates", "词条 | 对青山市政协五届一次会议第55号提案的答复 |\n释义 | 王英、王琴委员: 你们提出的《关于规范房顶绿化建设的建议》的提案收悉。感谢你们对城市绿化建设工作的关心和支持。现就提案提出的有关问题答复如下: 我们将积极配合城管部门，加大宣传力度，倡导全市人民热爱家园，努力营造舒适的人居环境。 青山市建设局 二00七年七月十七日 |\n", "delegates", "王英、王琴" },
        { "portal labels run together on one line", "青山区人民政府对市十五届人大一次会议第0124号代表建议的会办意见\n成文日期:2018-05-17文号:青府督复〔2018〕1号索取号:JA03-2018-072发布机构:区政府载体类型:纸质\n市交通委:\n莫红代表提出的建议收悉，现将会办意见函告如下：\n我区将积极配合。\n", "date", "2018-05-17" },
        { "labels glued to values in a bullet block", "• 名  称\n        对十二届全国人大五次会议第452号议案的答复意见\n      • 索 引 号000014672/2017-02092\n        分  类其他环境政务管理信息\n      • 发布机关环境保护部\n        生成日期2017-12-22\n      • 文  号环建函〔2017〕27号\n        主 题 词\n\n      对十二届全国人大五次会议第452号议案的答复意见\n        你委转来的议案收悉。经研究，提出如下意见：\n        我部赞同。\n", "agency", "环境保护部" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_published_shape_gives_the_field(string shape, string text, string field, string expected)
    {
        var d = ReplyParser.Parse(text, "shape.txt");
        var got = field switch
        {
            "agency" => d.Agency ?? "",
            "date" => d.Date ?? "",
            "year" => d.Year?.ToString() ?? "",
            "proposalNumber" => d.ProposalNumber ?? "",
            "delegates" => string.Join("、", d.Delegates),
            "handlingRole" => d.HandlingRole,
            "kind" => d.Kind,
            _ => throw new ArgumentException(field),
        };
        Assert.True(expected == got, $"{shape}: {field} expected '{expected}', got '{got}'");
    }

    [Theory]
    [InlineData("a lead-in with 答复如下 and no title or salutation", "在市人大七届一次会议上，人大代表苗杰提出《关于治理学校周边环境》建议。现答复如下：\n我局已调整警力。\n", true)]
    [InlineData("a co-handling opinion whose title is only in the portal table", "索引号: | 1425/2024-00113 | 发布机构: | 市生态环境局 |\n信息名称: | 对市十五届人大四次会议4190号建议的协办意见 ||\n市农业农村局:\n经研究，现对程能代表提出的建议提出如下协办意见：\n我局将加快推进。\n", true)]
    [InlineData("a notice with no reply wording", "关于开展安全生产检查的通知\n各乡镇：\n请于本月底前完成自查。\n", false)]
    public void Only_a_text_without_any_reply_signal_is_turned_away(string shape, string text, bool accepted)
    {
        var read = ReplyReader.Parse(System.Text.Encoding.UTF8.GetBytes(text), "shape.txt");
        Assert.True(accepted == read.Ok, $"{shape}: expected {(accepted ? "indexed" : "rejected")}, got {read.Error ?? "indexed"}");
    }

    [Theory]
    [InlineData("2023927", "2023-09-27")]
    [InlineData("20211026", "2021-10-26")]
    [InlineData("2023111", null)]
    [InlineData("12345678", null)]
    public void A_compact_date_is_read_only_when_it_has_one_reading(string digits, string? expected) =>
        Assert.Equal(expected, ChineseNumbers.CompactDate(digits)?.ToString("yyyy-MM-dd"));

    [Theory]
    [InlineData("市科技局", "重庆市", "重庆市科学技术局")]
    [InlineData("交通局", "沙河市", "沙河市交通局")]
    [InlineData("國家發展改革委", null, "国家发展和改革委员会")]
    [InlineData("镇康县教育局", "镇康县", "镇康县教育局")]
    public void An_agency_name_is_made_canonical(string written, string? place, string canonical) =>
        Assert.Equal(canonical, AgencyNames.Canonical(written, place));
}
