using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// A reply's history on the corpus index (issue #18): the other replies to its proposal (146 is the 协办意见
/// and 150 the 主办 reply to 市十八届人大三次会议第0143号建议), its delegates' other proposals and the same
/// topic in other years (151 returns to 150's 积水点 a year later).
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class HistoryTests(CorpusIndexFixture corpus)
{
    private static string Id(string file) => DocumentMapper.IdFor(file);

    [Theory]
    [InlineData("150_thread_chengguan_2024.txt", "146_portal_xieban_2024.txt")]
    [InlineData("146_portal_xieban_2024.txt", "150_thread_chengguan_2024.txt")]
    public void The_replies_to_one_proposal_find_each_other(string reply, string other)
    {
        var history = corpus.Index.History(Id(reply))!;
        Assert.Equal([Id(other)], history.Proposal.Select(r => r.Id));
    }

    [Fact]
    public void The_lead_reply_comes_first_in_a_thread()
    {
        var history = corpus.Index.History(Id("146_portal_xieban_2024.txt"))!;
        Assert.Equal("主办", history.Proposal[0].HandlingRole);
    }

    [Theory]
    [InlineData("101_md_jiaoyu_2023.md", "王建国", "134_letter_keji_2017.txt")]
    [InlineData("134_letter_keji_2017.txt", "王建国", "101_md_jiaoyu_2023.md")]
    [InlineData("102_letter_zhujian_2021.txt", "李红梅", "124_md_shichang_2025.md")]
    [InlineData("104_letter_jiaoyu_2019.txt", "周海涛", "118_letter_jiaotong_2018.txt")]
    public void A_delegates_other_proposals_are_listed_under_one_name(string reply, string name, string other)
    {
        var history = corpus.Index.History(Id(reply))!;
        var theirs = Assert.Single(history.Delegates, d => d.Name == name);
        Assert.Contains(Id(other), theirs.Replies.Select(r => r.Id));
        Assert.DoesNotContain(Id(reply), theirs.Replies.Select(r => r.Id));
    }

    [Fact]
    public void A_delegates_list_leaves_out_the_replies_to_the_same_proposal()
    {
        var history = corpus.Index.History(Id("150_thread_chengguan_2024.txt"))!;
        Assert.DoesNotContain(history.Delegates.SelectMany(d => d.Replies), r => r.Id == Id("146_portal_xieban_2024.txt"));
    }

    [Theory]
    [InlineData("150_thread_chengguan_2024.txt", "151_topic_neilao_2025.txt")]
    [InlineData("151_topic_neilao_2025.txt", "150_thread_chengguan_2024.txt")]
    public void The_same_topic_in_another_year_is_the_most_similar(string reply, string other)
    {
        var topic = corpus.Index.History(Id(reply))!.Topic;
        Assert.Equal(Id(other), topic.MaxBy(t => t.Similarity)!.Id);
        Assert.Equal(1.0, topic.Max(t => t.Similarity));
    }

    [Fact]
    public void The_topic_history_is_oldest_first_in_other_years_only_and_lists_nothing_twice()
    {
        var reply = corpus.Index.Get(Id("101_md_jiaoyu_2023.md"))!;
        var history = corpus.Index.History(Id("101_md_jiaoyu_2023.md"))!;
        Assert.NotEmpty(history.Topic);
        Assert.All(history.Topic, t => Assert.NotEqual(reply.Year, t.Year));
        Assert.Equal(history.Topic.Select(t => t.Date ?? ""), history.Topic.Select(t => t.Date ?? "").Order(StringComparer.Ordinal));
        var listed = history.Proposal.Concat(history.Delegates.SelectMany(d => d.Replies)).Select(r => r.Id).ToHashSet();
        Assert.DoesNotContain(history.Topic, t => listed.Contains(t.Id));
    }

    [Fact]
    public void An_unknown_id_has_no_history() => Assert.Null(corpus.Index.History("0000000000000000"));

    [Theory]
    [InlineData("崔文虎", "崔文虎")]
    [InlineData("崔文虎等", "崔文虎")]
    [InlineData("崔 文 虎代表", "崔文虎")]
    [InlineData("王海燕委员", "王海燕")]
    [InlineData("于秀梅等代表", "于秀梅")]
    [InlineData("劉曉燕", "刘晓燕")]
    [InlineData("九三学社市委", "九三学社市委")] // an organisation keeps its name
    [InlineData("等", "等")]                   // never to nothing
    public void A_delegates_name_is_one_spelling(string written, string normal) =>
        Assert.Equal(normal, DelegateNames.Normalize(written));

    [Theory]
    [InlineData("王建国代表", "王建国", 2)]
    [InlineData("李红梅", "李红梅", 2)]
    public void A_delegate_profile_lists_their_replies_newest_first_and_their_topics(string asked, string name, int replies)
    {
        var profile = corpus.Index.Delegate(asked)!;
        Assert.Equal(name, profile.Name);
        Assert.Equal(replies, profile.Replies.Count);
        Assert.Equal(profile.Replies.Select(r => r.Date), profile.Replies.Select(r => r.Date).OrderDescending(StringComparer.Ordinal));
        Assert.NotEmpty(profile.Topics);
        Assert.All(profile.Topics, t => Assert.InRange(t.Count, 1, replies));
    }

    [Fact]
    public void Nobody_by_that_name_has_no_profile() => Assert.Null(corpus.Index.Delegate("无此人"));
}

