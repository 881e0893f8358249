using Lucene.Net.Search;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// The relevance collector keeps what Lucene's TopScoreDocCollector keeps, score for score, and orders
/// equal scores by the tie key instead of the document id.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class TopHitsCollectorTests(CorpusIndexFixture fixture)
{
    public static TheoryData<string, int> Cases() => new()
    {
        { "科技", 1 },
        { "科技", 7 },
        { "科技", 14 },
        { "产学研", 10 },
        { "乡村振兴 OR 农村", 4 },
        { "科 -产学研", 12 },
        { "人才 引进", 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_best_hits_are_lucenes_with_ties_ordered_by_key(string query, int want)
    {
        fixture.Index.WithSearcher(searcher =>
        {
            var built = QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest { Query = query }, fixture.Index.Analyzers, searcher);
            var lucene = searcher.Search(built.Query, want);
            var collector = new TopHitsCollector(want);
            searcher.Search(built.Query, collector);
            var mine = collector.GetTopDocs();

            Assert.True(lucene.TotalHits > want, $"{query}: {lucene.TotalHits} hits, too few to test the heap");
            Assert.Equal(lucene.TotalHits, mine.TotalHits);
            Assert.Equal(lucene.ScoreDocs.Select(d => d.Score), mine.ScoreDocs.Select(d => d.Score));
            var keys = mine.ScoreDocs.Cast<KeyedScoreDoc>().ToArray();
            for (var i = 0; i + 1 < keys.Length; i++)
            {
                if (keys[i].Score == keys[i + 1].Score) Assert.True(keys[i].Key <= keys[i + 1].Key, $"{query}: tie at {i} out of key order");
            }
            // A page is a slice of the whole.
            var page = collector.GetTopDocs(want / 2, 3).ScoreDocs.Select(d => d.Doc);
            Assert.Equal(mine.ScoreDocs.Skip(want / 2).Take(3).Select(d => d.Doc), page);
            return 0;
        });
    }
}
