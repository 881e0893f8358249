using ReplySearch.Core.Engine;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// A search split into parts across cores must give what one pass gives: the same hits in the same order
/// with the same scores, the same total and the same facet counts, for every kind of query and sort.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class HitCollectionTests(CorpusIndexFixture fixture)
{
    public static TheoryData<string, bool, int> Cases() => new()
    {
        { "产学研", false, 2 },
        { "科技", false, 3 },
        { "科技", true, 7 },
        { "科技 创新", false, 2 },
        { "\"科技成果转化\"", false, 5 },
        { "乡村振兴 OR 农村", false, 4 },
        { "year:2020..2025 科技", true, 2 },
        { "科 -产学研", false, 3 },
        { "", true, 4 },
        { "高企", false, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_search_split_into_parts_finds_what_one_pass_finds(string query, bool byDate, int ways)
    {
        var request = new SearchRequest { Query = query, Size = 100, Sort = byDate ? SortOrder.Date : SortOrder.Relevance };
        fixture.Index.WithSearcher(searcher =>
        {
            var built = QueryBuilder.Build(QueryLanguage.Parse(query), request, fixture.Index.Analyzers);
            var sort = byDate || !built.HasText ? HitOrder.Date : null;
            var one = HitCollection.Collect(searcher, built.Query, sort, 100, 0, 100, request, ways: 1);
            var split = HitCollection.Collect(searcher, built.Query, sort, 100, 0, 100, request, ways);

            Assert.True(one.Total > 0, query);
            Assert.Equal(one.Total, split.Total);
            Assert.Equal(one.Top.ScoreDocs.Select(d => (d.Doc, d.Score)), split.Top.ScoreDocs.Select(d => (d.Doc, d.Score)));
            var a = one.Facets.Result(100);
            var b = split.Facets.Result(100);
            foreach (var field in FieldTable.Facets) Assert.Equal(a[field], b[field]);
            return 0;
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_search_past_its_time_limit_stops_with_a_timeout(int ways)
    {
        var request = new SearchRequest { Query = "科技", TimeLimitMs = 0 };
        fixture.Index.WithSearcher(searcher =>
        {
            var built = QueryBuilder.Build(QueryLanguage.Parse(request.Query), request, fixture.Index.Analyzers);
            var e = Assert.Throws<SearchTimeoutException>(() => HitCollection.Collect(searcher, built.Query, null, 10, 0, 10, request, ways));
            Assert.Equal(0, e.LimitMs);
            // The same search with time to spare finds its hits.
            Assert.True(HitCollection.Collect(searcher, built.Query, null, 10, 0, 10, request with { TimeLimitMs = 60_000 }, ways).Total > 0);
            return 0;
        });
    }
}
