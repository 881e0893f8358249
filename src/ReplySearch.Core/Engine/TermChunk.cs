using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: Lucene's in-memory postings (TermsHash) for the body fields during a bulk build.
// Proved equal by: BulkLoaderTests.

/// <summary>
/// One body field of a run of replies, inverted by sorting instead of by Lucene's in-memory postings.
/// Lucene.Net hashes every token's UTF-8 bytes and appends its position to the term's own slice of a byte
/// pool: for the body fields, hundreds of thousands of distinct terms and a token or more per character,
/// that is several cache misses a token, and it was most of a bulk build's CPU. Here a token is one 64-bit
/// word (term, reply, position) appended in reply order, and a stable radix sort by term puts every term's
/// postings in place. <see cref="ChunkReader"/> shows the result to Lucene as a segment of this one field;
/// terms, positions, statistics and norms are exactly those Lucene's inverter writes for the same field
/// (a test compares both over the corpus). One instance per field and indexing thread.
/// </summary>
internal abstract class TermChunk
{
    // A token: term << 41 | reply << 28 | position. A reply is at most 20 MB, so positions fit in 28 bits,
    // and its distinct terms, added to a chunk that is not full, in the 23 bits left.
    private const int PositionBits = 28, DocBits = 13, TermShift = PositionBits + DocBits;
    private const ulong PositionMask = (1UL << PositionBits) - 1, DocMask = (1UL << DocBits) - 1;
    private const int RadixBits = 11, Radix = 1 << RadixBits;

    /// <summary>Replies one chunk can hold.</summary>
    public const int MaxDocs = (1 << DocBits) - 1;

    /// <summary>Distinct terms after which a chunk is full: the 23 bits of a term leave room for any reply after them.</summary>
    private const int MaxTerms = 1 << 20;

    private readonly Similarity _similarity;
    private readonly int _tokenLimit;
    private ulong[] _tokens;
    private int _tokenCount;
    // The sort's second buffer, kept from chunk to chunk (see Recycle): the buffers are the chunk's memory.
    private ulong[] _spare = [];
    private readonly List<long> _norms = [];
    private int _docsWithTerms;

    protected TermChunk(string field, IndexOptions options, Similarity similarity, int tokenLimit)
    {
        Field = field;
        Options = options;
        _similarity = similarity;
        _tokenLimit = tokenLimit;
        _tokens = new ulong[Math.Min(tokenLimit, 1 << 20)];
    }

    public string Field { get; }

    public IndexOptions Options { get; }

    /// <summary>Whether the chunk should be sealed before another reply is added.</summary>
    public bool IsFull => _norms.Count >= MaxDocs || _tokenCount >= _tokenLimit || TermCount >= MaxTerms;

    protected abstract int TermCount { get; }

    /// <summary>Adds the next reply's value of the field.</summary>
    public abstract void Add(string value);

    /// <summary>Appends a token of the reply being added (the replies added so far number it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Token(int term, int position)
    {
        if (_tokenCount == _tokens.Length) GrowTokens();
        _tokens[_tokenCount++] = (ulong)(uint)term << TermShift | (ulong)(uint)_norms.Count << PositionBits | (uint)position;
    }

    private void GrowTokens() => Array.Resize(ref _tokens, (int)Math.Min(Array.MaxLength, Math.Max(1 << 16, (long)_tokens.Length * 2)));

    /// <summary>Ends the reply: its norm, from the state Lucene's inverter would have reached.</summary>
    protected void EndDoc(int length, int overlaps, int position, int offset)
    {
        if (length > 0) _docsWithTerms++;
        _norms.Add(_similarity.ComputeNorm(new FieldInvertState(Field, position, length, overlaps, offset, 1f)));
    }

    /// <summary>Term ids in the order of Lucene's term dictionary (UTF-8 byte order).</summary>
    protected abstract int[] SortedTerms();

    /// <summary>A term's UTF-8 bytes, appended to <paramref name="output"/>.</summary>
    protected abstract void AppendUtf8(int term, List<byte> output);

    /// <summary>Clears the term dictionary for the next chunk.</summary>
    protected abstract void ClearTerms();

