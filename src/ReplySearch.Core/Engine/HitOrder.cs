using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: ties broken by document id (TopScoreDocCollector, Sort with doc order).
// Proved equal by: HitOrderTests (two builds in different orders answer alike).

/// <summary>
/// The orders hits come in, each ending in a tie-break that does not depend on document ids: replies with
/// equal scores come newest first, then by id. Document ids follow the order in which the indexing threads
/// happened to add replies, so ties broken by them swapped places between two builds of the same archive.
/// </summary>
internal static class HitOrder
{
    private static readonly SortField NewestFirst = new(Schema.DateSort, SortFieldType.INT64, true);

    /// <summary>Newest first, then by score, then by id: the date sort, and the order of a search without text.</summary>
    public static readonly Sort Date = new(NewestFirst, SortField.FIELD_SCORE, new SortField(Schema.Id, SortFieldType.STRING_VAL));

    private static readonly ConditionalWeakTable<object, long[]> Cache = new();

    /// <summary>
    /// One segment's tie keys, per document: smaller first. Read from doc values once per segment and kept
    /// with it, so that breaking a tie is one array read (Lucene's sort by fields cost a search at 20,000
    /// replies a fifth more time).
    /// </summary>
    internal static long[] Keys(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => ReadKeys(reader));

    /// <summary>Reads the tie keys of every segment of a newly opened reader, so that no query pays for it.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves) Keys(leaf.AtomicReader);
    }

    private static long[] ReadKeys(AtomicReader reader)
    {
        var keys = new long[reader.MaxDoc];
        var dates = reader.GetNumericDocValues(Schema.DateSort);
        var ids = reader.GetBinaryDocValues(Schema.Id);
        var id = new BytesRef();
        for (var d = 0; d < keys.Length; d++)
        {
            ids?.Get(d, id);
            keys[d] = Key(dates?.Get(d) ?? 0, id);
        }
        return keys;
    }

    /// <summary>
    /// The date (yyyyMMdd, newest first) in the high bits, the id's first 36 bits below: ids are 16 hex
    /// digits of a hash, so two replies of one day share a key about once in 10¹⁰ pairs (then the lower
    /// document goes first).
    /// </summary>
    internal static long Key(long date, BytesRef id)
    {
        const long LastDate = 99_991_231;
        var age = Math.Clamp(LastDate - date, 0, LastDate);
        var digits = id.Bytes.AsSpan(id.Offset, Math.Min(id.Length, 9));
        var prefix = Utf8Parser.TryParse(digits, out ulong value, out var used, 'x') && used == digits.Length
            ? (long)value << 4 * (9 - digits.Length)
            : 0;
        return age << 36 | prefix;
    }

    /// <summary>Whether hit a goes before hit b by relevance: higher score, then smaller key, then lower document.</summary>
    internal static bool Before(float scoreA, long keyA, int docA, float scoreB, long keyB, int docB) =>
        scoreA != scoreB ? scoreA > scoreB : keyA != keyB ? keyA < keyB : docA < docB;

    /// <summary>The best n hits of a query by relevance (what an export and the similar replies read).</summary>
    public static ScoreDoc[] Top(IndexSearcher searcher, Query query, int n)
    {
        var top = new TopHitsCollector(n);
        searcher.Search(query, top);
        return top.GetTopDocs().ScoreDocs;
    }

    /// <summary>
    /// Hits whose scores changed after collection (<see cref="PhraseRescorer"/>) sorted again by relevance
    /// with the same tie-break.
    /// </summary>
    public static ScoreDoc[] SortByRelevance(IndexReader reader, ScoreDoc[] hits)
    {
        var keys = new long[hits.Length];
        var leaves = reader.Leaves;
        for (var i = 0; i < hits.Length; i++)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hits[i].Doc, leaves)];
            keys[i] = Keys(leaf.AtomicReader)[hits[i].Doc - leaf.DocBase];
        }
        var order = Enumerable.Range(0, hits.Length).ToArray();
        Array.Sort(order, (a, b) => a == b ? 0
            : Before(hits[a].Score, keys[a], hits[a].Doc, hits[b].Score, keys[b], hits[b].Doc) ? -1 : 1);
        return order.Select(i => hits[i]).ToArray();
    }
}
