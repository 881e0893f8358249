using ReplySearch.Core.Model;
using ReplySearch.Core.Parsing;

namespace ReplySearch.Tests;

/// <summary>Fields from portal metadata and from the reply's own words: 主办/协办/会办, 内容分类, 索引号, 公开方式, 提交日期.</summary>
public class PortalFieldTests
{
    private const string Body = "王建国代表：\n您提出的建议收悉。现答复如下：\n一、加强统筹协调\n全年新建海绵城市片区3个。\n潍坊市水利局\n2023年6月1日\n";

    public static TheoryData<string, string, string> Roles() => new()
    {
        { "the main reply by default", "关于市十八届人大二次会议第5号建议的答复\n" + Body, HandlingRoles.Lead },
        { "a title ending in 协办意见", "潍坊市水利局关于市十八届人大二次会议第5号建议的协办意见\n" + Body, HandlingRoles.Assisting },
        { "an opening that gives 会办意见", "关于第5号建议的答复\n" + Body.Replace("现答复如下", "现将我局会办意见函告如下"), HandlingRoles.Joint },
        { "the agency listed as 协办单位", "主办单位：潍坊市住房和城乡建设局\n协办单位：潍坊市水利局、潍坊市财政局\n关于第5号建议的答复\n" + Body, HandlingRoles.Assisting },
        { "the agency listed as 主办单位", "主办单位：潍坊市水利局\n协办单位：潍坊市财政局\n关于第5号建议的答复\n" + Body, HandlingRoles.Lead },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void A_reply_knows_whether_it_is_the_main_reply_or_a_co_handlers_opinion(string behaviour, string text, string role)
    {
        var d = ReplyParser.Parse(text);
        Assert.True(d.HandlingRole == role, $"{behaviour}: {d.HandlingRole}");
        Assert.Equal("潍坊市水利局", d.Agency);
    }

    [Fact]
    public void Portal_metadata_becomes_typed_fields()
    {
        var d = ReplyParser.Parse("索引号\n11370700MB2853311X/2023-00042\n内容分类\n水利\n公开方式\n主动公开\n提交日期\n2023-01-09\n关于第5号建议的答复\n" + Body);
        Assert.Equal(
            new { IndexNumber = (string?)"11370700MB2853311X/2023-00042", ContentCategory = (string?)"水利", Disclosure = (string?)"主动公开", SubmittedDate = (string?)"2023-01-09" },
            new { d.IndexNumber, d.ContentCategory, d.Disclosure, d.SubmittedDate });
    }

    [Fact]
    public void A_reply_without_portal_metadata_has_none_of_its_fields()
    {
        var d = ReplyParser.Parse("关于第5号建议的答复\n" + Body);
        Assert.Equal(new { IndexNumber = (string?)null, ContentCategory = (string?)null, Disclosure = (string?)null, SubmittedDate = (string?)null },
            new { d.IndexNumber, d.ContentCategory, d.Disclosure, d.SubmittedDate });
    }
}
