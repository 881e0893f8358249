using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// The required-plus-optional query must be the BooleanQuery of one MUST and one SHOULD clause it replaces:
/// the same replies and the same scores, bit for bit, whether the optional clause matches many of them,
/// few, or none, and inside a larger query.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class RequiredOptionalQueryTests(CorpusIndexFixture fixture)
{
    public static TheoryData<string, string, float> Cases() => new()
    {
        { "科技", "科技", 2f },          // a bigram, in the body and in many headings
        { "产学研", "产学研", 2f },       // a phrase both ways
        { "2023", "2023", 2f },
        { "科技", "人才", 0.5f },         // another string scores
        { "企业", "不存在的标题甲乙", 2f }, // the optional clause matches nothing
        { "龙湖软件园", "科技", 2f },     // few replies, most with the optional match
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Required_plus_optional_finds_and_scores_as_the_boolean_query(string required, string optional, float boost)
    {
        fixture.Index.WithSearcher(searcher =>
        {
            Query Req() => QueryBuilder.GramPhrase(Schema.TextGrams, required)!;
            Query Opt()
            {
                var q = QueryBuilder.GramPhrase(Schema.HeadGrams, optional)!;
                q.Boost = boost;
                return q;
            }
            var boolean = new BooleanQuery { { Req(), Occur.MUST }, { Opt(), Occur.SHOULD } };
            var mine = new RequiredOptionalQuery(Req(), Opt());
            var all = Math.Max(1, searcher.IndexReader.MaxDoc);
            var expected = searcher.Search(boolean, all).ScoreDocs;
            Assert.NotEmpty(expected);
            AssertBitForBit(expected, searcher.Search(mine, all).ScoreDocs);

            // Inside a larger query, boosted, with a filter beside it.
            var outer = new BooleanQuery { { new BooleanQuery { { Req(), Occur.MUST }, { Opt(), Occur.SHOULD } }, Occur.MUST }, { new TermQuery(new Term(Schema.TextGrams, "答复")), Occur.MUST } };
            outer.Clauses[0].Query.Boost = 3f;
            var mineOuter = new BooleanQuery { { new RequiredOptionalQuery(Req(), Opt()) { Boost = 3f }, Occur.MUST }, { new TermQuery(new Term(Schema.TextGrams, "答复")), Occur.MUST } };
            AssertBitForBit(searcher.Search(outer, all).ScoreDocs, searcher.Search(mineOuter, all).ScoreDocs);
            return 0;
        });
    }

    private static void AssertBitForBit(ScoreDoc[] expected, ScoreDoc[] actual)
    {
        Assert.Equal(expected.Select(d => (d.Doc, d.Score)).OrderBy(d => d.Doc), actual.Select(d => (d.Doc, d.Score)).OrderBy(d => d.Doc));
    }
}
