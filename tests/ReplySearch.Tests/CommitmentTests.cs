using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Parsing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// Commitments (承诺事项, issue #18): which sentences of a reply promise something and the deadline each states.
/// The sentences are written here in the shapes real replies use; the real replies themselves are measured by
/// <c>replysearch eval --commitments</c> against hand labels (CI's gate).
/// </summary>
public class CommitmentFinderTests
{
    // A reply of 2024-07-10 whose opening holds one sentence.
    private static IReadOnlyList<Commitment> Find(string text, string? heading = null, string date = "2024-07-10")
    {
        var body = heading is null ? text : heading + "\n" + text;
        var section = new Section { Heading = heading, Kind = heading is null ? SectionKind.Opening : SectionKind.Numbered, Start = 0, Length = body.Length };
        return CommitmentFinder.Find(body, [section], date, int.Parse(date[..4]));
    }

    [Theory]
    [InlineData("下一步，我局将加快推进城区停车场建设。", null)]
    [InlineData("力争2025年6月底前完成老旧管网改造。", "2025-06-30")]
    [InlineData("计划于明年上半年启动二期工程。", "2025-06-30")]
    [InlineData("预计年底前全线通车。", "2024-12-31")]
    [InlineData("我們將於2025年底前完成改造。", "2025-12-31")]
    [InlineData("3月底前完成设备安装。", "2025-03-31")]
    [InlineData("将6处积水点整治列入今年城建计划，力争年底前完成改造并投入使用。", "2024-12-31")]
    [InlineData("我们将积极争取省级资金支持，2026年建成投用。", "2026-12-31")]
    [InlineData("拟于第三季度组织专题调研。", "2024-09-30")]
    [InlineData("我们会同交警部门尽快研究解决。", null)]
    [InlineData("待资金落实后，将适时启动改造。", null)]
    [InlineData("待新建道路投用时一并开通公交线路。", null)]
    [InlineData("目前该路段已完成设计，县公路管理站将尽快组织招标。", null)]
    [InlineData("“十四五”期间，拟对全市老旧供水管网实施改造。", "2025-12-31")]
    [InlineData("力争在“十五五”末实现全覆盖。", "2030-12-31")]
    [InlineData("我局将在2024-10前拿出经费方案。", "2024-10-31")]
    [InlineData("2024年，继续实施农村公路提质改造120公里。", "2024-12-31")]
    [InlineData("我们会尽最大努力争取项目立项，也希望得到村民的支持。", null)]
    public void A_sentence_that_promises_is_a_commitment_with_its_deadline(string sentence, string? due)
    {
        var found = Assert.Single(Find(sentence));
        Assert.Equal(sentence, found.Text);
        Assert.Equal(due, found.Due);
    }

    [Theory]
    [InlineData("我局已将该路段纳入年度养护计划。")]
    [InlineData("目前，项目正在开展前期工作。")]
    [InlineData("2023年共完成改造1200户。")]
    [InlineData("感谢您对交通工作的关心和支持！")]
    [InlineData("欢迎继续对我们的工作提出宝贵意见和建议。")]
    [InlineData("希望您今后继续关心支持城市管理工作。")]
    [InlineData("您建议将公交线路延伸至开发区。")]
    [InlineData("各地应将农村公路养护资金纳入财政预算。")]
    [InlineData("您提出的关于加快停车场建设的建议收悉，现答复如下：")]
    [InlineData("如有疑问，请与我局联系。")]
    [InlineData("对以上答复有不满意的地方，请及时与我局联系，我局将尽全力做好相关工作。")]
    [InlineData("这条建议对我局今后改进道路养护工作很有借鉴价值。")]
    [InlineData("今后关键是要建立健全长效管护机制。")]
    [InlineData("关于将城南片区纳入2024年老旧小区改造计划的建议的答复")]
    [InlineData("2019年以来，我局共争取上级资金3200万元，并将其用于农村公路养护。")]
    [InlineData("目前正在开展前期准备工作之中。")]
    [InlineData("2023年共完成改造1200户，力争让群众住得更舒心。")]
    [InlineData("以上意见供你单位统一答复代表时参考。")]
    public void A_sentence_that_reports_rules_or_thanks_is_not_a_commitment(string sentence) =>
        Assert.Empty(Find(sentence));

    [Fact]
    public void Under_a_forward_heading_each_item_is_a_commitment_until_the_thanks()
    {
        var found = Find("一是加大资金投入，逐年提高养护标准。\n二是强化日常监管，建立巡查台账。\n目前已完成巡查120次。\n感谢您对我们工作的支持。", heading: "三、下一步工作打算");
        Assert.Equal(["一是加大资金投入，逐年提高养护标准。", "二是强化日常监管，建立巡查台账。"], found.Select(c => c.Text));
        Assert.All(found, c => Assert.Equal("三、下一步工作打算", c.Section));
    }

    [Fact]
    public void A_lead_in_makes_the_list_after_it_commitments()
    {
        var found = Find("下一步，我们将重点做好以下工作：\n加强汛前巡查，及时清理排水口。\n完善应急预案，提升处置能力。\n再次感谢您的关心。\n联系人：张明");
        Assert.Equal(3, found.Count);
        Assert.Equal("完善应急预案，提升处置能力。", found[^1].Text);
    }

