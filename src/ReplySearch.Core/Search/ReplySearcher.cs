using System.Diagnostics;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>
/// Runs one search on a point-in-time searcher: query building, one pass that collects the top hits and
/// the facet counts over all hits together, then snippets for the page.
/// </summary>
public static class ReplySearcher
{
    public static SearchResult Search(IndexSearcher searcher, Analyzers analyzers, SearchRequest request, SearchLoad load)
    {
        var watch = Stopwatch.StartNew();
        var errors = request.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Parameter}: {e.Message}")), errors[0].Parameter);

        var parsed = QueryLanguage.Parse(request.Query);
        var built = QueryBuilder.Build(parsed, request, analyzers, searcher);
        var want = request.Page * request.Size;

        var sortByDate = request.Sort == SortOrder.Date || !built.HasText;
        var sort = sortByDate ? HitOrder.Date : null;

        var alone = load.Enter();
        try
        {
            var ways = alone ? HitCollection.Ways(searcher) : 1;
            var skip = (request.Page - 1) * request.Size;
            // Word phrases rank the best hits only; a date order has no use for them.
            var rescore = !sortByDate && built.Rescore.Count > 0 ? built.Rescore : null;
            var window = rescore is null ? want : Math.Max(want, PhraseRescorer.Window);
            var collected = rescore is null
                ? HitCollection.Collect(searcher, built.Query, sort, want, skip, request.Size, request, ways)
                : HitCollection.Collect(searcher, built.Query, sort, window, 0, window, request, ways);
            var scoreDocs = rescore is null
                ? collected.Top.ScoreDocs
                : PhraseRescorer.Rescore(searcher, rescore, collected.Top.ScoreDocs).Skip(skip).Take(request.Size).ToArray();
            var exactHits = MakeHits(searcher, scoreDocs, built, ways, MatchTier.Exact);
            // The related tier is looked at only when this page reaches past the exact hits, or when it is
            // counted: a page full of exact hits costs what it cost before there were tiers.
            if (collected.Total >= want && request.Scope == SearchScope.Exact)
                return Result(collected.Total, RelatedQuery.Possible(parsed) ? null : 0, exactHits, collected.Facets);
            if (RelatedQuery.Build(parsed, request, analyzers) is not { } related)
                return Result(collected.Total, 0, exactHits, collected.Facets);

            // The related tier: replies its words find that the exact tier did not, after every exact hit.
            var relatedOnly = RelatedQuery.Beyond(related, built);
            var bm25 = RelatedQuery.Searcher(searcher);
            var counter = new TotalHitCountCollector();
            searcher.Search(relatedOnly, counter);
            var relatedTotal = counter.TotalHits;
            var relatedSkip = Math.Max(0, skip - collected.Total);
            var relatedWant = Math.Max(0, want - Math.Max(skip, collected.Total));
            var relatedHits = relatedWant == 0 || relatedTotal == 0
                ? []
                : MakeHits(searcher, [.. bm25.Search(relatedOnly, relatedSkip + relatedWant).ScoreDocs.Skip(relatedSkip)], related, 1, MatchTier.Related);
            if (request.Scope == SearchScope.Exact || relatedTotal == 0)
                return Result(collected.Total, relatedTotal, [.. exactHits, .. relatedHits], collected.Facets);
            // Counting both tiers: the facets are those of either tier's replies.
            var both = new BooleanQuery { { built.Query, Occur.SHOULD }, { related.Query, Occur.SHOULD } };
            var all = HitCollection.Collect(searcher, both, sort, 1, 0, 1, request, ways);
            return Result(all.Total, relatedTotal, [.. exactHits, .. relatedHits], all.Facets);
        }
        finally
        {
            load.Leave();
        }

