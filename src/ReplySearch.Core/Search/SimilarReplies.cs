using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>A reply like another, with the key terms they share: why it was suggested.</summary>
public sealed record SimilarReply
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public string? Agency { get; init; }
    public int? Year { get; init; }
    public string? Date { get; init; }
    public IReadOnlyList<string> Delegates { get; init; } = [];
    public float Score { get; init; }

    /// <summary>The key terms of the reply asked about that this one shares.</summary>
    public IReadOnlyList<string> SharedTerms { get; init; } = [];

    /// <summary>A short reason in words, e.g. 共同关键词：产学研、院士工作站.</summary>
    public string Reason => SharedTerms.Count == 0 ? "" : "共同关键词：" + string.Join("、", SharedTerms);
}

/// <summary>
/// MoreLikeThis over the SmartCn word field: the reply's most distinctive words (by tf-idf, two or more
/// characters) become a query. Earlier replies come first, since staff look for a reply to reuse.
/// </summary>
public static class SimilarReplies
{
    public const int MaxTerms = 25;

    public static IReadOnlyList<SimilarReply> Find(IndexSearcher searcher, Analyzers analyzers, ReplyDocument doc, string id, int count)
    {
        var (like, interesting) = Like(searcher, analyzers, doc);
        // The reply itself is left out by a prohibited clause of the disjunction, not by a conjunction around
        // it: Lucene then scores the disjunction a block at a time (BooleanScorer), with the same scores.
        like.Add(new TermQuery(new Term(Schema.Id, id)), Occur.MUST_NOT);
        var top = HitOrder.Top(searcher, like, Math.Max(count * 3, 30));
        var myDate = DateKey(doc);
        var candidates = new List<(SimilarReply Reply, bool Earlier)>();
        foreach (var sd in top)
        {
            var other = DocumentMapper.FromStored(searcher.Doc(sd.Doc), sectionTexts: false);
            var folded = CharFolding.Fold(other.Text);
            var shared = interesting.Where(t => folded.Contains(t, StringComparison.Ordinal)).Take(6).ToList();
            candidates.Add((new SimilarReply
            {
                Id = DocumentMapper.IdFor(other.Source),
                Title = other.Title,
                Agency = other.Agency,
                Year = other.Year,
                Date = other.Date,
                Delegates = other.Delegates,
                Score = sd.Score,
                SharedTerms = shared,
            }, string.CompareOrdinal(DateKey(other), myDate) <= 0));
        }
        // Earlier replies first (what staff can reuse), each group by similarity.
        return candidates.OrderByDescending(c => c.Earlier).ThenByDescending(c => c.Reply.Score)
            .Take(count).Select(c => c.Reply).ToList();
    }

    /// <summary>The reply's most distinctive words as a query (MoreLikeThis), and those words.</summary>
    internal static (BooleanQuery Like, string[] Interesting) Like(IndexSearcher searcher, Analyzers analyzers, ReplyDocument doc, int minTermFreq = 2, int maxDocFreqPct = 50)
    {
        var mlt = new MoreLikeThis(searcher.IndexReader)
        {
            Analyzer = analyzers.Words,
            FieldNames = [Schema.TextWords],
            MinTermFreq = minTermFreq,
            MinDocFreq = 2,
            MinWordLen = 2,
            MaxQueryTerms = MaxTerms,
        };
        mlt.SetMaxDocFreqPct(maxDocFreqPct); // words in half the archive (答复, 建议) say nothing about the topic
        string[] interesting;
        using (var reader = new StringReader(CharFolding.FoldWords(doc.Text))) interesting = mlt.RetrieveInterestingTerms(reader, Schema.TextWords);
        // MoreLikeThis.Like builds exactly this (no boosts: each interesting term a SHOULD clause, in the same
        // order) but segments the whole reply a second time to find them.
        var like = new BooleanQuery();
        foreach (var term in interesting) like.Add(new TermQuery(new Term(Schema.TextWords, term)), Occur.SHOULD);
        return (like, interesting);
    }

    private static string DateKey(ReplyDocument d) => d.Date ?? (d.Year is { } y ? $"{y}-99-99" : "9999");
}
