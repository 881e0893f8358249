using ReplySearch.Core.Model;
using ReplySearch.Core.Parsing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

public class ParserTests
{
    private static ReplyDocument Seed() => ReplyParser.Parse(File.ReadAllText(Repo.Seed), "000_692654a2db3241dc.txt");

    [Fact]
    public void Seed_reply_yields_every_field()
    {
        var d = Seed();
        Assert.Equal("临沂市科学技术局", d.Agency);
        Assert.Equal(2023, d.Year);
        Assert.Equal("2023-07-24", d.Date);
        Assert.Equal("临科函字第〔2023〕4号", d.DocNumber);
        Assert.Equal("临科函字第〔2023〕4号", d.DocNumberNormalized);
        Assert.Equal("对市二十届人大二次会议第20230006号建议的答复", d.Title);
        Assert.Equal(ReplyKinds.Suggestion, d.Kind);
        Assert.Equal("市二十届人大二次会议", d.Session);
        Assert.Equal("20230006", d.ProposalNumber);
        Assert.Equal("关于科技创新驱动我市经济高质量发展的议案", d.ProposalTitle);
        Assert.Equal(["崔文虎"], d.Delegates);
        Assert.Equal("崔文虎", d.LeadDelegate);
        Assert.Equal("崔文虎等代表", d.Addressee);
        Assert.Equal("A", d.HandlingType);
        Assert.Equal("姜良友", d.Leader);
        Assert.Equal("李振", d.Handler);
        Assert.Equal("0539-7570021", d.Phone);
        Assert.Equal("市人大人事代表工作委员会", d.Cc);
        Assert.Empty(d.Warnings);
    }

    [Fact]
    public void Seed_sections_are_the_five_headings_between_opening_and_closing()
    {
        var d = Seed();
        Assert.Equal(
            [null, "一、科技创新要素持续汇集", "二、多元化科技投入体系更加完善", "三、多层次平台体系加快构建", "四、科技成果转化成效明显", "五、科技创新政策宣传不断加强", null],
            d.Sections.Select(s => s.Heading));
        Assert.Equal(SectionKind.Opening, d.Sections[0].Kind);
        Assert.Equal(SectionKind.Closing, d.Sections[^1].Kind);
        Assert.StartsWith("下一步", d.Sections[^1].Text);
        Assert.StartsWith("重点推进建设对接长三角", d.Sections[1].Text);
    }

    [Fact]
    public void Sections_partition_the_clean_text_in_order()
    {
        var d = Seed();
        for (var i = 0; i < d.Sections.Count; i++)
        {
            var s = d.Sections[i];
            Assert.True(s.Start >= 0 && s.Start + s.Length <= d.Text.Length);
            if (i > 0) Assert.Equal(d.Sections[i - 1].Start + d.Sections[i - 1].Length + 1, s.Start);
            if (s.Heading is not null) Assert.StartsWith(s.Heading, d.Text[s.Start..]);
        }
        Assert.Equal(d.Text.Length, d.Sections[^1].Start + d.Sections[^1].Length);
    }

    [Theory]
    [InlineData("龙湖软件园")]          // a word split by a blank line
    [InlineData("破解技术难题236项")]   // a sentence split by a --- page break
    [InlineData("发布相关科技政策")]
    [InlineData("第20230006号建议")]    // spaces between Chinese and digits removed
    [InlineData("共与国内外100多所高校")]
    public void Seed_clean_text_rejoins_what_conversion_split(string expected) =>
        Assert.Contains(expected, Seed().Text);

    [Theory]
    [InlineData("---")]
    [InlineData("**")]
    [InlineData("#")]
    [InlineData("龙湖软\n")]
    public void Seed_clean_text_has_no_markup_or_breaks(string unexpected) =>
        Assert.DoesNotContain(unexpected, Seed().Text);