/// <summary>Reused paragraphs on the corpus index (issue #18): 150 takes a paragraph of 146's opinion almost word for word.</summary>
[Collection(CorpusIndexCollection.Name)]
public class ParagraphReuseTests(CorpusIndexFixture corpus)
{
    private static string Id(string file) => DocumentMapper.IdFor(file);

    [Theory]
    [InlineData("150_thread_chengguan_2024.txt", "白浪河、虞河沿线9处雨水排口清淤", "146_portal_xieban_2024.txt")]
    [InlineData("146_portal_xieban_2024.txt", "白浪河、虞河沿线9处雨水排口清淤", "150_thread_chengguan_2024.txt")]
    public void A_paragraph_copied_into_another_reply_is_found_there(string reply, string paragraph, string other)
    {
        var found = Assert.Single(corpus.Index.Paragraphs(Id(reply))!, p => p.Text.Contains(paragraph, StringComparison.Ordinal));
        var reuse = Assert.Single(found.ReusedIn);
        Assert.Equal(Id(other), reuse.Id);
        Assert.InRange(reuse.Similarity, 0.6, 1.0);
        Assert.False(found.Boilerplate);
    }

    [Fact]
    public void Paragraphs_that_only_share_a_sentence_or_a_title_shape_are_not_reuse()
    {
        // 150 and 146 share words and a proposal, but their other paragraphs are their own.
        var paragraphs = corpus.Index.Paragraphs(Id("150_thread_chengguan_2024.txt"))!;
        Assert.Single(paragraphs, p => p.ReuseCount > 0);
        Assert.DoesNotContain(paragraphs, p => p.Text.StartsWith("潍坊市城市管理局关于", StringComparison.Ordinal)); // the title line is no paragraph
    }

    [Theory]
    [InlineData("131_md_jingxin_2016.md", "再次感谢贵会对工业和信息化工作的关心和支持", "113_fw_gongxin_2022.txt")]
    [InlineData("107_txt_renshe_2017.txt", "再次感谢您对人力资源和社会保障工作的关心和支持", "125_trad_renshe_2023.txt")]
    public void The_thanks_at_the_end_are_boilerplate_even_when_reused(string reply, string thanks, string other)
    {
        var found = Assert.Single(corpus.Index.Paragraphs(Id(reply))!, p => p.Text.Contains(thanks, StringComparison.Ordinal));
        Assert.True(found.Boilerplate);
        Assert.Contains(Id(other), found.ReusedIn.Select(r => r.Id));
    }

