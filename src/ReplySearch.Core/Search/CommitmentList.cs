using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>One commitment with the reply that makes it; due is the last day of the deadline it states (yyyy-MM-dd), if any.</summary>
public sealed record CommitmentItem(
    string Id, string? Title, string? Agency, int? Year, string? Date, string Kind, string HandlingRole,
    string Section, string Text, string? Due, string? DueText);

/// <summary>A page of commitments: how many match in all, and this page's, newest reply first.</summary>
public sealed record CommitmentPage(int Total, IReadOnlyList<CommitmentItem> Items);

/// <summary>
/// The commitments replies make (<see cref="Parsing.CommitmentFinder"/>, found when a reply is parsed), listed across
/// the archive. The request's filters (agency, year …, also written inline in q) choose the replies; q's words
/// are looked for in each commitment's own text, with the query language's meaning (words ANDed, OR, -word),
/// so 停车 lists what was promised about parking, not every promise of a reply that mentions parking.
/// Newest reply first, a reply's commitments in the order written.
/// <para>
/// Without words the total is the sum of the replies' commitment counts (doc values, nothing read); with
/// words each candidate reply is read and its commitments matched, candidates being the replies whose body
/// holds every group's words (a gram phrase on <c>text_grams</c>). A commitment is a span of the body, so
/// the body holds whatever a commitment holds: the candidates are a superset and the per-commitment test
/// decides. Commitments have no index field of their own: bigrams over them cost a fifth of the build time
/// at 100k replies (docs/performance.md) for a filter this list does not need.
/// </para>
/// </summary>
public static class CommitmentList
{
    public static CommitmentPage Page(IndexSearcher searcher, SearchRequest request)
    {
        var (replies, match) = Candidates(searcher, request);
        var skip = (request.Page - 1) * request.Size;
        var items = new List<CommitmentItem>(request.Size);
        var total = 0;
        foreach (var reply in replies)
        {
            if (match is null && (total + reply.Count <= skip || items.Count == request.Size))
            {
                // Counted from doc values: nothing to read unless the reply falls on the page.
                total += reply.Count;
                continue;
            }
            foreach (var item in Items(searcher, reply.Doc, match))
            {
                if (total >= skip && items.Count < request.Size) items.Add(item);
                total++;
            }
        }
        return new CommitmentPage(total, items);
    }

    /// <summary>Every commitment of a request, up to limit, in the list's order: what the CSV export writes.</summary>
    public static IEnumerable<CommitmentItem> All(IndexSearcher searcher, SearchRequest request, int limit)
    {
        var (replies, match) = Candidates(searcher, request);
        var n = 0;
        foreach (var reply in replies)
        {
            foreach (var item in Items(searcher, reply.Doc, match))
            {
                if (n++ >= limit) yield break;
                yield return item;
            }
        }
    }

    private readonly record struct Candidate(int Doc, long Key, int Count);

    /// <summary>The replies with commitments that the request's filters select, newest first; and the per-commitment test of q's words, if any.</summary>
    private static (List<Candidate> Replies, Func<string, bool>? Match) Candidates(IndexSearcher searcher, SearchRequest request)
    {
        var parsed = QueryLanguage.Parse(request.Query);
        var query = new BooleanQuery { { new MatchAllDocsQuery(), Occur.MUST } };
        foreach (var filter in QueryBuilder.Filters(parsed, request)) query.Add(filter, Occur.MUST);
        foreach (var group in parsed.Groups)
        {
            var any = new BooleanQuery();
            foreach (var term in group)
            {
                if (QueryBuilder.Contains(Schema.TextGrams, term.Text) is { } q) any.Add(q, Occur.SHOULD);
            }
            // A term the grams cannot express (one character) narrows nothing here; the per-commitment test decides.
            if (any.Clauses.Count == group.Count) query.Add(any, Occur.MUST);
        }
        var collector = new CandidateCollector();
        searcher.Search(query, collector);
        collector.Found.Sort((a, b) => a.Key.CompareTo(b.Key));
        return (collector.Found, Matcher(parsed));
    }

    private static Func<string, bool>? Matcher(ParsedQuery parsed)
    {
        if (parsed.IsEmpty) return null;
        var groups = parsed.Groups.Select(g => g.Select(t => QueryBuilder.Folded(t.Text)).Where(t => t.Length > 0).ToList()).Where(g => g.Count > 0).ToList();
        var excluded = parsed.Excluded.Select(t => QueryBuilder.Folded(t.Text)).Where(t => t.Length > 0).ToList();
        return text =>
        {
            var folded = QueryBuilder.Folded(text);
            return groups.All(g => g.Any(t => folded.Contains(t, StringComparison.Ordinal)))
                && !excluded.Any(t => folded.Contains(t, StringComparison.Ordinal));
        };
    }

    private static IEnumerable<CommitmentItem> Items(IndexSearcher searcher, int doc, Func<string, bool>? match)
    {
        var d = DocumentMapper.FromStored(searcher.Doc(doc));
        var id = DocumentMapper.IdFor(d.Source);
        foreach (var c in d.Commitments)
        {
            if (match is not null && !match(c.Text)) continue;
            yield return new CommitmentItem(id, d.Title, d.Agency, d.Year, d.Date, d.Kind, d.HandlingRole, c.Section, c.Text, c.Due, c.DueText);
        }
    }

    /// <summary>Each matching reply with at least one commitment: its order key (<see cref="HitOrder"/>: newest first, then by id) and its count.</summary>
    private sealed class CandidateCollector : ICollector
    {
        public List<Candidate> Found { get; } = [];
        private NumericDocValues? _counts;
        private long[] _keys = [];
        private int _base;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) { }

        public void SetNextReader(AtomicReaderContext context)
        {
            _counts = context.AtomicReader.GetNumericDocValues(Schema.CommitmentCount);
            _keys = HitOrder.Keys(context.AtomicReader);
            _base = context.DocBase;
        }

        public void Collect(int doc)
        {
            var count = (int)(_counts?.Get(doc) ?? 0);
            if (count > 0) Found.Add(new Candidate(_base + doc, _keys[doc], count));
        }
    }
}
