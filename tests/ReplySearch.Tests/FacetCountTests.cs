using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// Facet counts are the hits' own values added up, however they are counted: from the hits when they are
/// few, from the range's totals less the other replies when they are most, in one pass or split into parts,
/// and with deleted replies in the segment.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class FacetCountTests(CorpusIndexFixture fixture)
{
    public static TheoryData<string, int> Cases() => new()
    {
        { "", 1 },          // every reply: nothing but the totals
        { "", 3 },
        { "答复", 1 },       // nearly every reply
        { "答复", 2 },
        { "科技", 1 },
        { "科技", 2 },
        { "产学研", 1 },     // a few
        { "产学研", 2 },
        { "不存在的字符串甲乙丙", 2 }, // none
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Facet_counts_are_the_hits_values_added_up(string query, int ways)
    {
        fixture.Index.WithSearcher(searcher =>
        {
            AssertCounts(searcher, fixture.Index.Analyzers, query, ways);
            return 0;
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Deleted_replies_are_not_counted_from_either_side(int ways)
    {
        var agencies = new[] { "潍坊市科学技术局", "临沂市教育局", "济南市农业农村局" };
        var replies = Enumerable.Range(1, 30).Select(n => ($"r{n:00}.txt",
            $"关于第{n}号建议的答复\n\n王建国代表：\n\n您提出的建议收悉。现答复如下：\n\n一、工作开展情况\n\n{(n % 5 == 0 ? "其他工作。" : "推进校企合作。")}\n\n{agencies[n % 3]}\n\n{2019 + n % 4}年7月1日\n")).ToArray();
        using var small = new SmallIndex(replies);
        var gone = small.Index.Search(new SearchRequest { Query = "校企合作", Size = 100 }).Hits.Where((_, i) => i % 4 == 0).Select(h => h.Id).ToList();
        foreach (var id in gone) small.Index.Delete(id);
        small.Index.Commit();
        small.Index.WithSearcher(searcher =>
        {
            Assert.True(searcher.IndexReader.HasDeletions);
            AssertCounts(searcher, small.Index.Analyzers, "校企合作", ways); // most replies: counted as totals less the rest
            AssertCounts(searcher, small.Index.Analyzers, "其他工作", ways); // a few
            AssertCounts(searcher, small.Index.Analyzers, "", ways);
            return 0;
        });
    }

    [Fact]
    public void A_reader_keeps_the_totals_of_a_bounded_number_of_ranges()
    {
        fixture.Index.WithSearcher(searcher =>
        {
            // Every way of splitting cuts other ranges; each is counted from its totals (every reply is a hit).
            for (var ways = 1; ways <= 12; ways++) AssertCounts(searcher, fixture.Index.Analyzers, "", ways);
            foreach (var leaf in searcher.IndexReader.Leaves) Assert.InRange(FacetCollector.RangeTotalsHeld(leaf.AtomicReader), 1, 8);
            return 0;
        });
    }

    private static void AssertCounts(IndexSearcher searcher, Analyzers analyzers, string query, int ways)
    {
        var request = new SearchRequest { Query = query, FacetLimit = 10_000 };
        var built = QueryBuilder.Build(QueryLanguage.Parse(query), request, analyzers, searcher);
        var collected = HitCollection.Collect(searcher, built.Query, null, 10, 0, 10, request, ways);
        var hits = searcher.Search(built.Query, Math.Max(1, searcher.IndexReader.MaxDoc)).ScoreDocs
            .Select(h => DocumentMapper.FromStored(searcher.Doc(h.Doc), sectionTexts: true)).ToList();
        Assert.Equal(hits.Count, collected.Total);
        var facets = collected.Facets.Result(request.FacetLimit);
        foreach (var field in FieldTable.Facets)
        {
            var expected = hits.SelectMany(d => field.IndexedValues(d).Distinct()).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected, facets[field].ToDictionary(f => f.Value, f => f.Count));
        }
    }
}