    [Theory]
    [InlineData("近年来我市持续推进智慧停车建设，停车泊位数量逐年增加。", "近年来，我市持续推进智慧停车建设，停车泊位数量逐年增加！", 1.0)]
    [InlineData("今年完成雨水排口清淤9处，疏通河道卡口3处，保证来水及时排入河道。", "今年完成雨水排口清淤12处，疏通河道卡口5处，保证来水及时排入河道。", 0.6)]
    public void Copies_with_other_punctuation_or_numbers_stay_copies(string a, string b, double atLeast) =>
        Assert.InRange(ReplySearch.Core.Search.ParagraphFingerprints.Jaccard(
            ReplySearch.Core.Search.ParagraphFingerprints.Shingles(a), ReplySearch.Core.Search.ParagraphFingerprints.Shingles(b)), atLeast, 1.0);

    [Fact]
    public void The_band_terms_the_index_writes_in_one_pass_equal_those_of_the_shingle_set()
    {
        var texts = Directory.EnumerateFiles(Repo.Corpus).Select(f => ReplyReader.Read(f, Path.GetFileName(f))).Where(r => r.Ok)
            .SelectMany(r => ReplySearch.Core.Search.ParagraphFingerprints.Paragraphs(r.Document!).Select(p => p.Text))
            .Concat(["今年完成雨水排口清淤9处，2024年疏通河道卡口3处", "一二三", "12345", ""]).ToList();
        Assert.True(texts.Count > 300, $"{texts.Count} paragraphs");
        foreach (var text in texts)
        {
            Assert.Equal(ReplySearch.Core.Search.ParagraphFingerprints.BandTerms(ReplySearch.Core.Search.ParagraphFingerprints.Shingles(text)),
                ReplySearch.Core.Search.ParagraphFingerprints.BandTerms(text));
        }
    }
}

/// <summary>
/// The candidates a paragraph's reuse is verified on (<see cref="ReplySearch.Core.Search.ReplyParagraphs.Candidates"/>)
/// are exactly the top hits of its band disjunction, whether a conjunction of every band finds enough verbatim copies
/// or not, over an index of several segments: 30 replies hold one paragraph verbatim, 6 a near copy, 4 another
/// paragraph verbatim.
/// </summary>
public sealed class ParagraphCandidateTests : IDisposable
{
    private const string Shared = "各级各部门认真落实河长制各项任务，按照属地管理原则逐段落实巡查责任，做到发现问题及时处置，确保河道水面整洁、岸线干净。";
    private const string NearCopy = "各级各部门认真落实河长制各项任务，按照属地管理原则逐段落实巡查责任，做到发现问题当日处置，确保河道水面清洁、岸线干净。";
    private const string Other = "市住房和城乡建设局会同市财政局制定老旧小区改造奖补办法，对加装电梯、改造管网和完善无障碍设施的项目给予分档补助。";
    private const string Pool = "山川河流湖泊森林草原田野村庄城镇街巷桥梁道路园林校园医院工厂码头车站广场公园港湾书院剧场画廊渔港茶园果林牧场";

    private readonly TempDir _dir = new();
    private readonly ReplyIndex _index;

    public ParagraphCandidateTests()
    {
        var corpus = _dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        string Unique(int n) => new(Enumerable.Range(0, 40).Select(k => Pool[(n * 7 + k * (n % 5 + 1)) % Pool.Length]).ToArray());
        string Write(int n, string paragraph)
        {
            var path = Path.Combine(corpus, $"r{n:000}.txt");
            File.WriteAllText(path, SmallIndex.Reply($"关于第{n}号建议的答复", $"{Unique(n)}。\n\n{paragraph}\n\n{Unique(n + 500)}。"));
            return path;
        }
        for (var n = 0; n < 20; n++) Write(n, n < 15 ? Shared : n < 18 ? NearCopy : Other);
        _index = ReplyIndex.OpenForWrite(_dir.Combine("index"));
        CorpusIndexer.Run(_index, corpus);
        // The rest one by one: more segments, so the first copies in doc order sit in more than one.
        for (var n = 20; n < 40; n++) CorpusIndexer.IndexOne(_index, corpus, Write(n, n < 35 ? Shared : n < 38 ? NearCopy : Other));
    }

