using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: verifying a common gram phrase's positions at every search.
// Proved equal by: PhraseMatchCacheTests (same hits, scores, totals and facets as without the cache).

/// <summary>
/// Per segment, which replies hold a common gram phrase and how often: what verifying its positions
/// found, kept so that the next search of the same string reads an array instead. At a million replies a
/// string such as 2023 or 科技型中小企业 is in most of them, and its bigrams (20, 23, 企业) occur many
/// times in each, so verifying it read tens of millions of positions; its cached matches are one byte per
/// document (or five per match, when they are few), scanned in a few milliseconds. The same idea as
/// Elasticsearch's query cache, for the one query shape that dominates here.
/// <para>
/// What is kept, and when (invariants): only phrases whose rarest term is in at least
/// 1/<see cref="CommonFrom"/> of a segment of at least <see cref="MinSegmentDocs"/> documents (16,384 unless told).
/// Verifying costs about half a microsecond per reply holding that rarest term (the common terms' postings are
/// skipped to it, their positions read), so at a million replies 8,000 candidates cost some 4 ms, and
/// 经济技术开发区, whose rarest bigram 济技 is in 6 % of the replies, 34 ms. A phrase is cached on its
/// <see cref="CacheFromUse"/>th search, so one-off strings never pay for a walk of whole segments;
/// matches are recorded over all documents (deleted ones too) and live documents are applied when read,
/// so an entry stays true for as long as its segment's core lives, and is dropped when that core closes.
/// The bytes held never exceed the budget after an insertion: the least recently used entries go first.
/// </para>
/// </summary>
internal sealed class PhraseMatchCache(long budgetBytes, int minSegmentDocs = PhraseMatchCache.DefaultMinSegmentDocs)
{
    /// <summary>The default budget; at a million replies an entry is at most 1 MB.</summary>
    public const int DefaultMegabytes = 256;

    /// <summary>Smaller segments are verified quickly enough (and merge away soon).</summary>
    public const int DefaultMinSegmentDocs = 16_384;

    /// <summary>A phrase is cached in a segment when its rarest term is in at least 1/CommonFrom of it.</summary>
    public const int CommonFrom = 128;

    /// <summary>A phrase is cached on its second search.</summary>
    public const int CacheFromUse = 2;

    // How many distinct phrases' uses are remembered before the count starts over.
    private const int MaxTracked = 16_384;

    private readonly ConcurrentDictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(object Core, string Phrase), Lazy<PhraseMatches>> _entries = new();
    private readonly ConcurrentDictionary<object, bool> _listening = new(ReferenceEqualityComparer.Instance);
    private readonly object _evictLock = new();
    private long _bytes;
    private long _clock;
    private int _tracked;

    public long BudgetBytes { get; } = budgetBytes;

    /// <summary>Segments with fewer documents are never cached.</summary>
    public int MinSegmentDocs { get; } = minSegmentDocs;

    /// <summary>The bytes held by cached matches now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>How many (segment, phrase) entries are held now.</summary>
    public int Count => _entries.Count;

    /// <summary>The entries filled and held now.</summary>
    internal IEnumerable<PhraseMatches> Held => _entries.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    /// <summary>Counts one search of a phrase; returns its number of searches so far (this one included).</summary>
    public int Use(string phrase)
    {
        var uses = _uses.AddOrUpdate(phrase, 1, (_, n) => n + 1);
        // Counted by hand: a ConcurrentDictionary's Count takes every lock, on every search.
        if (uses == 1 && Interlocked.Increment(ref _tracked) > MaxTracked)
        {
            Interlocked.Exchange(ref _tracked, 0);
            _uses.Clear();
        }
        return uses;
    }

