using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>Per year (or agency): how many replies match, and how often the query's terms occur in them.</summary>
public sealed record TrendPoint(string Key, int Replies, long Occurrences);

public sealed record TrendResult
{
    public int Total { get; init; }
    public long Occurrences { get; init; }
    public IReadOnlyList<TrendPoint> Years { get; init; } = [];
    public IReadOnlyList<TrendPoint>? Agencies { get; init; }
    public double TookMs { get; init; }
}

/// <summary>
/// Counts a query over time for researchers. Two passes over the index, no stored document read: the full
/// query marks the matching replies; then each marked form's own query (a gram phrase, or a word) is run
/// and its per-document frequency, the number of occurrences, is added up for the marked replies.
/// </summary>
public static class TrendCounter
{
    public static TrendResult Count(IndexSearcher searcher, Analyzers analyzers, SearchRequest request, bool byAgency)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var parsed = QueryLanguage.Parse(request.Query);
        var built = QueryBuilder.Build(parsed, request, analyzers, searcher);

        var matches = new MatchCollector(searcher.IndexReader.Leaves.Count);
        searcher.Search(RelatedQuery.Counted(built, parsed, request, analyzers), matches);

        var perDoc = new Dictionary<(int Leaf, int Doc), long>();
        foreach (var q in QueryBuilder.CountQueries(built))
        {
            var freq = new FrequencyCollector(matches, perDoc);
            searcher.Search(q, freq);
        }

        var years = new Dictionary<string, (int Replies, long Occ)>();
        var agencies = byAgency ? new Dictionary<string, (int Replies, long Occ)>() : null;
        var bytes = new BytesRef();
        var total = 0;
        long occurrences = 0;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var bits = matches.Bits[leaf.Ord];
            if (bits is null) continue;
            var yearDv = leaf.AtomicReader.GetNumericDocValues(FieldTable.Year.IndexName);
            var agencyDv = byAgency ? leaf.AtomicReader.GetSortedDocValues(FieldTable.Agency.IndexName) : null;
            for (var doc = bits.NextSetBit(0); doc >= 0; doc = doc + 1 < bits.Length ? bits.NextSetBit(doc + 1) : -1)
            {
                var occ = perDoc.GetValueOrDefault((leaf.Ord, doc));
                total++;
                occurrences += occ;
                var year = yearDv?.Get(doc) ?? 0;
                var key = year == 0 ? "未知" : year.ToString();
                var y = years.GetValueOrDefault(key);
                years[key] = (y.Replies + 1, y.Occ + occ);
                if (agencies is not null)
                {
                    var ord = agencyDv?.GetOrd(doc) ?? -1;
                    var name = "未知";
                    if (ord >= 0)
                    {
                        agencyDv!.LookupOrd(ord, bytes);
                        name = bytes.Utf8ToString();
                    }
                    var a = agencies.GetValueOrDefault(name);
                    agencies[name] = (a.Replies + 1, a.Occ + occ);
                }
            }
        }
        return new TrendResult
        {
            Total = total,
            Occurrences = occurrences,
            Years = years.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new TrendPoint(kv.Key, kv.Value.Replies, kv.Value.Occ)).ToList(),
            Agencies = agencies?.OrderByDescending(kv => kv.Value.Replies).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new TrendPoint(kv.Key, kv.Value.Replies, kv.Value.Occ)).ToList(),
            TookMs = Math.Round(watch.Elapsed.TotalMilliseconds, 2),
        };
    }

    /// <summary>Which documents matched, per segment.</summary>
    private sealed class MatchCollector(int leaves) : ICollector
    {
        public readonly FixedBitSet?[] Bits = new FixedBitSet?[leaves];
        private FixedBitSet? _current;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context) =>
            _current = Bits[context.Ord] = new FixedBitSet(context.AtomicReader.MaxDoc);

        public void Collect(int doc) => _current!.Set(doc);
    }

    /// <summary>Adds a form's frequency in each matched document (a phrase's or a term's freq is its occurrences).</summary>
    private sealed class FrequencyCollector(MatchCollector matches, Dictionary<(int, int), long> perDoc) : ICollector
    {
        private Scorer? _scorer;
        private FixedBitSet? _bits;
        private int _leaf;

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context)
        {
            _leaf = context.Ord;
            _bits = matches.Bits[context.Ord];
        }

        public void Collect(int doc)
        {
            if (_bits is null || !_bits.Get(doc)) return;
            var key = (_leaf, doc);
            perDoc[key] = perDoc.GetValueOrDefault(key) + _scorer!.Freq;
        }
    }
}
