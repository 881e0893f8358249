using System.Text.RegularExpressions;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>The cases of the Chinese search quality issue, each pinned on the real corpus or a small real index.</summary>
[Collection(CorpusIndexCollection.Name)]
public partial class QualityTests(CorpusIndexFixture fixture)
{
    private const string Seed = "000_692654a2db3241dc.txt";

    private IReadOnlyList<string> Sources(string query) =>
        fixture.Index.Search(new SearchRequest { Query = query, Size = 100 }).Hits.Select(h => h.Source).ToList();

    [Theory]
    [InlineData("学研")]                     // inside 产学研
    [InlineData("技术企业")]                 // inside 高新技术企业
    [InlineData("正大")]                     // inside 金正大
    [InlineData("崔文虎")]                   // a name SmartCn splits into characters
    [InlineData("156.58亿元")]               // a decimal SmartCn splits at the point
    [InlineData("4.34亿元")]
    [InlineData("临科函字第〔2023〕4号")]    // a 文号 SmartCn takes apart
    [InlineData("龙湖软件园")]               // a word the PDF split across lines
    [InlineData("软件")]
    [InlineData("0539-7570021")]
    public void Strings_smartcn_splits_still_find_the_seed(string query) =>
        Assert.Contains(Seed, Sources(query));

    [Theory]
    [InlineData("產學研", "产学研")]                           // traditional script
    [InlineData("２０２３", "2023")]                           // full-width digits
    [InlineData("臨科函字第【２０２３】４號", "临科函字第〔2023〕4号")] // script, width and brackets at once
    [InlineData("临科函字第[2023]4号", "临科函字第〔2023〕4号")]
    [InlineData("临科函字第(2023)4号", "临科函字第〔2023〕4号")]
    [InlineData("临科函字第（2023）4号", "临科函字第〔2023〕4号")]
    [InlineData("\"第 20230006 号\"", "第20230006号")]         // spaces extraction put inside a number
    [InlineData("第020230006号", "第20230006号")]              // a leading zero
    [InlineData("156．58亿元", "156.58亿元")]
    public void Typed_variants_find_what_the_original_finds(string variant, string original)
    {
        var expected = Sources($"\"{original}\"");
        Assert.NotEmpty(expected);
        Assert.Contains(Seed, Sources(variant));
        Assert.Subset(Sources(variant).ToHashSet(), expected.ToHashSet());
    }

    [Theory]
    [InlineData("二〇二三年", "二○二三年")]
    [InlineData("二〇二三年", "二O二三年")]
    [InlineData("二〇二三年", "二零二三年")]
    public void Zero_forms_in_written_dates_are_one(string written, string typed)
    {
        using var small = new SmallIndex(("a.txt", SmallIndex.Reply("关于第12号建议的答复", $"{written}全市新建产学研平台5个。")));
        Assert.Equal(["a.txt"], small.Ranked(typed));
    }

    [Fact]
    public void Proposal_numbers_match_with_or_without_leading_zeros()
    {
        // 101 is 第91号, 107 is 第091号: both are proposal 91.
        foreach (var q in new[] { "第91号", "第091号", "第0091号", "第９１号" })
        {
            var hits = Sources(q);
            Assert.Contains("101_md_jiaoyu_2023.md", hits);
            Assert.Contains("107_txt_renshe_2017.txt", hits);
        }
    }