    /// <summary>
    /// Sorts the tokens by term, keeping reply and position order within a term, and returns the chunk's
    /// postings. The chunk is empty afterwards, its buffers kept for the next.
    /// </summary>
    public SortedPostings Seal()
    {
        var termCount = TermCount;
        var order = SortedTerms();
        var rank = new int[termCount];
        for (var r = 0; r < order.Length; r++) rank[order[r]] = r;
        var bytes = new List<byte>(termCount * 6);
        var termStarts = new int[termCount + 1];
        for (var r = 0; r < order.Length; r++)
        {
            termStarts[r] = bytes.Count;
            AppendUtf8(order[r], bytes);
        }
        termStarts[termCount] = bytes.Count;
        var termBytes = bytes.ToArray();
        // Lucene's terms writer silently breaks on a term out of order or repeated: refuse the chunk instead.
        for (var r = 1; r < termCount; r++)
        {
            var before = termBytes.AsSpan(termStarts[r - 1], termStarts[r] - termStarts[r - 1]);
            if (before.SequenceCompareTo(termBytes.AsSpan(termStarts[r], termStarts[r + 1] - termStarts[r])) >= 0)
            {
                throw new InvalidOperationException($"{Field}: term {r} is not after term {r - 1} ({Convert.ToHexString(before)})");
            }
        }

        // Term ids become ranks in term order; the stable sort then needs only the rank's bits.
        var n = _tokenCount;
        var tokens = _tokens;
        const ulong low = (1UL << TermShift) - 1;
        var passes = termCount <= Radix ? 1 : termCount <= Radix * Radix ? 2 : 3;
        var counts = new int[passes * Radix];
        for (var i = 0; i < n; i++)
        {
            var r = (ulong)rank[(int)(tokens[i] >> TermShift)];
            tokens[i] = r << TermShift | (tokens[i] & low);
            for (var pass = 0; pass < passes; pass++) counts[pass * Radix + (int)((r >> (pass * RadixBits)) & (Radix - 1))]++;
        }
        var from = tokens;
        var to = _spare.Length >= n ? _spare : new ulong[n];
        _spare = [];
        var next = new int[Radix];
        for (var pass = 0; pass < passes; pass++)
        {
            for (int d = 0, sum = 0; d < Radix; d++)
            {
                next[d] = sum;
                sum += counts[pass * Radix + d];
            }
            var shift = TermShift + pass * RadixBits;
            for (var i = 0; i < n; i++)
            {
                var t = from[i];
                to[next[(int)(t >> shift) & (Radix - 1)]++] = t;
            }
            (from, to) = (to, from);
        }

        // Where each term's postings start, and the field's statistics.
        var starts = new int[termCount + 1];
        long sumDocFreq = 0;
        for (var i = 0; i < n; i++)
        {
            var t = (int)(from[i] >> TermShift);
            if (i == 0 || (int)(from[i - 1] >> TermShift) != t)
            {
                starts[t] = i;
                sumDocFreq++;
            }
            else if (((from[i - 1] ^ from[i]) & (DocMask << PositionBits)) != 0) sumDocFreq++;
        }
        starts[termCount] = n;

        var result = new SortedPostings(Field, Options, termBytes, termStarts, starts, from, n, _norms.ToArray(), sumDocFreq, _docsWithTerms);
        // The buffer that does not hold the result takes the next chunk's tokens.
        _tokens = ReferenceEquals(from, tokens) ? to : tokens;
        if (_tokens.Length == 0) _tokens = new ulong[1 << 16];
        _tokenCount = 0;
        _norms.Clear();
        _docsWithTerms = 0;
        ClearTerms();
        return result;
    }

    /// <summary>Drops the buffers (the chunk is done with): they are the chunk's memory, hundreds of MB.</summary>
    public void Release()
    {
        _tokens = [];
        _spare = [];
        _tokenCount = 0;
        _norms.Clear();
        ClearTerms();
    }

    /// <summary>Takes back a sealed chunk's token buffer once Lucene has read it, as the next sort's second buffer.</summary>
    public void Recycle(SortedPostings postings)
    {
        if (postings.Tokens.Length > _spare.Length) _spare = postings.Tokens;
    }

    /// <summary>A sealed chunk: its terms in order, and for each its tokens (reply, position) in order.</summary>
    internal sealed class SortedPostings(string fieldName, IndexOptions options, byte[] termBytes, int[] termStarts, int[] starts,
        ulong[] tokens, int tokenCount, long[] norms, long sumDocFreq, int docsWithTerms)
    {
        public string Field => fieldName;
        public ulong[] Tokens => tokens;
        public IndexOptions Options => options;
        public int TermCount => starts.Length - 1;
        public int DocCount => norms.Length;
        public int DocsWithTerms => docsWithTerms;
        public long SumDocFreq => sumDocFreq;
        public long SumTotalTermFreq => tokenCount;
        public long Norm(int doc) => norms[doc];

        /// <summary>The term's postings: token indexes [Start, End).</summary>
        public (int Start, int End) Range(int ord) => (starts[ord], starts[ord + 1]);

        public int DocAt(int token) => (int)((tokens[token] >> PositionBits) & DocMask);

        public int PositionAt(int token) => (int)(tokens[token] & PositionMask);

        /// <summary>The term's UTF-8 bytes.</summary>
        public ReadOnlySpan<byte> Term(int ord) => termBytes.AsSpan(termStarts[ord], termStarts[ord + 1] - termStarts[ord]);
    }