    [Theory]
    // salutation, expected delegates, expected count
    [InlineData("王建国代表：", new[] { "王建国" }, null)]
    [InlineData("李红梅等5位代表：", new[] { "李红梅" }, 5)]
    [InlineData("张伟等十位代表：", new[] { "张伟" }, 10)]
    [InlineData("尊敬的刘晓燕委员：", new[] { "刘晓燕" }, null)]
    [InlineData("赵敏、孙立军、周海涛代表：", new[] { "赵敏", "孙立军", "周海涛" }, null)]
    [InlineData("民盟潍坊市委会：", new[] { "民盟潍坊市委会" }, null)]
    [InlineData("九三学社济南市委员会：", new[] { "九三学社济南市委员会" }, null)]
    [InlineData("顧文傑代表：", new[] { "顧文傑" }, null)]
    public void Salutations_in_every_form_give_the_delegates(string salutation, string[] names, int? count)
    {
        var d = ReplyParser.Parse($"关于市十八届人大三次会议第12号建议的答复\n\n{salutation}\n\n您提出的建议收悉。现答复如下：\n\n潍坊市教育局\n\n2021年3月5日");
        Assert.Equal(names, d.Delegates);
        Assert.Equal(count, d.DelegateCount);
    }

    [Theory]
    [InlineData("潍教函〔2019〕15号", "潍教函〔2019〕15号", 2019)]
    [InlineData("济住建字【2021】8号", "济住建字〔2021〕8号", 2021)]
    [InlineData("浙科函[2020]33号", "浙科函〔2020〕33号", 2020)]
    [InlineData("鲁农函（2018）7号", "鲁农函〔2018〕7号", 2018)]
    [InlineData("临科函字第〔２０２３〕４号", "临科函字第〔2023〕4号", 2023)]
    public void Doc_numbers_in_any_bracket_normalise_to_one_form(string raw, string normalized, int year)
    {
        var d = ReplyParser.Parse($"{raw}\n\n关于第12号建议的答复\n\n王建国代表：\n\n您的建议收悉。");
        Assert.Equal(raw, d.DocNumber);
        Assert.Equal(normalized, d.DocNumberNormalized);
        Assert.Equal(year, d.Year); // no date: the year comes from the 文号
    }

    [Theory]
    [InlineData("对市十八届人大三次会议第091号建议的答复", "91")]
    [InlineData("对市十八届人大三次会议第 91 号建议的答复", "91")]
    [InlineData("对市十八届人大三次会议第１２３号建议的答复", "123")]
    [InlineData("关于市政协十三届二次会议第0012号提案的答复", "12")]
    public void Proposal_numbers_lose_spaces_widths_and_leading_zeros(string title, string expected) =>
        Assert.Equal(expected, ReplyParser.Parse($"{title}\n\n王建国代表：\n\n您的建议收悉。").ProposalNumber);

    [Theory]
    [InlineData("2023年7月24日", "2023-07-24")]
    [InlineData("二〇二一年六月十八日", "2021-06-18")]
    [InlineData("二○一九年七月二日", "2019-07-02")]
    [InlineData("二O二二年十二月三十一日", "2022-12-31")]
    [InlineData("２０２２年１月５日", "2022-01-05")]
    [InlineData("2020-08-15", "2020-08-15")]
    public void Reply_dates_in_written_forms_become_iso(string written, string iso)
    {
        var d = ReplyParser.Parse($"关于第12号建议的答复\n\n王建国代表：\n\n您的建议收悉。\n\n潍坊市教育局\n\n{written}");
        Assert.Equal(iso, d.Date);
        Assert.Equal("潍坊市教育局", d.Agency);
    }

    [Theory]
    [InlineData("办理类型：A", "A")]
    [InlineData("分类标识：B", "B")]
    [InlineData("类别：C", "C")]
    [InlineData("办理类别：Ｄ类", "D")]
    [InlineData("类别：提案", null)] // names the kind, not the grade
    public void Handling_type_comes_from_the_letterhead(string line, string? expected) =>
        Assert.Equal(expected, ReplyParser.Parse($"{line}\n\n关于第12号建议的答复\n\n王建国代表：\n\n您的建议收悉。").HandlingType);

    [Fact]
    public void Missing_fields_are_warnings_not_errors()
    {
        var d = ReplyParser.Parse("这是一段没有抬头、没有落款的文字，讲的是科技创新。");
        Assert.Contains(d.Warnings, w => w.Contains("agency"));
        Assert.Contains(d.Warnings, w => w.Contains("date"));
        Assert.Contains(d.Warnings, w => w.Contains("delegates"));
        Assert.Equal("这是一段没有抬头、没有落款的文字，讲的是科技创新。", d.Text);
    }

