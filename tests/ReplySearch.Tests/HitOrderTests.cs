using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// Replies with equal scores must come in the same order whatever order they were indexed in (a bulk build
/// adds them from two threads, so document ids differ from build to build): newest first, then by id.
/// </summary>
public sealed class HitOrderTests : IDisposable
{
    // The same body under four names and dates, so that a query scores them equally; one more holds the
    // query's words twice as often and must still come first by score.
    private static readonly (string Source, string Date, int Repeats)[] Replies =
    [
        ("2021/a.txt", "2021年5月1日", 1),
        ("2023/b.txt", "2023年7月1日", 1),
        ("2023/c.txt", "2023年7月1日", 1),
        ("2019/d.txt", "2019年3月8日", 1),
        ("2018/e.txt", "2018年1月2日", 2),
    ];

    private readonly TempDir _dir = new();
    private readonly ReplyIndex _forward;
    private readonly ReplyIndex _backward;

    public HitOrderTests()
    {
        _forward = Build("forward", Replies);
        _backward = Build("backward", Replies.Reverse());
    }

    private ReplyIndex Build(string name, IEnumerable<(string Source, string Date, int Repeats)> replies)
    {
        var index = ReplyIndex.OpenForWrite(_dir.Combine(name));
        foreach (var (source, date, repeats) in replies)
        {
            var body = string.Concat(Enumerable.Repeat("我局推动产学研合作，支持科技创新平台建设。", repeats)) + "加强人才引进工作。";
            var text = $"关于加强产学研合作的建议的答复\n\n王建国代表：\n\n您提出的建议收悉。现答复如下：\n\n一、工作开展情况\n\n{body}\n\n潍坊市科学技术局\n\n{date}\n";
            index.Add(DocumentMapper.IdFor(source), source, ReplyParser.Parse(text, source));
        }
        index.Commit();
        return index;
    }

    private static string Id(string source) => DocumentMapper.IdFor(source);

    // Equal scores: newest first (b and c share a date, so their ids decide), then a, then d.
    private static readonly string[] EqualsByDateThenId =
        new[] { "2023/b.txt", "2023/c.txt" }.OrderBy(Id, StringComparer.Ordinal).Concat(["2021/a.txt", "2019/d.txt"]).ToArray();

    public static TheoryData<string, SortOrder, string[]> Cases() => new()
    {
        // One word: e scores higher, the rest tie.
        { "产学研", SortOrder.Relevance, ["2018/e.txt", .. EqualsByDateThenId] },
        // Two words: word phrases rescore the first pass, and the rescored ties keep the same order.
        { "科技 创新", SortOrder.Relevance, ["2018/e.txt", .. EqualsByDateThenId] },
        // Once in every reply: e's longer body scores no higher, and is the oldest.
        { "\"人才引进\"", SortOrder.Relevance, [.. EqualsByDateThenId, "2018/e.txt"] },
        // By date: b and c share a date and a score, so their ids decide.
        { "产学研", SortOrder.Date, [.. EqualsByDateThenId.Take(3), "2019/d.txt", "2018/e.txt"] },
        // No text: by date alone.
        { "", SortOrder.Relevance, [.. EqualsByDateThenId.Take(3), "2019/d.txt", "2018/e.txt"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equal_scores_are_ordered_by_date_then_id_whatever_the_indexing_order(string query, SortOrder sort, string[] expected)
    {
        var request = new SearchRequest { Query = query, Sort = sort, Size = 10 };
        Assert.Equal(expected, _forward.Search(request).Hits.Select(h => h.Source));
        Assert.Equal(expected, _backward.Search(request).Hits.Select(h => h.Source));
    }

    [Theory]
    [InlineData("产学研")]
    [InlineData("科技 创新")]
    public void The_first_pass_orders_ties_by_date_then_id_in_one_pass_and_split_across_cores(string query)
    {
        // The collector's own order, before word phrases rescore the window.
        var request = new SearchRequest { Query = query, Size = 10 };
        foreach (var index in new[] { _forward, _backward })
        {
            foreach (var ways in new[] { 1, 3 })
            {
                var sources = index.WithSearcher(searcher =>
                {
                    var built = QueryBuilder.Build(QueryLanguage.Parse(query), request, index.Analyzers, searcher);
                    var hits = HitCollection.Collect(searcher, built.Query, null, 10, 0, 10, request, ways);
                    return hits.Top.ScoreDocs.Select(d => DocumentMapper.FromStored(searcher.Doc(d.Doc), sectionTexts: false).Source).ToList();
                });
                Assert.Equal(["2018/e.txt", .. EqualsByDateThenId], sources);
            }
        }
    }

    [Fact]
    public void Exported_hits_follow_the_same_order()
    {
        var request = new SearchRequest { Query = "产学研" };
        foreach (var index in new[] { _forward, _backward })
        {
            var all = index.WithSearcher(s => ReplySearcher.All(s, index.Analyzers, request, 100).Select(h => h.Source).ToList());
            Assert.Equal(["2018/e.txt", .. EqualsByDateThenId], all);
        }
    }

    public void Dispose()
    {
        _forward.Dispose();
        _backward.Dispose();
        _dir.Dispose();
    }
}
