using System.Text.Json;
using System.Text.RegularExpressions;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

[Collection(CorpusIndexCollection.Name)]
public partial class SearchTests(CorpusIndexFixture fixture)
{
    private const string SeedSource = "000_692654a2db3241dc.txt";

    private SearchResult Search(string query, int size = 100) => fixture.Index.Search(new SearchRequest { Query = query, Size = size });

    [Fact]
    public void Chanxueyan_ranks_the_seed_first_with_a_marked_snippet_from_section_one()
    {
        var result = fixture.Index.Search(new SearchRequest { Query = "产学研" });
        var top = result.Hits[0];
        Assert.Equal(SeedSource, top.Source);
        Assert.Contains(top.Snippets, s => s.Section == "一、科技创新要素持续汇集" && s.Html.Contains("<mark>产学研</mark>"));
    }

    [Theory]
    [InlineData("产学研")]
    [InlineData("龙湖软件园")]
    [InlineData("破解技术难题236项")]
    [InlineData("学研")]
    [InlineData("正大")]
    [InlineData("156.58亿元")]
    [InlineData("临科函字第〔2023〕4号")]
    [InlineData("河长制")]
    public void A_quoted_query_finds_exactly_the_replies_that_contain_it(string s)
    {
        var expected = CorpusOracle.Containing(s);
        var result = Search($"\"{s}\"");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), result.Hits.Select(h => h.Source).Order());
        Assert.Equal(expected.Count, result.Total);
    }

    [Fact]
    public void Every_mark_covers_exactly_the_query_string()
    {
        var result = Search("产学研");
        var marks = result.Hits.SelectMany(h => h.Snippets).SelectMany(s => MarkRegex().Matches(s.Html)).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(marks);
        // Traditional replies are marked in their own script: 產學研 folds to 产学研.
        Assert.All(marks, m => Assert.Equal("产学研", ReplySearch.Core.Analysis.CharFolding.Fold(m)));
    }

    [Fact]
    public void Words_separated_by_spaces_are_all_required()
    {
        var both = CorpusOracle.Containing("产学研").Intersect(CorpusOracle.Containing("院士工作站")).ToHashSet();
        var result = Search("产学研 院士工作站");
        Assert.Equal(both.Order(), result.Hits.Where(h => h.Match == MatchTier.Exact).Select(h => h.Source).Order());
        Assert.Equal(both.Count, result.Total);
    }

    [Fact]
    public void Related_replies_follow_every_exact_one_and_are_not_counted_by_default()
    {
        var result = Search("产学研 院士工作站");
        var tiers = result.Hits.Select(h => h.Match).ToList();
        Assert.Contains(MatchTier.Related, tiers);
        // Exact first: once a related hit is listed, no exact hit follows.
        Assert.Equal(tiers.OrderBy(t => t), tiers);
        Assert.Equal(tiers.Count(t => t == MatchTier.Related), result.RelatedTotal);
        var all = fixture.Index.Search(new SearchRequest { Query = "产学研 院士工作站", Size = 100, Scope = SearchScope.All });
        Assert.Equal(result.Total + result.RelatedTotal, all.Total);
        Assert.Equal(result.RelatedTotal, all.RelatedTotal);
        Assert.True(all.Facets["year"].Sum(v => v.Count) >= result.Facets["year"].Sum(v => v.Count));
    }

    [Fact]
    public void A_page_full_of_exact_hits_does_not_count_the_related_tier()
    {
        var result = fixture.Index.Search(new SearchRequest { Query = "科技", Size = 5 });
        Assert.True(result.Total > 5);
        Assert.Null(result.RelatedTotal);
        Assert.All(result.Hits, h => Assert.Equal(MatchTier.Exact, h.Match));
    }

    [Theory]
    [InlineData("临科函字第〔2099〕4号")]
    [InlineData("2099年")]
    public void A_number_is_found_exactly_or_not_at_all(string query)
    {
        var result = Search(query);
        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
    }

    [Theory]
    [InlineData("\"老旧小区停车\"")]
    [InlineData("\"产学研\" 院士工作站")]
    public void A_quoted_query_has_no_related_tier(string query)
    {
        var result = Search(query);
        Assert.All(result.Hits, h => Assert.Equal(MatchTier.Exact, h.Match));
        Assert.Equal(0, result.RelatedTotal);
    }

    [Fact]
    public void A_topic_written_in_parts_finds_related_replies_instead_of_nothing()
    {
        // No reply holds the string 产学研院士 as typed, but replies on both words exist.
        Assert.Empty(CorpusOracle.Containing("产学研院士"));
        var result = Search("产学研院士");
        Assert.Equal(0, result.Total);
        Assert.NotEmpty(result.Hits);
        Assert.All(result.Hits, h => Assert.Equal(MatchTier.Related, h.Match));
    }

    [Fact]
    public void Or_takes_the_union()
    {
        var union = CorpusOracle.Containing("河长制").Union(CorpusOracle.Containing("龙湖软件园")).ToHashSet();
        var result = Search("河长制 OR 龙湖软件园");
        Assert.Equal(union.Order(), result.Hits.Select(h => h.Source).Order());
    }

    [Fact]
    public void A_minus_word_excludes_the_replies_holding_it()
    {
        var expected = CorpusOracle.Containing("产学研").Except(CorpusOracle.Containing("临沂")).ToHashSet();
        var result = Search("产学研 -临沂");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), result.Hits.Select(h => h.Source).Order());
    }

    [Fact]
    public void Inline_and_request_filters_narrow_the_results()
    {
        var byAgency = Search("agency:临沂市科学技术局");
        Assert.NotEmpty(byAgency.Hits);
        Assert.All(byAgency.Hits, h => Assert.Contains("临沂市科学技术局", h.Agency));

        var range = fixture.Index.Search(new SearchRequest { Query = "科技", Filters = new Dictionary<ReplyField, string> { [FieldTable.Year] = "2016..2018" }, Size = 100 });
        Assert.NotEmpty(range.Hits);
        Assert.All(range.Hits, h => Assert.InRange(h.Year!.Value, 2016, 2018));
        Assert.Equal(range.Total, Search("科技 year:2016..2018").Total);

        var delegateName = CorpusOracle.Documents.SelectMany(d => d.Delegates).GroupBy(n => n).First(g => g.Count() > 1).Key;
        var byDelegate = Search($"delegate:{delegateName}");
        Assert.Equal(CorpusOracle.Documents.Count(d => d.Delegates.Contains(delegateName)), byDelegate.Total);
    }

    [Fact]
    public void Sort_by_date_puts_the_newest_first()
    {
        var result = fixture.Index.Search(new SearchRequest { Query = "科技", Sort = SortOrder.Date, Size = 100 });
        var dates = result.Hits.Select(h => h.Date ?? $"{h.Year}-00-00").ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    [Fact]
    public void Pages_are_disjoint_and_cover_the_total()
    {
        var all = fixture.Index.Search(new SearchRequest { Query = "科技", Size = 100 });
        var seen = new List<string>();
        for (var page = 1; page <= (all.Total + 4) / 5; page++)
        {
            seen.AddRange(fixture.Index.Search(new SearchRequest { Query = "科技", Size = 5, Page = page }).Hits.Select(h => h.Id));
        }
        Assert.Equal(all.Hits.Select(h => h.Id), seen);
    }

    /// <summary>
    /// A hit carries every field of the table that the export has a column for, under the column's name and
    /// with the document's value: a field added to the table but not to the hit fails here.
    /// </summary>
    [Fact]
    public void A_hit_carries_every_exported_field_of_the_table()
    {
        var hits = fixture.Index.Search(new SearchRequest { Query = "", Size = SearchRequest.MaxSize }).Hits;
        Assert.NotEmpty(hits);
        foreach (var hit in hits)
        {
            var json = JsonSerializer.SerializeToElement(hit, ReplySearch.Core.Model.Json.Options);
            var doc = fixture.Index.Get(hit.Id)!;
            foreach (var field in FieldTable.All.Where(f => f.Csv is not null))
            {
                Assert.True(json.TryGetProperty(field.Csv!.Header, out var value), $"hit has no {field.Csv.Header}");
                var written = value.ValueKind switch
                {
                    JsonValueKind.Array => string.Join("、", value.EnumerateArray().Select(v => v.GetString())),
                    JsonValueKind.Null => "",
                    JsonValueKind.Number => value.GetRawText(),
                    _ => value.GetString(),
                };
                Assert.Equal(string.Join("、", field.Read(doc)), written);
            }
        }
    }

    [Fact]
    public void Facets_count_the_whole_result_not_the_page()
    {
        var result = fixture.Index.Search(new SearchRequest { Query = "", Size = 1 });
        Assert.Single(result.Hits);
        Assert.Equal(CorpusOracle.Documents.Count, result.Total);
        Assert.Equal(result.Total, result.Facets[FieldTable.Kind].Sum(f => f.Count));
    }

    [Fact]
    public void Facet_counts_match_the_corpus()
    {
        var result = fixture.Index.Search(new SearchRequest { Query = "", FacetLimit = 1000 });
        var docs = CorpusOracle.Documents;
        // Every facet of the table counts, per value, the parsed replies that have it (folded where the field
        // folds: 主動公開 is 主动公开).
        foreach (var field in FieldTable.Facets)
        {
            var expected = docs.SelectMany(d => field.IndexedValues(d).Distinct()).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected, result.Facets[field].ToDictionary(f => f.Value, f => f.Count));
        }
        Assert.Equal(docs.Where(d => d.Agency is not null).GroupBy(d => d.Agency!).ToDictionary(g => g.Key, g => g.Count()),
            result.Facets[FieldTable.Agency].ToDictionary(f => f.Value, f => f.Count));
        Assert.Equal(docs.Where(d => d.Year is not null).GroupBy(d => d.Year!.Value.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            result.Facets[FieldTable.Year].ToDictionary(f => f.Value, f => f.Count));
        Assert.Equal(docs.Where(d => d.ContentCategory is not null).GroupBy(d => CharFolding.Fold(d.ContentCategory!)).ToDictionary(g => g.Key, g => g.Count()),
            result.Facets[FieldTable.ContentCategory].ToDictionary(f => f.Value, f => f.Count));
        Assert.Contains(result.Facets[FieldTable.Disclosure], f => f.Value == "主动公开" && f.Count >= 2);
    }

    [Theory]
    [InlineData("contentCategory", "科技")]
    [InlineData("contentCategory", "農業農村")] // typed in traditional script
    [InlineData("disclosure", "主动公开")]
    [InlineData("handlingRole", "主办")]
    public void Portal_metadata_filters_keep_exactly_the_replies_with_that_value(string filter, string value)
    {
        var request = new SearchRequest { Filters = new Dictionary<ReplyField, string> { [FieldTable.ByName(filter)!] = value }, Size = 100 };
        var folded = CharFolding.Fold(value);
        var expected = CorpusOracle.Documents.Where(d => filter switch
        {
            "contentCategory" => d.ContentCategory is { } c && CharFolding.Fold(c) == folded,
            "disclosure" => d.Disclosure is { } x && CharFolding.Fold(x) == folded,
            _ => d.HandlingRole == folded,
        }).Select(d => d.Source).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, fixture.Index.Search(request).Hits.Select(h => h.Source).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> OddQueries() => new()
    {
        "\"产学研",                  // unbalanced quote
        "产学研\"",
        "-",                         // a lone minus
        "- -- ---",
        "产学研 OR",                 // OR at the end
        "OR",
        "OR OR 产学研",
        new string('研', 10_000),    // 10,000 characters
        string.Concat(Enumerable.Repeat("科技 ", 3_000)),
        "。，、；！？…—（）《》",     // punctuation only
        "!!! ??? ... ***",
        "",                          // empty
        "   ",
        "agency:",
        "year:abc 产学研",
        "year:2030..2020",
        "unknown:field 产学研",
        "\"\"\"\"",
        "((((产学研))))",
        "\u0000\u0001\u001f",
        "\ud800 产学研 \udfff",     // lone surrogates
    };

    [Theory]
    [MemberData(nameof(OddQueries))]
    public void Odd_queries_return_sane_results(string query)
    {
        var result = fixture.Index.Search(new SearchRequest { Query = query, Size = 10 });
        Assert.InRange(result.Total, 0, CorpusOracle.Documents.Count);
        Assert.True(result.Hits.Count <= 10);
        Assert.All(result.Hits, h => Assert.All(h.Snippets, s => Assert.DoesNotMatch("<(?!/?mark>)", s.Html)));
    }

    [Fact]
    public void A_query_with_no_hits_returns_an_empty_list()
    {
        var result = Search("这个词语在语料中不存在");
        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
    }

    [Theory]
    [InlineData(0, 10, "page")]
    [InlineData(1, 0, "size")]
    [InlineData(1, 101, "size")]
    [InlineData(1001, 10, "page")]
    public void Bad_paging_is_rejected_naming_the_parameter(int page, int size, string parameter)
    {
        var errors = new SearchRequest { Page = page, Size = size }.Validate();
        Assert.Contains(errors, e => e.Parameter == parameter);
        var ex = Assert.Throws<ArgumentException>(() => fixture.Index.Search(new SearchRequest { Page = page, Size = size }));
        Assert.Equal(parameter, ex.ParamName);
    }

    [GeneratedRegex("<mark>(.*?)</mark>")]
    private static partial Regex MarkRegex();
}
