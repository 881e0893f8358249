using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// The gram phrase must be Lucene's exact PhraseQuery, only cheaper: the same replies, the same number of
/// occurrences and the same scores, for strings short and long, common and rare, repeated and absent.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class GramPhraseQueryTests(CorpusIndexFixture fixture)
{
    [Theory]
    [InlineData("产学研")]
    [InlineData("技术企业")]
    [InlineData("科技型中小企业")]
    [InlineData("科技成果转化")]
    [InlineData("龙湖软件园")]
    [InlineData("2023")]
    [InlineData("20230006")]
    [InlineData("临科函字第(2023)4号")]
    [InlineData("研究研究")]            // a repeated bigram
    [InlineData("的的的")]              // overlapping occurrences
    [InlineData("不存在的字符串甲乙丙")]  // absent
    [InlineData("企业")]
    public void A_gram_phrase_matches_and_scores_as_lucenes_exact_phrase(string text)
    {
        fixture.Index.WithSearcher(searcher =>
        {
            var grams = GramTokenizer.QueryGrams(CharFolding.Fold(text));
            var mine = new GramPhraseQuery(Schema.TextGrams);
            var lucene = new PhraseQuery();
            foreach (var (gram, position) in grams)
            {
                mine.Add(new Term(Schema.TextGrams, gram), position);
                lucene.Add(new Term(Schema.TextGrams, gram), position);
            }
            // The full chain as well: more terms than the cover, each read only as far as needed.
            var chain = new GramPhraseQuery(Schema.TextGrams);
            var chainLucene = new PhraseQuery();
            var folded = CharFolding.Fold(text);
            for (var i = 0; i + 1 < folded.Length; i++)
            {
                chain.Add(new Term(Schema.TextGrams, folded.Substring(i, 2)), i);
                chainLucene.Add(new Term(Schema.TextGrams, folded.Substring(i, 2)), i);
            }

            var all = searcher.IndexReader.MaxDoc;
            foreach (var (a, b) in new[] { ((Query)lucene, (Query)mine), (chainLucene, chain) })
            {
                SameHits.Assert(searcher.Search(a, all).ScoreDocs, searcher.Search(b, all).ScoreDocs);
            }
            return 0;
        });
    }

    [Fact]
    public void The_cases_include_common_rare_and_absent_strings()
    {
        fixture.Index.WithSearcher(searcher =>
        {
            int Count(string text)
            {
                var q = new GramPhraseQuery(Schema.TextGrams);
                foreach (var (gram, position) in GramTokenizer.QueryGrams(CharFolding.Fold(text))) q.Add(new Term(Schema.TextGrams, gram), position);
                return searcher.Search(q, 1).TotalHits;
            }
            Assert.True(Count("企业") > 10);
            Assert.InRange(Count("龙湖软件园"), 1, 3);
            Assert.Equal(0, Count("不存在的字符串甲乙丙"));
            return 0;
        });
    }
}