    [Theory]
    [InlineData("第91号", 1)]        // the exact phrase is the normal form: verified once
    [InlineData("第091号", 2)]       // the exact phrase and the normal form 第91号
    [InlineData("91号", 2)]
    public void A_proposal_number_is_verified_once_per_form(string query, int phrases)
    {
        var built = QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest { Query = query }, fixture.Index.Analyzers);
        var grams = Flatten(built.Query).OfType<GramPhraseQuery>().Where(q => q.Field == ReplySearch.Core.Indexing.Schema.TextGrams).ToList();
        Assert.Equal(phrases, grams.Count);
        Assert.Equal(grams.Count, grams.Select(q => q.ToString()).Distinct().Count());
    }

    private static IEnumerable<Lucene.Net.Search.Query> Flatten(Lucene.Net.Search.Query q) => q switch
    {
        Lucene.Net.Search.BooleanQuery b => b.Clauses.SelectMany(c => Flatten(c.Query)),
        ReplySearch.Core.Engine.RequiredOptionalQuery r => Flatten(r.Required).Concat(Flatten(r.Optional)),
        _ => [q],
    };

    [Fact]
    public void An_abbreviation_never_matches_across_a_word_boundary()
    {
        // 119 and 131 hold 提高企业 and neither 高企 nor 高新技术企业. Both tiers are listed (size 100): the
        // related tier matches whole words, so the trap holds there too.
        var hits = Sources("高企");
        Assert.DoesNotContain("119_txt_shangwu_2024.txt", hits);
        Assert.DoesNotContain("131_md_jingxin_2016.md", hits);
        Assert.Contains("119_txt_shangwu_2024.txt", Sources("\"高企\"")); // quoted, it is just a string
    }

    [Fact]
    public void An_abbreviation_finds_its_full_form_and_the_exact_form_ranks_first()
    {
        var result = fixture.Index.Search(new SearchRequest { Query = "高企", Size = 100 });
        var exact = result.Hits.Where(h => h.Matched.Any(m => m.Kind == MatchKind.Exact)).ToList();
        var viaSynonym = result.Hits.Where(h => h.Matched.All(m => m.Kind == MatchKind.Synonym)).ToList();
        Assert.NotEmpty(exact);
        Assert.NotEmpty(viaSynonym);
        Assert.All(viaSynonym, h => Assert.Contains(h.Matched, m => m.Form.Contains("高新技") && m.Term == "高企"));
        var hits = result.Hits.ToList();
        Assert.True(hits.IndexOf(exact[^1]) < hits.IndexOf(viaSynonym[0]), "every exact match ranks above every synonym-only match");
    }

    [Theory]
    [InlineData("双碳", "碳达峰碳中和")]
    [InlineData("经开区", "经济技术开发区")]
    [InlineData("科技局", "科学技术局")]
    [InlineData("临沂市科技局", "临沂市科学技术局")] // an abbreviation inside a longer query
    public void Abbreviations_expand_to_their_full_forms(string abbreviation, string full)
    {
        var viaFull = Sources($"\"{full}\"");
        Assert.NotEmpty(viaFull);
        Assert.Subset(Sources(abbreviation).ToHashSet(), viaFull.ToHashSet());
    }

    [Fact]
    public void The_lexicon_is_a_plain_file_of_at_least_sixty_groups_beside_the_program()
    {
        var path = Path.Combine(AppContext.BaseDirectory, Lexicon.FileName);
        Assert.True(File.Exists(path));
        var lexicon = Lexicon.Load(path);
        Assert.True(lexicon.Groups.Count >= 60, $"{lexicon.Groups.Count} groups");
        foreach (var (a, f) in new[] { ("高企", "高新技术企业"), ("双创", "大众创业万众创新"), ("双碳", "碳达峰碳中和"), ("人社局", "人力资源和社会保障局"), ("住建局", "住房和城乡建设局"), ("发改委", "发展和改革委员会") })
        {
            Assert.Contains(f, lexicon.Alternatives(a));
            Assert.Contains(a, lexicon.Alternatives(f));
        }
    }

    [Fact]
    public void Editing_the_lexicon_changes_expansion_without_recompiling()
    {
        var lexicon = Lexicon.Parse("# test\n甲乙 = 丙丁戊己\n庚辛壬\n");
        Assert.Equal(["丙丁戊己"], lexicon.Alternatives("甲乙"));
        Assert.True(lexicon.IsAbbreviation("甲乙"));
        Assert.Contains("庚辛壬", lexicon.Words);
    }

    [Theory]
    [InlineData("我市培育专精特新企业120家", "专精特新")]
    [InlineData("力争2030年前实现碳达峰", "碳达峰")]
    [InlineData("新设立人才飞地10个", "人才飞地")]
    [InlineData("全面推行河长制", "河长制")]
    [InlineData("建成众创空间8家", "众创空间")]
    [InlineData("深化产学研用协同创新", "产学研用")]
    public void Domain_words_are_kept_whole(string sentence, string word) =>
        Assert.Contains(word, fixture.Index.Analyzers.WordTokens(sentence).Select(t => t.Term));

    [Fact]
    public void A_whole_word_ranks_above_the_same_string_inside_a_longer_word()
    {
        using var small = new SmallIndex(
            ("inside.txt", SmallIndex.Reply("关于第1号建议的答复", "推进产学研用协同创新，建成产学研用联盟3个。")),
            ("word.txt", SmallIndex.Reply("关于第2号建议的答复", "推进产学研合作，建成合作平台3个。")));
        Assert.Equal(["word.txt", "inside.txt"], small.Ranked("产学研"));
    }

    [Fact]
    public void A_title_or_heading_hit_ranks_above_a_body_hit()
    {
        using var small = new SmallIndex(
            ("body.txt", SmallIndex.Reply("关于第1号建议的答复", "今年我们推进了河长制工作，效果明显。")),
            ("heading.txt", SmallIndex.Reply("关于第2号建议的答复", "今年我们推进了有关工作，效果明显。", heading: "一、全面落实河长制")),
            ("title.txt", SmallIndex.Reply("关于落实河长制建议的答复", "今年我们推进了有关工作，效果明显。")));
        var ranked = small.Ranked("河长制");
        Assert.Equal("body.txt", ranked[^1]);
        Assert.Equal(3, ranked.Count);
    }

    [Fact]
    public void Replies_holding_chanxueyan_as_a_word_rank_above_those_holding_it_only_inside_a_longer_word()
    {
        // 131 holds 产学研 only inside 产学研用.
        var ranked = Sources("产学研").ToList();
        var inside = ranked.IndexOf("131_md_jingxin_2016.md");
        Assert.True(inside >= 0);
        Assert.All(ranked.Take(inside), s => Assert.NotEqual("131_md_jingxin_2016.md", s));
        Assert.True(inside == ranked.Count - 1 || ranked.Skip(inside + 1).All(s => CorpusOracle.Containing("产学研用").Contains(s)));
    }

    [Fact]
    public void Chrome_only_matches_do_not_count()
    {
        // 103's 上一篇/下一篇 links name 产学研 and 河长制; the reply itself holds neither.
        Assert.DoesNotContain("103_portal_jiaotong_2022.txt", Sources("河长制"));
        Assert.DoesNotContain("103_portal_jiaotong_2022.txt", Sources("产学研"));
    }

    public static TheoryData<string, string> MarkCases() => new()
    {
        { "产学研", "产学研" },
        { "學研", "学研" },             // substring, typed in traditional script
        { "龙湖软件园", "龙湖软件园" },
        { "高企", "高企" },
        { "双碳", "双碳" },
        { "１５６．５８亿元", "156.58亿元" },
    };

    [Theory]
    [MemberData(nameof(MarkCases))]
    public void Every_mark_is_one_whole_match(string query, string folded)
    {
        var result = fixture.Index.Search(new SearchRequest { Query = query, Size = 100 });
        Assert.NotEmpty(result.Hits);
        foreach (var hit in result.Hits)
        {
            var forms = hit.Matched.Select(m => CharFolding.Fold(m.Form)).Append(folded).ToHashSet();
            foreach (var s in hit.Snippets)
            {
                Assert.DoesNotContain("</mark><mark>", s.Html);
                foreach (Match m in MarkRegex().Matches(s.Html))
                {
                    Assert.Contains(CharFolding.Fold(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)), forms);
                }
                // Nothing left unmarked: the plain text of the snippet holds no unmarked occurrence.
                var unmarked = MarkRegex().Replace(s.Html, "");
                Assert.DoesNotContain(folded, CharFolding.Fold(System.Net.WebUtility.HtmlDecode(unmarked)));
            }
        }
    }

    [Fact]
    public void An_abbreviation_is_not_marked_inside_another_word()
    {
        using var small = new SmallIndex(("a.txt", SmallIndex.Reply("关于第1号建议的答复", "今年新认定高企30家，帮助提高企业创新能力。")));
        var hit = Assert.Single(small.Index.Search(new SearchRequest { Query = "高企" }).Hits);
        var html = string.Concat(hit.Snippets.Select(s => s.Html));
        Assert.Contains("<mark>高企</mark>30家", html);
        Assert.Contains("提高企业", html);
        Assert.DoesNotContain("提<mark>", html);
    }

    [Fact]
    public void Snippets_prefer_the_passage_holding_the_most_query_terms()
    {
        var hit = fixture.Index.Search(new SearchRequest { Query = "院士工作站 产学研" }).Hits.First(h => h.Source == Seed);
        Assert.Contains("<mark>院士工作站</mark>", hit.Snippets[0].Html + hit.Snippets[^1].Html);
        Assert.Contains(hit.Snippets, s => s.Html.Contains("<mark>产学研</mark>") && s.Html.Contains("<mark>院士工作站</mark>"));
    }

    [Fact]
    public void Traditional_to_simplified_table_is_icus_transform()
    {
        Assert.Equal(CharFolding.TraditionalPairsFromIcu().ToList(), CharFolding.TraditionalPairs().ToList());
    }

    [GeneratedRegex("<mark>(.*?)</mark>")]
    private static partial Regex MarkRegex();
}

/// <summary>One character is looked up in the field of the characters each reply holds.</summary>
public partial class QualityTests
{
    [Theory]
    [InlineData("研")]
    [InlineData("湖")]
    [InlineData("產")]   // traditional: folds to 产
    [InlineData("５")]   // full width
    [InlineData("〔")]   // a bracket folds with its cousins
    public void One_character_finds_exactly_the_replies_holding_it(string character)
    {
        var everything = fixture.Index.Search(new SearchRequest { Query = "", Size = SearchRequest.MaxSize }).Hits;
        var folded = CharFolding.Fold(character);
        var expected = everything.Where(h => CharFolding.Fold(fixture.Index.Get(h.Id)!.Text).Contains(folded, StringComparison.Ordinal))
            .Select(h => h.Source).ToHashSet();
        var found = fixture.Index.Search(new SearchRequest { Query = character, Size = SearchRequest.MaxSize }).Hits.Select(h => h.Source).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), found.Order());
    }
}