    /// <summary>Stands for a lone surrogate c in the units of <see cref="CodePoints"/>, above every code point.</summary>
    protected const int LoneSurrogate = 0x110000;

    /// <summary>
    /// The units a gram field keeps (<see cref="GramTokenizer"/>): code points, white space and control
    /// characters dropped. A lone surrogate c is <see cref="LoneSurrogate"/> + c: its term is U+FFFD, as
    /// Lucene writes it in UTF-8, but the tokenizer tells lone surrogates apart.
    /// </summary>
    internal static int CodePoints(ReadOnlySpan<char> text, int[] output)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c)) continue;
            if (!char.IsSurrogate(c)) output[count++] = c;
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) output[count++] = char.ConvertToUtf32(c, text[++i]);
            else output[count++] = LoneSurrogate + c;
        }
        return count;
    }

    /// <summary>A unit's code point in a term.</summary>
    protected static uint TermCodePoint(int unit) => unit >= LoneSurrogate ? 0xFFFDu : (uint)unit;

    protected static void AppendCodePoint(int codePoint, List<byte> output)
    {
        Span<byte> buffer = stackalloc byte[4];
        var n = new Rune(codePoint).EncodeToUtf8(buffer);
        for (var i = 0; i < n; i++) output.Add(buffer[i]);
    }
}

/// <summary>
/// A body's folded code points as the gram tokenizer keeps them, computed once per reply for the chunks
/// that need them (bigrams and characters of one lane share one).
/// </summary>
internal sealed class FoldedUnits
{
    private char[] _text = new char[4096];
    private int[] _codePoints = new int[4096];
    private string? _last;
    private int _count;

    public ReadOnlySpan<int> Of(string value)
    {
        if (!ReferenceEquals(value, _last))
        {
            if (_text.Length < value.Length)
            {
                _text = new char[BitOperations.RoundUpToPowerOf2((uint)value.Length)];
                _codePoints = new int[_text.Length];
            }
            value.CopyTo(0, _text, 0, value.Length);
            // As the gram tokenizer folds: one char for one char.
            CharFolding.Fold(_text, value.Length);
            _count = TermChunk.CodePoints(_text.AsSpan(0, value.Length), _codePoints);
            _last = value;
        }
        return _codePoints.AsSpan(0, _count);
    }
}