    [Fact]
    public void Portal_footer_sponsor_is_not_the_agency()
    {
        const string page = """
            首页 > 政务公开 > 建议提案办理
            | 索引号 | 11370700004/2022-00123 | 发布机构 | 潍坊市交通运输局 |
            | 成文日期 | 2022-06-10 | 公开方式 | 主动公开 |
            关于市十九届人大一次会议第0045号建议的答复
            王建国代表：
            您提出的关于农村公路养护的建议收悉。现答复如下：
            一、加强养护
            全年完成养护里程120公里。
            2022年6月10日
            【打印】【关闭窗口】
            上一篇：关于产学研合作的答复
            主办单位：潍坊市人民政府办公室  鲁ICP备12345678号
            """;
        var d = ReplyParser.Parse(page);
        Assert.Equal("潍坊市交通运输局", d.Agency);
        Assert.Equal("11370700004/2022-00123", d.Metadata["索引号"]);
        Assert.Equal("主动公开", d.Metadata["公开方式"]);
        Assert.DoesNotContain("产学研", d.Text);
        Assert.DoesNotContain("ICP", d.Text);
        Assert.DoesNotContain("首页", d.Text);
        Assert.Equal("45", d.ProposalNumber);
    }

    // One line of each kind of site furniture the cleaner drops, in the middle of a reply's body, and lines
    // of body text that share a word or a first character with them and must stay.
    [Theory]
    [InlineData("当前位置：首页 > 政务公开 > 建议提案办理", true)]
    [InlineData("首页 > 建议提案", true)]
    [InlineData("发布时间：2023-07-01 来源：市科技局", true)]
    [InlineData("打印 关闭", true)]
    [InlineData("  上一篇：关于加强农村公路养护的答复", true)]
    [InlineData("下一条：关于推进产学研合作的答复", true)]
    [InlineData("字号：大 中 小", true)]
    [InlineData("返回顶部", true)]
    [InlineData("联系我们", true)]
    [InlineData("【打印本页】【关闭窗口】", true)]
    [InlineData("无障碍浏览 长者模式 繁体版", true)]
    [InlineData("分享到：微信 微博", true)]
    [InlineData("鲁ICP备05001234号 网站标识码3713000001", true)]
    [InlineData("版权所有：临沂市人民政府办公室", true)]
    [InlineData("Copyright © 2023 临沂市科学技术局", true)]
    [InlineData("浏览次数：1024", true)]
    [InlineData("扫一扫在手机打开当前页", true)]
    [InlineData("字体：大 中 小", true)]
    [InlineData("【字体：（大 中 小）】", true)]
    [InlineData("技术支持：临沂市大数据中心", true)]
    [InlineData("访问量：12345", true)]
    [InlineData("建议提案 > 2023年 > 市科技局办理答复公开", true)]
    [InlineData("我市科技型企业的技术支持工作不断加强，访问量统计系统已上线。", false)]
    [InlineData("关于加快推进科技创新驱动高质量发展的分析与思考。", false)]
    [InlineData("分三步推进打印设备更新，长者服务设施已纳入规划。", false)]
    [InlineData("研发投入 > 2% 的企业享受奖补，政策见附件。", false)]
    [InlineData("上一年度共办理建议提案52件，办理情况已公开。", false)]
    [InlineData("结合小区实际增设停车位和无障碍设施，对具备条件的多层住宅鼓励加装电梯。", false)]
    [InlineData("推进政府网站适老化改造，上线长者模式和繁体版页面", false)]
    [InlineData("扫一扫即可办理的事项扩大到120项；群众可将办理结果分享到微信", false)]
    [InlineData("无障碍 | 长者模式 | 繁体版", true)]
    public void Site_furniture_lines_are_dropped_and_body_lines_like_them_kept(string line, bool dropped)
    {
        var raw = SmallIndex.Reply("关于推进产学研合作的建议的答复", $"我局高度重视产学研合作工作。\n\n{line}\n\n下一步将继续加大支持力度。");
        var d = ReplyParser.Parse(raw, "chrome.txt");
        // White space compared away: the cleaner closes spaces between Chinese and digits or symbols.
        static string Squeezed(string t) => string.Concat(t.Where(c => !char.IsWhiteSpace(c)));
        var kept = Squeezed(d.Text).Contains(Squeezed(line), StringComparison.Ordinal);
        Assert.True(kept != dropped, $"{(dropped ? "kept" : "dropped")}: {line}");
        Assert.Contains("我局高度重视产学研合作工作", d.Text);
        Assert.Contains("下一步将继续加大支持力度", d.Text);
    }
}
