using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// Similar replies leave the reply out by a prohibited clause inside their disjunction; that must rank
/// exactly as the disjunction required with the reply prohibited beside it, for every reply of the corpus.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class SimilarRepliesTests(CorpusIndexFixture fixture)
{
    [Fact]
    public void Leaving_the_reply_out_inside_the_disjunction_ranks_as_leaving_it_out_beside_it()
    {
        fixture.Index.WithSearcher(searcher =>
        {
            var compared = 0;
            for (var d = 0; d < searcher.IndexReader.MaxDoc; d++)
            {
                var doc = DocumentMapper.FromStored(searcher.Doc(d));
                var id = DocumentMapper.IdFor(doc.Source);
                var (like, _) = SimilarReplies.Like(searcher, fixture.Index.Analyzers, doc);
                if (like.Clauses.Count == 0) continue;
                var beside = new BooleanQuery { { like, Occur.MUST }, { new TermQuery(new Term(Schema.Id, id)), Occur.MUST_NOT } };
                var expected = HitOrder.Top(searcher, beside, 30);

                var (inside, _) = SimilarReplies.Like(searcher, fixture.Index.Analyzers, doc);
                inside.Add(new TermQuery(new Term(Schema.Id, id)), Occur.MUST_NOT);
                var actual = HitOrder.Top(searcher, inside, 30);

                Assert.Equal(expected.Select(h => (h.Doc, h.Score)), actual.Select(h => (h.Doc, h.Score)));
                Assert.DoesNotContain(actual, h => h.Doc == d);
                compared += expected.Length > 0 ? 1 : 0;
            }
            Assert.True(compared > 20, $"{compared} replies had similar replies");
            return 0;
        });
    }
}