    /// <summary>
    /// The phrase's matches in this segment, filled (once, whichever search asks first) by walking
    /// <paramref name="verify"/> over the whole segment; null when the segment cannot be watched for closing
    /// or the entry alone exceeds the budget.
    /// </summary>
    public PhraseMatches? Get(AtomicReader segment, string phrase, Func<Scorer> verify)
    {
        if (segment is not SegmentReader reader || reader.MaxDoc > BudgetBytes) return null;
        var core = reader.CoreCacheKey;
        if (_listening.TryAdd(core, true)) reader.AddCoreDisposedListener(new Forget(this));
        var key = (core, phrase);
        var lazy = _entries.GetOrAdd(key, _ => new Lazy<PhraseMatches>(() =>
        {
            // Counted as it is made: an entry is in the total exactly when its value exists.
            var filled = PhraseMatches.Fill(verify(), reader.MaxDoc);
            Interlocked.Add(ref _bytes, filled.Bytes);
            return filled;
        }));
        PhraseMatches matches;
        try
        {
            matches = lazy.Value;
        }
        catch
        {
            // A failed fill is not kept: the next search tries again.
            _entries.TryRemove(new KeyValuePair<(object, string), Lazy<PhraseMatches>>(key, lazy));
            throw;
        }
        matches.Touch(Interlocked.Increment(ref _clock));
        Evict();
        return matches;
    }

    /// <summary>Drops the least recently used entries until the bytes held are within the budget.</summary>
    private void Evict()
    {
        if (Bytes <= BudgetBytes) return;
        lock (_evictLock)
        {
            foreach (var (key, lazy) in _entries.Where(e => e.Value.IsValueCreated).OrderBy(e => e.Value.Value.LastUsed).ToList())
            {
                if (Bytes <= BudgetBytes) return;
                Remove(key, lazy);
            }
        }
    }

    private void Remove((object Core, string Phrase) key, Lazy<PhraseMatches> lazy)
    {
        if (!_entries.TryRemove(new KeyValuePair<(object, string), Lazy<PhraseMatches>>(key, lazy))) return;
        if (lazy.IsValueCreated) Interlocked.Add(ref _bytes, -lazy.Value.Bytes);
    }

    /// <summary>A closed segment core takes its entries with it.</summary>
    private sealed class Forget(PhraseMatchCache cache) : SegmentReader.ICoreDisposedListener
    {
        public void OnDispose(object ownerCoreCacheKey)
        {
            cache._listening.TryRemove(ownerCoreCacheKey, out _);
            foreach (var e in cache._entries.Where(e => ReferenceEquals(e.Key.Core, ownerCoreCacheKey)).ToList()) cache.Remove(e.Key, e.Value);
        }
    }
}

/// <summary>
/// One segment's matches of one phrase: per document its occurrences, capped at 255 with the larger counts
/// beside them. Dense (a byte per document of the segment, 0: no match) when matches are at least a fifth
/// of the segment, else sparse (the matching documents in order, and a byte each): whichever is smaller.
/// Read-only once filled, so searches share it; a reader keeps its own place (<see cref="CachedPhraseScorer"/>).
/// </summary>
internal sealed class PhraseMatches
{
    private readonly byte[] _freqs;
    private readonly int[]? _docs;
    private readonly Dictionary<int, int> _large;
    private long _lastUsed;

    private PhraseMatches(byte[] freqs, int[]? docs, Dictionary<int, int> large, int count)
    {
        _freqs = freqs;
        _docs = docs;
        _large = large;
        Count = count;
    }

    /// <summary>Documents that hold the phrase, deleted ones included.</summary>
    public int Count { get; }

    /// <summary>A byte per document of the segment; else <see cref="Docs"/> lists the matches.</summary>
    public bool Dense => _docs is null;

    /// <summary>Sparse: the matching documents in ascending order.</summary>
    public int[] Docs => _docs ?? [];

    public long Bytes => _freqs.Length + (_docs?.Length ?? 0) * 4L + _large.Count * 16L + 64;

    public long LastUsed => Interlocked.Read(ref _lastUsed);

    public void Touch(long clock) => Interlocked.Exchange(ref _lastUsed, clock);

    /// <summary>Dense: the phrase's occurrences in doc (0 when it does not hold it).</summary>
    public int Freq(int doc) => Occurrences(_freqs[doc], doc);

