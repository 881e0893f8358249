using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using ReplySearch.Core.Analysis;

namespace ReplySearch.Core.Indexing;

/// <summary>
/// The body bigrams (<see cref="Schema.TextGrams"/>) of a run of replies, inverted by sorting instead of by
/// Lucene's in-memory postings. Lucene.Net hashes every token's UTF-8 bytes and appends its position to the
/// term's own slice of a byte pool: for a field of one token per character and hundreds of thousands of
/// distinct bigrams that is several cache misses a token, and it was half of a bulk build's CPU. Here a
/// bigram is two code points packed in a number, a token is one 64-bit word (term, reply, position)
/// appended in reply order, and a stable radix sort by term puts every term's postings in place.
/// <see cref="GramChunkReader"/> shows the result to Lucene as a segment of this one field; the terms,
/// positions and norms are exactly those <see cref="GramTokenizer"/> gives through Lucene (a test
/// compares both over the corpus). One instance per indexing thread.
/// </summary>
internal sealed class GramChunk
{
    // A token: term << 42 | reply << 28 | position. A reply is at most 20 MB, so positions fit in 28 bits.
    private const int PositionBits = 28, DocBits = 14, TermBits = 22;
    private const ulong PositionMask = (1UL << PositionBits) - 1, DocMask = (1UL << DocBits) - 1;

    /// <summary>Replies one chunk can hold.</summary>
    public const int MaxDocs = (1 << DocBits) - 1;

    private const int MaxTerms = 1 << TermBits;
    private const int RadixBits = 11, Radix = 1 << RadixBits;

    private readonly int _tokenLimit;
    private readonly Similarity _similarity;

    private ulong[] _tokens;
    private int _tokenCount;
    private readonly List<long> _norms = [];
    private int _docsWithTerms;

    // Term hash: packed bigram + 1 (0 = empty slot) → term id in first-seen order.
    private ulong[] _slotKeys = new ulong[1 << 16];
    private int[] _slotIds = new int[1 << 16];
    private ulong[] _termKeys = new ulong[1 << 14];
    private int _termCount;

    private char[] _text = new char[4096];
    private int[] _codePoints = new int[4096];

    /// <param name="tokenLimit">Bigrams after which the chunk reports <see cref="IsFull"/>; memory is 16 bytes each when sealed.</param>
    public GramChunk(Similarity similarity, int tokenLimit = 8 << 20)
    {
        _similarity = similarity;
        _tokenLimit = tokenLimit;
        _tokens = new ulong[Math.Min(tokenLimit, 1 << 20) + 1];
    }

    public int DocCount => _norms.Count;

    public int TokenCount => _tokenCount;

    /// <summary>Whether the chunk should be sealed before another reply is added.</summary>
    public bool IsFull => _norms.Count >= MaxDocs || _tokenCount >= _tokenLimit || _termCount >= MaxTerms / 2;

    /// <summary>Adds the next reply's body: its bigrams, at positions 0, 1, 2 …, and its norm.</summary>
    public void Add(string body)
    {
        if (_norms.Count >= MaxDocs) throw new InvalidOperationException("the chunk is full");
        var units = CodePoints(body);
        var doc = (ulong)_norms.Count;
        var bigrams = Math.Max(0, units - 1);
        EnsureTokens(_tokenCount + bigrams);
        var tokens = _tokens;
        var n = _tokenCount;
        var cps = _codePoints;
        for (var i = 0; i < bigrams; i++)
        {
            var term = TermId(((ulong)(uint)cps[i] << 21 | (uint)cps[i + 1]) + 1);
            tokens[n++] = (ulong)(uint)term << (PositionBits + DocBits) | doc << PositionBits | (uint)i;
        }
        _tokenCount = n;
        if (bigrams > 0) _docsWithTerms++;
        // The norm Lucene's inverter would write: one field value, every position increment 1.
        _norms.Add(_similarity.ComputeNorm(new FieldInvertState(Schema.TextGrams, bigrams, bigrams, 0, body.Length, 1f)));
    }