/// <summary>Terms that are numbers (one or two code points): an open-addressed table from the number to the term id.</summary>
internal abstract class NumberTermChunk(string field, IndexOptions options, Similarity similarity, int tokenLimit, FoldedUnits units)
    : TermChunk(field, options, similarity, tokenLimit)
{
    private ulong[] _slotKeys = new ulong[1 << 16];   // key + 1; 0 = empty
    private int[] _slotIds = new int[1 << 16];
    private ulong[] _termKeys = new ulong[1 << 14];
    private int _termCount;

    protected override int TermCount => _termCount;

    /// <summary>The folded value's code points, as the gram tokenizer keeps them.</summary>
    protected ReadOnlySpan<int> FoldedCodePoints(string value) => units.Of(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected int TermId(ulong key)
    {
        key++;
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

    // Keys are code points (21 bits each, the first one high), so their numeric order is UTF-8 byte order.
    protected override int[] SortedTerms()
    {
        var order = new int[_termCount];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(_termKeys.AsSpan(0, _termCount).ToArray(), order);
        return order;
    }

    protected ulong KeyOf(int term) => _termKeys[term] - 1;

    protected override void ClearTerms()
    {
        Array.Clear(_slotKeys);
        _termCount = 0;
    }
}

/// <summary>The body bigrams (<see cref="Schema.TextGrams"/>): every pair of neighbouring code points, at positions 0, 1, 2 ….</summary>
internal sealed class BigramChunk(Similarity similarity, int tokenLimit, FoldedUnits units)
    : NumberTermChunk(Schema.TextGrams, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS, similarity, tokenLimit, units)
{
    public override void Add(string value)
    {
        var cps = FoldedCodePoints(value);
        var bigrams = Math.Max(0, cps.Length - 1);
        for (var i = 0; i < bigrams; i++) Token(TermId((ulong)TermCodePoint(cps[i]) << 21 | TermCodePoint(cps[i + 1])), i);
        EndDoc(bigrams, 0, bigrams, value.Length);
    }

    protected override void AppendUtf8(int term, List<byte> output)
    {
        var key = KeyOf(term);
        AppendCodePoint((int)(key >> 21), output);
        AppendCodePoint((int)(key & 0x1FFFFF), output);
    }
}

/// <summary>Which characters the body holds (<see cref="Schema.TextChars"/>): each distinct code point once, without positions.</summary>
internal sealed class CharChunk(Similarity similarity, int tokenLimit, FoldedUnits units)
    : NumberTermChunk(Schema.TextChars, IndexOptions.DOCS_ONLY, similarity, tokenLimit, units)
{
    // Generation stamps per term id: no clearing between replies.
    private int[] _seen = new int[1 << 14];
    private int _generation;
    private HashSet<int>? _loneSeen;

    public override void Add(string value)
    {
        var cps = FoldedCodePoints(value);
        _generation++;
        var length = 0;
        _loneSeen?.Clear();
        foreach (var cp in cps)
        {
            var term = TermId(TermCodePoint(cp));
            if (cp >= LoneSurrogate)
            {
                // Each lone surrogate once, as the tokenizer keeps them: all of them are the term U+FFFD.
                if (!(_loneSeen ??= []).Add(cp)) continue;
            }
            else
            {
                if (term >= _seen.Length) Array.Resize(ref _seen, Math.Max(term + 1, _seen.Length * 2));
                if (_seen[term] == _generation) continue;
                _seen[term] = _generation;
            }
            // The gram tokenizer gives each kept character position increment 1.
            Token(term, length++);
        }
        EndDoc(length, 0, length, value.Length);
    }

    protected override void AppendUtf8(int term, List<byte> output) => AppendCodePoint((int)KeyOf(term), output);

    protected override void ClearTerms()
    {
        base.ClearTerms();
        Array.Clear(_seen);
        _generation = 0;
    }
}

/// <summary>The body's SmartCn words (<see cref="Schema.TextWords"/>), from the word analyzer as the index writer runs it.</summary>
internal sealed class WordChunk : TermChunk
{
    // Lucene refuses a term longer than this in UTF-8.
    private const int MaxTermBytes = 32766;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _terms = [];

    private readonly Analyzer _words;

    /// <param name="words">The index's word analyzer, as its writer runs it.</param>
    public WordChunk(Similarity similarity, int tokenLimit, Analyzer words)
        : base(Schema.TextWords, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS, similarity, tokenLimit)
    {
        _words = words;
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    protected override int TermCount => _terms.Count;

    public override void Add(string value)
    {
        var folded = CharFolding.FoldWords(value);
        using var stream = _words.GetTokenStream(Field, folded);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        // Positions as Lucene's inverter counts them: the first token at its increment less one.
        int position = -1, length = 0, overlaps = 0;
        while (stream.IncrementToken())
        {
            var inc = increment.PositionIncrement;
            if (inc == 0) overlaps++;
            position += inc;
            ReadOnlySpan<char> chars = term.Buffer.AsSpan(0, term.Length);
            // Lucene writes a lone surrogate as U+FFFD: two words that differ only there are one term.
            if (chars.ContainsAnyInRange('\uD800', '\uDFFF')) chars = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(chars.ToString()));
            if (!_lookup.TryGetValue(chars, out var id))
            {
                var text = chars.ToString();
                if (Encoding.UTF8.GetByteCount(text) > MaxTermBytes) throw new ArgumentException($"a word of {text.Length} characters is longer than a term may be");
                id = _terms.Count;
                _terms.Add(text);
                _ids.Add(text, id);
            }
            Token(id, position);
            length++;
        }
        stream.End();
        var endPosition = position + 1 + increment.PositionIncrement;
        EndDoc(length, overlaps, endPosition, offset.EndOffset);
    }

    protected override int[] SortedTerms()
    {
        var utf8 = _terms.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        var order = Enumerable.Range(0, _terms.Count).ToArray();
        Array.Sort(order, (a, b) => utf8[a].AsSpan().SequenceCompareTo(utf8[b]));
        return order;
    }

    protected override void AppendUtf8(int term, List<byte> output) => output.AddRange(Encoding.UTF8.GetBytes(_terms[term]));

    protected override void ClearTerms()
    {
        _terms.Clear();
        _ids.Clear();
    }
}