    /// <summary>Sparse: the occurrences in the i-th match.</summary>
    public int FreqAt(int i) => Occurrences(_freqs[i], _docs![i]);

    private int Occurrences(byte f, int doc) => f == byte.MaxValue ? _large[doc] : f;

    /// <summary>Dense: the first document at or after from that holds the phrase, or <see cref="DocIdSetIterator.NO_MORE_DOCS"/>.</summary>
    public int Next(int from)
    {
        if (from >= _freqs.Length) return DocIdSetIterator.NO_MORE_DOCS;
        var at = _freqs.AsSpan(from).IndexOfAnyExcept((byte)0);
        return at < 0 ? DocIdSetIterator.NO_MORE_DOCS : from + at;
    }

    /// <summary>Every match of a verifying scorer over the whole segment.</summary>
    public static PhraseMatches Fill(Scorer verify, int maxDoc)
    {
        var freqs = new byte[maxDoc];
        var large = new Dictionary<int, int>();
        var docs = new List<int>();
        for (var doc = verify.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = verify.NextDoc())
        {
            var f = verify.Freq;
            if (f >= byte.MaxValue) large[doc] = f;
            freqs[doc] = (byte)Math.Min(f, byte.MaxValue);
            docs.Add(doc);
        }
        if ((long)docs.Count * 5 >= maxDoc) return new PhraseMatches(freqs, null, large, docs.Count);
        return new PhraseMatches([.. docs.Select(d => freqs[d])], [.. docs], large, docs.Count);
    }
}

/// <summary>A gram phrase scored from its cached matches: the same documents, occurrences and scores as verifying it.</summary>
internal sealed class CachedPhraseScorer(Weight weight, PhraseMatches matches, IBits? acceptDocs, Similarity.SimScorer scorer) : PhraseScorer(weight)
{
    private int _doc = -1;

    // Sparse matches: the index of the current one.
    private int _at = -1;

    public override int DocID => _doc;

    public override int Freq => _doc is -1 or NO_MORE_DOCS ? 0 : matches.Dense ? matches.Freq(_doc) : matches.FreqAt(_at);

    public override float GetScore() => scorer.Score(_doc, Freq);

    public override long GetCost() => matches.Count;

    public override int NextDoc() => Advance(_doc + 1);

    public override int Advance(int target)
    {
        int doc;
        do
        {
            doc = matches.Dense ? matches.Next(target) : NextSparse(target);
            target = doc + 1;
        }
        while (doc != NO_MORE_DOCS && acceptDocs is not null && !acceptDocs.Get(doc));
        return _doc = doc;
    }

    /// <summary>The first sparse match at or after target, found by galloping from the current one.</summary>
    private int NextSparse(int target)
    {
        var docs = matches.Docs;
        var lo = _at + 1;
        if (lo >= docs.Length) return NO_MORE_DOCS;
        var step = 1;
        var hi = lo;
        while (hi < docs.Length && docs[hi] < target)
        {
            lo = hi + 1;
            hi += step;
            step <<= 1;
        }
        hi = Math.Min(hi, docs.Length - 1);
        var i = lo > hi ? lo : Array.BinarySearch(docs, lo, hi - lo + 1, target);
        if (i < 0) i = ~i;
        _at = i;
        return i < docs.Length ? docs[i] : NO_MORE_DOCS;
    }

    internal override float ScoreAt(int doc)
    {
        if (acceptDocs is not null && !acceptDocs.Get(doc)) return 0f;
        int f;
        if (matches.Dense) f = matches.Freq(doc);
        else
        {
            var i = Array.BinarySearch(matches.Docs, doc);
            f = i >= 0 ? matches.FreqAt(i) : 0;
        }
        return f > 0 ? scorer.Score(doc, f) : 0f;
    }
}

/// <summary>An index's searcher, carrying the index's <see cref="PhraseMatchCache"/> to the gram phrases it runs.</summary>
internal sealed class CachingSearcher(IndexReader reader, PhraseMatchCache phrases) : IndexSearcher(reader)
{
    public PhraseMatchCache Phrases { get; } = phrases;
}