    /// <summary>
    /// The code points of the folded body that <see cref="GramTokenizer"/> keeps (white space and control
    /// characters dropped), into <see cref="_codePoints"/>; a lone surrogate stands as U+FFFD, as Lucene
    /// writes it in UTF-8. Returns their number.
    /// </summary>
    private int CodePoints(string body)
    {
        if (_text.Length < body.Length) _text = new char[BitOperations.RoundUpToPowerOf2((uint)body.Length)];
        if (_codePoints.Length < body.Length) _codePoints = new int[_text.Length];
        body.CopyTo(0, _text, 0, body.Length);
        CharFolding.Fold(_text, body.Length);
        var text = _text;
        var cps = _codePoints;
        var count = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c)) continue;
            if (!char.IsSurrogate(c)) cps[count++] = c;
            else if (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(text[i + 1])) cps[count++] = char.ConvertToUtf32(c, text[++i]);
            else cps[count++] = 0xFFFD;
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TermId(ulong key)
    {
        var mask = _slotKeys.Length - 1;
        var i = (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & mask;
        while (true)
        {
            var k = _slotKeys[i];
            if (k == key) return _slotIds[i];
            if (k == 0) return NewTerm(key, i);
            i = (i + 1) & mask;
        }
    }

    private int NewTerm(ulong key, int slot)
    {
        var id = _termCount++;
        if (id == _termKeys.Length) Array.Resize(ref _termKeys, _termKeys.Length * 2);
        _termKeys[id] = key;
        _slotKeys[slot] = key;
        _slotIds[slot] = id;
        if (_termCount * 2 > _slotKeys.Length) GrowHash();
        return id;
    }

    private void GrowHash()
    {
        var keys = new ulong[_slotKeys.Length * 2];
        var ids = new int[keys.Length];
        var mask = keys.Length - 1;
        for (var id = 0; id < _termCount; id++)
        {
            var key = _termKeys[id];
            var i = (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & mask;
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = key;
            ids[i] = id;
        }
        _slotKeys = keys;
        _slotIds = ids;
    }

    private void EnsureTokens(int count)
    {
        if (count <= _tokens.Length) return;
        Array.Resize(ref _tokens, (int)Math.Min(Array.MaxLength, Math.Max((long)count, (long)_tokens.Length * 2)));
    }

    /// <summary>
    /// Sorts the tokens by term (in UTF-8 order, the order of Lucene's term dictionary), keeping reply and
    /// position order within a term, and returns the chunk's postings. The chunk is empty afterwards.
    /// </summary>
    public SortedGrams Seal()
    {
        // Term ids become ranks in term order; the sort then needs only the rank's bits.
        var order = new int[_termCount];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = _termKeys.AsSpan(0, _termCount).ToArray();
        Array.Sort(keys, order);
        var rank = new int[_termCount];
        for (var r = 0; r < order.Length; r++) rank[order[r]] = r;

        var n = _tokenCount;
        var tokens = _tokens;
        const int shift = PositionBits + DocBits;
        const ulong low = (1UL << shift) - 1;
        var passes = _termCount <= Radix ? 1 : 2;
        var counts = new int[passes * Radix];
        for (var i = 0; i < n; i++)
        {
            var r = (ulong)rank[(int)(tokens[i] >> shift)];
            tokens[i] = r << shift | (tokens[i] & low);
            counts[(int)(r & (Radix - 1))]++;
            if (passes == 2) counts[Radix + (int)(r >> RadixBits)]++;
        }
        var from = tokens;
        var to = new ulong[n];
        for (var pass = 0; pass < passes; pass++)
        {
            var next = new int[Radix];
            for (int d = 0, sum = 0; d < Radix; d++)
            {
                next[d] = sum;
                sum += counts[pass * Radix + d];
            }
            var digitShift = shift + pass * RadixBits;
            for (var i = 0; i < n; i++)
            {
                var t = from[i];
                to[next[(int)(t >> digitShift) & (Radix - 1)]++] = t;
            }
            (from, to) = (to, from);
        }

        // Where each term's postings start, and the field's statistics.
        var starts = new int[_termCount + 1];
        long sumDocFreq = 0;
        for (int i = 0, term = -1; i < n; i++)
        {
            var t = (int)(from[i] >> shift);
            var doc = from[i] & (DocMask << PositionBits);
            if (t != term)
            {
                for (var k = term + 1; k <= t; k++) starts[k] = i;
                term = t;
                sumDocFreq++;
            }
            else if ((from[i - 1] & (DocMask << PositionBits)) != doc) sumDocFreq++;
        }
        for (var k = n == 0 ? 0 : (int)(from[n - 1] >> shift) + 1; k <= _termCount; k++) starts[k] = n;

        var result = new SortedGrams(keys, starts, from, n, _norms.ToArray(), sumDocFreq, _docsWithTerms);
        // The buffer that did not end up holding the result is kept for the next chunk.
        _tokens = ReferenceEquals(from, tokens) ? to : tokens;
        _tokenCount = 0;
        _norms.Clear();
        _docsWithTerms = 0;
        Array.Clear(_slotKeys);
        _termCount = 0;
        return result;
    }

    /// <summary>A sealed chunk: terms in order, and for each its tokens (reply, position) in order.</summary>
    internal sealed class SortedGrams(ulong[] termKeys, int[] starts, ulong[] tokens, int tokenCount, long[] norms, long sumDocFreq, int docsWithTerms)
    {
        public int TermCount => termKeys.Length;
        public int DocCount => norms.Length;
        public int DocsWithTerms => docsWithTerms;
        public long SumDocFreq => sumDocFreq;
        public long SumTotalTermFreq => tokenCount;
        public long Norm(int doc) => norms[doc];

        /// <summary>The term's postings: token indexes [Start, End).</summary>
        public (int Start, int End) Range(int ord) => (starts[ord], starts[ord + 1]);

        public int DocAt(int token) => (int)((tokens[token] >> PositionBits) & DocMask);

        public int PositionAt(int token) => (int)(tokens[token] & PositionMask);

        /// <summary>The term's UTF-8 bytes (two code points) into buffer; returns their length.</summary>
        public int TermBytes(int ord, byte[] buffer)
        {
            var key = termKeys[ord] - 1;
            var n = Utf8((int)(key >> 21), buffer, 0);
            return Utf8((int)(key & 0x1FFFFF), buffer, n);
        }

        private static int Utf8(int codePoint, byte[] buffer, int at)
        {
            var rune = new Rune(codePoint);
            return at + rune.EncodeToUtf8(buffer.AsSpan(at));
        }
    }
}