        SearchResult Result(int total, int? relatedTotal, Hit[] hits, FacetCollector facets) => new()
        {
            Total = total,
            RelatedTotal = relatedTotal,
            Scope = request.Scope,
            Page = request.Page,
            Size = request.Size,
            Hits = hits,
            Facets = request.CountFacets ? facets.Result(request.FacetLimit) : new Facets(),
            Notices = parsed.Notices,
            TookMs = Math.Round(watch.Elapsed.TotalMilliseconds, 2),
        };
    }

    private static Hit[] MakeHits(IndexSearcher searcher, ScoreDoc[] scoreDocs, BuiltQuery built, int ways, MatchTier tier)
    {
        var hits = new Hit[scoreDocs.Length];
        if (ways > 1 && hits.Length > 1)
            Parallel.For(0, hits.Length, new ParallelOptions { MaxDegreeOfParallelism = ways }, i => hits[i] = MakeHit(searcher, scoreDocs[i], built) with { Match = tier });
        else
            for (var i = 0; i < hits.Length; i++) hits[i] = MakeHit(searcher, scoreDocs[i], built) with { Match = tier };
        return hits;
    }

    private static Hit MakeHit(IndexSearcher searcher, ScoreDoc sd, BuiltQuery built)
    {
        var doc = DocumentMapper.FromStored(searcher.Doc(sd.Doc), sectionTexts: false);
        var spans = SnippetBuilder.FindSpans(doc.Text, built.Marks, built.Analyzers);
        return new Hit
        {
            Id = DocumentMapper.IdFor(doc.Source),
            Source = doc.Source,
            Title = doc.Title,
            Agency = doc.Agency,
            Year = doc.Year,
            Date = doc.Date,
            Delegates = doc.Delegates,
            ProposalNumber = doc.ProposalNumber,
            DocNumber = doc.DocNumber,
            Kind = doc.Kind,
            HandlingType = doc.HandlingType,
            HandlingRole = doc.HandlingRole,
            ContentCategory = doc.ContentCategory,
            Disclosure = doc.Disclosure,
            IndexNumber = doc.IndexNumber,
            SubmittedDate = doc.SubmittedDate,
            Score = float.IsNaN(sd.Score) ? 0f : sd.Score,
            Snippets = SnippetBuilder.Build(doc, spans),
            Matched = SnippetBuilder.Matched(built.Terms, built.Marks, spans, doc.Text),
            Document = doc,
        };
    }

    /// <summary>Every hit of a request (up to limit), in its sort order, with snippets: what an export writes.</summary>
    public static IEnumerable<Hit> All(IndexSearcher searcher, Analyzers analyzers, SearchRequest request, int limit)
    {
        var parsed = QueryLanguage.Parse(request.Query);
        var built = QueryBuilder.Build(parsed, request, analyzers, searcher);
        var listed = 0;
        foreach (var hit in Exact(searcher, built, request, limit))
        {
            listed++;
            yield return hit;
        }
        // With scope all, the related tier follows, best first.
        if (request.Scope != SearchScope.All || listed >= limit || RelatedQuery.Build(parsed, request, analyzers) is not { } related) yield break;
        var relatedOnly = RelatedQuery.Beyond(related, built);
        foreach (var sd in RelatedQuery.Searcher(searcher).Search(relatedOnly, limit - listed).ScoreDocs)
            yield return MakeHit(searcher, sd, related) with { Match = MatchTier.Related };
    }

    private static IEnumerable<Hit> Exact(IndexSearcher searcher, BuiltQuery built, SearchRequest request, int limit)
    {
        var n = Math.Max(1, Math.Min(limit, searcher.IndexReader.MaxDoc));
        var byDate = request.Sort == SortOrder.Date || !built.HasText;
        var top = byDate
            ? searcher.Search(built.Query, null, n, HitOrder.Date, true, false).ScoreDocs
            : HitOrder.Top(searcher, built.Query, Math.Max(n, PhraseRescorer.Window));
        if (!byDate && built.Rescore.Count > 0) top = PhraseRescorer.Rescore(searcher, built.Rescore, top);
        foreach (var sd in top.Take(n)) yield return MakeHit(searcher, sd, built);
    }
}

/// <summary>
/// The searches running on one index, so that a search knows whether it runs alone. A search that runs
/// alone may use every core; with others running, the cores are taken. Splitting only pays on an idle
/// machine: a search that finds itself alone for a moment between the searches of other clients would take
/// their cores, so any overlap in the last second counts. Each index has its own: two indexes in one
/// process (tests, a benchmark's builds) do not count each other's searches.
/// </summary>
public sealed class SearchLoad
{
    private const int QuietMs = 1000;
    private int _running;
    private long _lastOverlap = long.MinValue / 2;

    /// <summary>Counts a search in; true when it runs alone and none overlapped in the last second.</summary>
    internal bool Enter()
    {
        var running = Interlocked.Increment(ref _running);
        var now = Environment.TickCount64;
        if (running > 1) Volatile.Write(ref _lastOverlap, now);
        return running == 1 && now - Volatile.Read(ref _lastOverlap) > QuietMs;
    }

    internal void Leave() => Interlocked.Decrement(ref _running);
}

/// <summary>A search ran past its time limit: the query matches too much to rank in time.</summary>
public sealed class SearchTimeoutException(int limitMs)
    : Exception($"the search took longer than {limitMs} ms; narrow the query (more words, a phrase, or a filter)")
{
    public int LimitMs { get; } = limitMs;
}
