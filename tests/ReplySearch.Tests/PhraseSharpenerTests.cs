using Lucene.Net.Search;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// A gram phrase with a rarer bigram joined must find the same replies with the same scores. The ratio is
/// set to always join here, so that the small corpus exercises every case.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class PhraseSharpenerTests(CorpusIndexFixture fixture)
{
    [Theory]
    [InlineData("技术企业")]
    [InlineData("科技型中小企业")]
    [InlineData("\"科技成果转化\"")]
    [InlineData("农村公路")]
    [InlineData("龙湖软件园")]
    [InlineData("临科函字第〔2023〕4号")]
    [InlineData("产学研 OR 高新技术企业")]
    public void A_sharpened_phrase_finds_the_same_replies_with_the_same_scores(string query)
    {
        fixture.Index.WithSearcher(searcher =>
        {
            var plain = QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest { Query = query }, fixture.Index.Analyzers).Query;
            var sharp = QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest { Query = query }, fixture.Index.Analyzers).Query;
            PhraseSharpener.Sharpen(sharp, searcher, ratio: 100);
            Assert.True(Terms(sharp) > Terms(plain), $"nothing joined {query}: {sharp}");

            var all = searcher.IndexReader.MaxDoc;
            var expected = searcher.Search(plain, all).ScoreDocs;
            Assert.NotEmpty(expected);
            SameHits.Assert(expected, searcher.Search(sharp, all).ScoreDocs, precision: 3);
            return 0;
        });
    }

    [Fact]
    public void A_bigram_as_common_as_the_phrase_terms_is_not_joined()
    {
        fixture.Index.WithSearcher(searcher =>
        {
            var query = QueryBuilder.Build(QueryLanguage.Parse("技术企业"), new SearchRequest { Query = "技术企业" }, fixture.Index.Analyzers).Query;
            PhraseSharpener.Sharpen(query, searcher, ratio: 0);
            Assert.Equal(Terms(QueryBuilder.Build(QueryLanguage.Parse("技术企业"), new SearchRequest(), fixture.Index.Analyzers).Query), Terms(query));
            return 0;
        });
    }

    private static int Terms(Query q) => q switch
    {
        BooleanQuery b => b.Clauses.Sum(c => Terms(c.Query)),
        RequiredOptionalQuery r => Terms(r.Required) + Terms(r.Optional),
        GramPhraseQuery p when p.Field == Schema.TextGrams => p.Terms.Count,
        _ => 0,
    };
}
