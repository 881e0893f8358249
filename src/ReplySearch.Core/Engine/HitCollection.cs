using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: IndexSearcher.Search with a MultiCollector, on one thread.
// Proved equal by: HitCollectionTests (split and single passes give the same hits, totals and facets).

/// <summary>The top hits of one search with the total and the facet counts over every hit.</summary>
internal sealed record CollectedHits(TopDocs Top, int Total, FacetCollector Facets);

/// <summary>
/// One pass over the matches of a query that collects the top hits and counts facets. A search's time grows
/// with its matches (each one's bigram phrase is verified and counted), so when a search runs alone on a
/// large index its documents are split into contiguous ranges, one per core, each scored by its own scorer
/// and collectors, and the parts merged: hits in the same order as one pass (<see cref="HitOrder"/> breaks ties
/// by date and id, not by document), facet counts added up. The caller decides the number of parts: when
/// other searches are running the cores are already busy, and a search runs in one pass.
/// </summary>
internal static class HitCollection
{
    /// <summary>Below this many documents splitting costs more than it saves.</summary>
    public const int SplitFromDocs = 8192;

    /// <summary>How many parts a search alone on this index is split into (1: not split).</summary>
    public static int Ways(IndexSearcher searcher) =>
        searcher.IndexReader.MaxDoc < SplitFromDocs ? 1 : Math.Min(Environment.ProcessorCount, 4);

    public static CollectedHits Collect(IndexSearcher searcher, Query query, Sort? sort, int want, int skip, int take, SearchRequest request, int ways)
    {
        var deadline = Stopwatch.GetTimestamp() + request.TimeLimitMs * Stopwatch.Frequency / 1000;
        try
        {
            return ways < 2
                ? OnePass(searcher, query, sort, want, skip, take, request, deadline)
                : Split(searcher, query, sort, want, skip, take, request, ways, deadline);
        }
        catch (AggregateException e) when (e.InnerExceptions.Any(x => x is SearchTimeoutException))
        {
            throw new SearchTimeoutException(request.TimeLimitMs);
        }
    }

    private static CollectedHits OnePass(IndexSearcher searcher, Query query, Sort? sort, int want, int skip, int take, SearchRequest request, long deadline)
    {
        var top = TopCollector(sort, want, inOrder: false, fillFields: false);
        var facets = new FacetCollector();
        searcher.Search(query, new PassCollector(top, request.CountFacets ? facets : null, deadline, request.TimeLimitMs));
        return new CollectedHits(top.GetTopDocs(skip, take), top.TotalHits, facets);
    }

    private static CollectedHits Split(IndexSearcher searcher, Query query, Sort? sort, int want, int skip, int take, SearchRequest request, int ways, long deadline)
    {
        var weight = searcher.CreateNormalizedWeight(query);
        var parts = Ranges(searcher.IndexReader.Leaves, ways);
        var tops = new TopDocs[parts.Count];
        var totals = new int[parts.Count];
        var facets = new FacetCollector[parts.Count];
        Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = ways }, p =>
        {
            var top = TopCollector(sort, want, inOrder: true, fillFields: sort is not null);
            var counts = facets[p] = new FacetCollector();
            var collector = new PassCollector(top, request.CountFacets ? counts : null, deadline, request.TimeLimitMs);
            foreach (var (leaf, from, to) in parts[p])
            {
                var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                if (scorer is null) continue;
                collector.SetNextReader(leaf);
                if (request.CountFacets) counts.SetRange(from, to);
                collector.SetScorer(scorer);
                for (var doc = from == 0 ? scorer.NextDoc() : scorer.Advance(from); doc < to; doc = scorer.NextDoc()) collector.Collect(doc);
            }
            counts.Flush();
            tops[p] = top.GetTopDocs();
            totals[p] = top.TotalHits;
        });
        for (var p = 1; p < parts.Count; p++) facets[0].Add(facets[p]);
        var merged = sort is null ? TopHitsCollector.Merge(tops, skip, take) : TopDocs.Merge(sort, skip, take, tops.Cast<TopFieldDocs>().ToArray());
        return new CollectedHits(merged, totals.Sum(), facets[0]);
    }

    /// <summary>
    /// One pass's collector: the top hits, the facet counts, and the time limit, checked every 256 hits.
    /// Lucene's MultiCollector and TimeLimitingCollector were two more calls for every matching reply.
    /// </summary>
    private sealed class PassCollector(ITopDocsCollector top, FacetCollector? facets, long deadline, int limitMs) : ICollector
    {
        private int _untilCheck;

        public bool AcceptsDocsOutOfOrder => top.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => top.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            top.SetNextReader(context);
            facets?.SetNextReader(context);
        }

        public void Collect(int doc)
        {
            top.Collect(doc);
            facets?.Collect(doc);
            if (--_untilCheck >= 0) return;
            _untilCheck = 255;
            if (Stopwatch.GetTimestamp() > deadline) throw new SearchTimeoutException(limitMs);
        }
    }

    /// <summary>No sort: by relevance (<see cref="TopHitsCollector"/>).</summary>
    private static ITopDocsCollector TopCollector(Sort? sort, int want, bool inOrder, bool fillFields) => sort is null
        ? new TopHitsCollector(want)
        : TopFieldCollector.Create(sort, want, fillFields, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: inOrder);

    /// <summary>The index's documents cut into contiguous ranges of about equal size, in document order.</summary>
    private static List<List<(AtomicReaderContext Leaf, int From, int To)>> Ranges(IList<AtomicReaderContext> leaves, int ways)
    {
        var total = leaves.Sum(l => l.AtomicReader.MaxDoc);
        var size = (total + ways - 1) / ways;
        var parts = new List<List<(AtomicReaderContext, int, int)>> { new() };
        var room = size;
        foreach (var leaf in leaves)
        {
            var from = 0;
            var maxDoc = leaf.AtomicReader.MaxDoc;
            while (from < maxDoc)
            {
                if (room == 0)
                {
                    parts.Add([]);
                    room = size;
                }
                var to = Math.Min(maxDoc, from + room);
                parts[^1].Add((leaf, from, to));
                room -= to - from;
                from = to;
            }
        }
        return parts;
    }
}