    [Theory]
    [InlineData(Shared, 20)]   // 29 verbatim copies besides the reply itself: the conjunction answers
    [InlineData(Shared, 29)]
    [InlineData(Shared, 40)]   // fewer verbatim copies than asked: the disjunction answers, near copies included
    [InlineData(NearCopy, 3)]
    [InlineData(NearCopy, 20)]
    [InlineData(Other, 20)]
    public void The_candidates_of_a_paragraph_are_the_top_hits_of_its_band_disjunction(string paragraph, int max)
    {
        var bands = ReplySearch.Core.Search.ParagraphFingerprints.BandTerms(paragraph).ToList();
        var self = DocumentMapper.IdFor("r000.txt");
        _index.WithSearcher(s =>
        {
            Assert.True(s.IndexReader.Leaves.Count > 1, $"{s.IndexReader.Leaves.Count} segment(s)");
            var expected = s.Search(ReplySearch.Core.Search.ReplyParagraphs.Disjunction(bands, self), max).ScoreDocs.Select(h => h.Doc).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, ReplySearch.Core.Search.ReplyParagraphs.Candidates(s, bands, self, max));
            return 0;
        });
    }

    public void Dispose()
    {
        _index.Dispose();
        _dir.Dispose();
    }
}

/// <summary>The drafting helper on the corpus index (issue #18): a new proposal's text finds the earlier replies and paragraphs on its topic.</summary>
[Collection(CorpusIndexCollection.Name)]
public class DraftTests(CorpusIndexFixture corpus)
{
    private static string Id(string file) => DocumentMapper.IdFor(file);

    private const string Flooding = "关于彻底解决城区道路积水问题的建议：每逢强降雨，老城区多处路段和下穿立交积水严重，雨水管网排水能力不足，建议加快雨水管网改造和积水点整治，建设海绵城市。";

    [Fact]
    public void A_new_proposal_finds_the_earlier_replies_on_its_topic()
    {
        var draft = corpus.Index.Draft(Flooding, null);
        var ids = draft.Replies.Select(h => h.Id).ToList();
        Assert.Contains(Id("150_thread_chengguan_2024.txt"), ids.Take(3));
        Assert.Contains(Id("151_topic_neilao_2025.txt"), ids.Take(3));
    }

    [Fact]
    public void Its_paragraphs_are_scored_substantive_and_offered_once()
    {
        var paragraphs = corpus.Index.Draft(Flooding, null).Paragraphs;
        Assert.NotEmpty(paragraphs);
        Assert.All(paragraphs, p => Assert.InRange(p.Score, 0.0001, 1.0));
        Assert.Equal(paragraphs.Select(p => p.Score), paragraphs.Select(p => p.Score).OrderDescending());
        Assert.DoesNotContain(paragraphs, p => ReplySearch.Core.Search.ParagraphFingerprints.IsClosingFormula(p.Text));
        Assert.Equal(paragraphs.Count, paragraphs.Select(p => p.Text).Distinct().Count());
        Assert.Contains(paragraphs, p => p.Text.Contains("积水点", StringComparison.Ordinal));
    }

    [Fact]
    public void The_drafting_agencys_own_paragraphs_come_first()
    {
        var paragraphs = corpus.Index.Draft(Flooding, "潍坊市水利局").Paragraphs;
        Assert.Equal("潍坊市水利局", paragraphs[0].Source.Agency);
        var own = paragraphs.TakeWhile(p => p.Source.Agency == "潍坊市水利局").Count();
        Assert.All(paragraphs.Skip(own), p => Assert.NotEqual("潍坊市水利局", p.Source.Agency));
    }

    [Fact]
    public void A_text_without_distinctive_words_finds_nothing() =>
        Assert.Empty(corpus.Index.Draft("的了是", null).Replies);
}
