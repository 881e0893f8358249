using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// Word phrases are scored on the best hits only, from the postings. Over a window that holds every hit,
/// that must give exactly what one query with the phrases inside it gives: the same replies, the same
/// scores, the same order.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class PhraseRescorerTests(CorpusIndexFixture fixture)
{
    [Theory]
    [InlineData("产学研")]
    [InlineData("科技创新")]
    [InlineData("科技 创新")]
    [InlineData("\"科技成果转化\"")]
    [InlineData("乡村振兴 OR 农村")]
    [InlineData("高企")]
    [InlineData("科技型中小企业")]
    [InlineData("人才 引进")]
    [InlineData("科 -产学研")]
    public void Rescoring_every_hit_equals_one_pass_with_the_word_phrases(string query)
    {
        fixture.Index.WithSearcher(searcher =>
        {
            var built = QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest { Query = query }, fixture.Index.Analyzers);
            Assert.NotEmpty(built.Rescore);
            var all = searcher.IndexReader.MaxDoc;

            var onePass = new BooleanQuery { { built.Query, Occur.MUST } };
            foreach (var phrase in built.Rescore) onePass.Add(AsQuery(phrase), Occur.SHOULD);
            var expected = searcher.Search(onePass, all).ScoreDocs;

            var firstPass = searcher.Search(built.Query, all).ScoreDocs;
            var rescored = PhraseRescorer.Rescore(searcher, built.Rescore, firstPass);

            Assert.True(expected.Length > 0, query);
            Assert.Equal(expected.Length, rescored.Length);
            // The phrases must change something, or this test would pass with a rescorer that does nothing.
            Assert.Contains(rescored, r => firstPass.Single(f => f.Doc == r.Doc).Score < r.Score - 1e-4f);
            // Place by place the same score; the reply there is one the one-pass query scores the same
            // (float sums in another order can split or join near-ties, which the tie-break then orders).
            var oneScore = expected.ToDictionary(e => e.Doc, e => e.Score);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i].Score, rescored[i].Score, 3);
                Assert.Equal(expected[i].Score, oneScore[rescored[i].Doc], 3);
            }
            return 0;
        });
    }

    private static Query AsQuery(WordPhrase phrase)
    {
        if (phrase.Tokens.Count == 1) return new TermQuery(new Term(Schema.TextWords, phrase.Tokens[0].Term)) { Boost = phrase.Boost };
        var q = new PhraseQuery { Boost = phrase.Boost };
        foreach (var (term, position) in phrase.Tokens) q.Add(new Term(Schema.TextWords, term), position);
        return q;
    }
}