    [Fact]
    public void The_items_that_follow_a_promise_are_its_commitments()
    {
        var found = Find("下一步，我们将围绕文旅融合发展做好三方面工作。\n一方面积极争取上级资金支持；\n另一方面加强项目谋划。\n同时，加大宣传力度。\n近年来我局举办了多次活动。");
        Assert.Equal(4, found.Count);
        Assert.DoesNotContain(found, c => c.Text.StartsWith("近年来", StringComparison.Ordinal));
    }

    [Fact]
    public void The_clauses_after_a_promises_semicolon_are_its_own()
    {
        var found = Find("管理处将申请加快地埋式垃圾箱的建设；在此基础上替换地面垃圾箱，并指定专人值守。");
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public void A_lead_in_before_the_numbered_sections_makes_their_items_commitments()
    {
        const string text = "接下来街道将从以下三方面抓好改造工作：\n一、强化监督\n做好施工质量监督，确保按时竣工。\n二、强化排摸\n定期由专业机构检测房屋安全状况。\n感谢您的关心。";
        var opening = new Section { Kind = SectionKind.Opening, Start = 0, Length = text.IndexOf("一、", StringComparison.Ordinal) };
        var first = new Section { Heading = "一、强化监督", Kind = SectionKind.Numbered, Start = opening.Length, Length = text.IndexOf("二、", StringComparison.Ordinal) - opening.Length };
        var second = new Section { Heading = "二、强化排摸", Kind = SectionKind.Numbered, Start = first.Start + first.Length, Length = text.Length - first.Start - first.Length };
        var found = CommitmentFinder.Find(text, [opening, first, second], "2024-03-22", 2024);
        Assert.Equal(["接下来街道将从以下三方面抓好改造工作：", "做好施工质量监督，确保按时竣工。", "定期由专业机构检测房屋安全状况。"], found.Select(c => c.Text));
    }

    [Fact]
    public void A_deadline_before_the_reply_is_not_a_deadline()
    {
        var found = Assert.Single(Find("我们将继续巩固2023年底前完成的改造成果。"));
        Assert.Null(found.Due);
    }

    [Fact]
    public void Each_commitment_is_its_sentence_in_the_reply_text()
    {
        var text = "您好：\n经研究，答复如下。下一步，我局将加快推进城区停车场建设。感谢您的支持。";
        var found = Assert.Single(Find(text));
        Assert.Equal(found.Text, text.Substring(found.Start, found.Length));
    }
}

/// <summary>Commitments across the corpus index: listing, filters, words within commitments, paging, export.</summary>
[Collection(CorpusIndexCollection.Name)]
public class CommitmentListTests(CorpusIndexFixture corpus)
{
    private static string Id(string file) => DocumentMapper.IdFor(file);

    private CommitmentPage List(string q = "", int page = 1, int size = 100, Dictionary<ReplyField, string>? filters = null) =>
        corpus.Index.Commitments(new SearchRequest { Query = q, Page = page, Size = size, Filters = filters ?? [] });

    [Fact]
    public void A_reply_keeps_its_commitments_through_the_index()
    {
        var stored = corpus.Index.Get(Id("150_thread_chengguan_2024.txt"))!;
        Assert.Contains(stored.Commitments, c => c.Due == "2025-06-30" && c.Text.Contains("试点片区", StringComparison.Ordinal));
        Assert.All(stored.Commitments, c => Assert.Equal(c.Text, stored.Text.Substring(c.Start, c.Length)));
    }

    [Fact]
    public void Words_are_found_in_the_commitments_themselves()
    {
        var page = List("积水");
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, c => Assert.Contains("积水", c.Text, StringComparison.Ordinal));
        Assert.Equal(page.Items.Count, page.Total);
        Assert.Contains(page.Items, c => c.Id == Id("146_portal_xieban_2024.txt"));
    }

    [Fact]
    public void The_total_counts_commitments_and_pages_continue_it()
    {
        var all = List();
        Assert.True(all.Total > 20, $"{all.Total} commitments in the corpus");
        var first = List(page: 1, size: 7);
        var second = List(page: 2, size: 7);
        Assert.Equal(all.Total, first.Total);
        Assert.Equal(all.Items.Take(14).Select(c => c.Text), first.Items.Concat(second.Items).Select(c => c.Text));
    }

    [Fact]
    public void The_newest_replies_come_first()
    {
        var keys = List().Items.Select(c => c.Date ?? $"{c.Year}").ToList();
        Assert.Equal(keys.OrderDescending(StringComparer.Ordinal), keys);
    }

    [Theory]
    [InlineData("agency", "城市管理")]
    [InlineData("year", "2024")]
    public void Filters_choose_the_replies(string field, string value)
    {
        var f = FieldTable.ByName(field)!;
        var page = List(filters: new() { [f] = value });
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, c => Assert.Contains(value, field == "year" ? $"{c.Year}" : c.Agency, StringComparison.Ordinal));
        Assert.True(page.Total < List().Total);
    }

    [Fact]
    public void An_excluded_word_leaves_out_the_commitments_holding_it()
    {
        var page = List("将 -积水");
        Assert.NotEmpty(page.Items);
        Assert.DoesNotContain(page.Items, c => c.Text.Contains("积水", StringComparison.Ordinal));
    }

    [Fact]
    public void The_export_writes_every_commitment_as_a_row()
    {
        var csv = new StringWriter();
        var rows = CsvExport.WriteCommitments(csv, w => corpus.Index.EachCommitment(new SearchRequest { Query = "积水" }, 1000, w));
        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', CsvExport.CommitmentHeader), lines[0]);
        Assert.Equal(List("积水").Total, rows);
        Assert.Equal(rows + 1, lines.Length);
    }
}
