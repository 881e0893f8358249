using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// A phrase read from its cached matches must be the phrase verified: the same replies, occurrences and
/// scores, so the same page, total and facets, before and after deletions; and the cache must keep to its
/// budget and let go of segments that close. The corpus index is small, so these caches take segments of
/// any size (the service's skips segments under 16,384 replies).
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class PhraseMatchCacheTests(CorpusIndexFixture fixture)
{
    private const long Budget = 64L << 20;

    public static TheoryData<string, SortOrder> Cases() => new()
    {
        { "产学研", SortOrder.Relevance },
        { "科技型中小企业", SortOrder.Relevance },
        { "2023", SortOrder.Relevance },
        { "技术企业", SortOrder.Relevance },
        { "\"科技成果转化\"", SortOrder.Relevance },
        { "year:2021..2023 产学研", SortOrder.Relevance },
        { "产学研 -临沂", SortOrder.Relevance },
        { "科技成果 创新能力", SortOrder.Date },
        { "高新技术企业", SortOrder.Relevance },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_cached_phrase_finds_and_scores_what_the_verified_phrase_does(string query, SortOrder sort)
    {
        var request = new SearchRequest { Query = query, Size = 100, Sort = sort };
        fixture.Index.WithSearcher(searcher =>
        {
            var plain = new IndexSearcher(searcher.IndexReader) { Similarity = ReplyIndex.Similarity };
            var cache = new PhraseMatchCache(Budget, minSegmentDocs: 1);
            var cached = new CachingSearcher(searcher.IndexReader, cache) { Similarity = ReplyIndex.Similarity };
            var expected = Page(plain, request);
            Assert.True(JsonDocument.Parse(expected).RootElement.GetProperty("total").GetInt32() > 0, query);
            // The first search counts a use, the second fills the cache, the third reads what it kept.
            for (var i = 0; i < 3; i++) Assert.Equal(expected, Page(cached, request));
            Assert.True(cache.Count > 0, $"{query}: the cache was never used");
            return 0;
        });
    }

    [Fact]
    public void Phrases_in_many_replies_are_kept_a_byte_per_reply_and_the_others_as_a_list()
    {
        fixture.Index.WithSearcher(searcher =>
        {
            var cache = new PhraseMatchCache(Budget, minSegmentDocs: 1);
            var cached = new CachingSearcher(searcher.IndexReader, cache) { Similarity = ReplyIndex.Similarity };
            var plain = new IndexSearcher(searcher.IndexReader) { Similarity = ReplyIndex.Similarity };
            foreach (var q in new[] { "2023", "产学研", "龙湖软件园", "科技成果" })
            {
                var request = new SearchRequest { Query = q, Size = 100 };
                var expected = Page(plain, request);
                for (var i = 0; i < 3; i++) Assert.Equal(expected, Page(cached, request));
            }
            Assert.Contains(cache.Held, m => m.Dense);
            Assert.Contains(cache.Held, m => !m.Dense && m.Count > 0);
            return 0;
        });
    }

    [Fact]
    public void Deleted_replies_leave_the_cached_matches_of_their_segment()
    {
        var replies = Enumerable.Range(1, 40).Select(n => ($"r{n:00}.txt", SmallIndex.Reply($"关于第{n}号建议的答复",
            string.Concat(Enumerable.Repeat("推动产学研深度融合。", 1 + n % 4)) + $"编号{n}的其他内容。"))).ToArray();
        using var small = new SmallIndex(replies);
        var cache = new PhraseMatchCache(Budget, minSegmentDocs: 1);
        var request = new SearchRequest { Query = "产学研", Size = 100 };
        string Search() => small.Index.WithSearcher(s => Page(small.Index, new CachingSearcher(s.IndexReader, cache) { Similarity = ReplyIndex.Similarity }, request));
        string Plain() => small.Index.WithSearcher(s => Page(small.Index, new IndexSearcher(s.IndexReader) { Similarity = ReplyIndex.Similarity }, request));

        Search();
        Search();
        var kept = cache.Count;
        Assert.True(kept > 0);

        var gone = small.Index.Search(request).Hits.Take(5).Select(h => h.Id).ToList();
        foreach (var id in gone) small.Index.Delete(id);
        small.Index.Commit();

        var after = Search();
        Assert.Equal(Plain(), after);
        Assert.Equal(35, JsonDocument.Parse(after).RootElement.GetProperty("total").GetInt32());
        Assert.DoesNotContain(gone, id => after.Contains(id, StringComparison.Ordinal));
        // The segment's core is the same: its entry was read, not filled again.
        Assert.Equal(kept, cache.Count);
    }

    [Fact]
    public void The_cache_keeps_to_its_budget_by_dropping_the_least_recently_used_phrase()
    {
        string[] phrases = ["产学研", "科技成果", "高新技术"];
        fixture.Index.WithSearcher(searcher =>
        {
            // What the three take together, then a budget that cannot hold them all.
            var probe = new PhraseMatchCache(Budget, minSegmentDocs: 1);
            Fill(new CachingSearcher(searcher.IndexReader, probe) { Similarity = ReplyIndex.Similarity }, phrases, _ => { });
            var sizes = probe.Held.Select(m => m.Bytes).ToList();
            Assert.True(sizes.Count >= 3, $"{sizes.Count} entries");

            var cache = new PhraseMatchCache(probe.Bytes - sizes.Min(), minSegmentDocs: 1);
            Fill(new CachingSearcher(searcher.IndexReader, cache) { Similarity = ReplyIndex.Similarity }, phrases,
                q => Assert.True(cache.Bytes <= cache.BudgetBytes, $"{q}: {cache.Bytes} bytes held over a budget of {cache.BudgetBytes}"));
            Assert.InRange(cache.Count, 1, sizes.Count - 1);
            // The last phrase searched is the most recently used: it stays.
            var last = probe.Held.OrderBy(m => m.LastUsed).Last();
            Assert.Contains(cache.Held, m => m.Count == last.Count && m.Bytes == last.Bytes);
            return 0;
        });

        void Fill(IndexSearcher cached, string[] queries, Action<string> after)
        {
            foreach (var q in queries)
            {
                for (var i = 0; i < 2; i++) Page(cached, new SearchRequest { Query = q });
                after(q);
            }
        }
    }

    [Fact]
    public void A_segment_that_closes_takes_its_cached_matches_with_it()
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(new DirectoryInfo(fixture.Index.Path));
        var reader = DirectoryReader.Open(directory);
        var cache = new PhraseMatchCache(Budget, minSegmentDocs: 1);
        try
        {
            var cached = new CachingSearcher(reader, cache) { Similarity = ReplyIndex.Similarity };
            for (var i = 0; i < 2; i++) Page(cached, new SearchRequest { Query = "产学研" });
            Assert.True(cache.Count > 0);
            Assert.True(cache.Bytes > 0);
        }
        finally
        {
            reader.Dispose();
        }
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    /// <summary>A search's answer as JSON, its timing aside.</summary>
    private string Page(IndexSearcher searcher, SearchRequest request) => Page(fixture.Index, searcher, request);

    private static string Page(ReplyIndex index, IndexSearcher searcher, SearchRequest request) =>
        JsonSerializer.Serialize(ReplySearcher.Search(searcher, index.Analyzers, request, new SearchLoad()) with { TookMs = 0 }, ReplySearch.Core.Model.Json.Options);
}
