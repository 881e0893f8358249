using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ReplySearch.Core.Analysis;

/// <summary>Which grams a <see cref="GramTokenizer"/> emits.</summary>
[System.Flags]
public enum Grams
{
    Unigrams = 1,
    Bigrams = 2,
    Both = Unigrams | Bigrams,

    /// <summary>Each distinct character once (for a field that records only which characters occur).</summary>
    DistinctUnigrams = 4 | Unigrams,
}

/// <summary>
/// The substring fields' tokenizer. Every character that is not white space becomes a unigram, and every
/// pair of neighbouring characters a bigram at the same position (or only one of the two kinds). White space is skipped, so a space
/// that extraction put inside a number or name (第 20230006 号) does not break a match. A string of
/// length n ≥ 2 is then found exactly by a phrase of its bigrams, and a single character by its unigram:
/// substring recall is 100% whatever SmartCn made of the context. Letters, digits and punctuation are
/// grams too, so 3.5, 〔2023〕 and 156.58亿元 match exactly.
/// </summary>
public sealed class GramTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _posInc;
    private readonly Grams _grams;

    // Reused from field to field: a reply has a dozen short gram fields and one long one, and reading each
    // through ReadToEnd cost two 8 KB buffers a field, most of the indexing garbage.
    private char[] _text = new char[256];
    private int _length;
    private int[] _starts = new int[256];   // start offset of each code point kept
    private int _count;
    private int _index;
    private bool _bigramPending;
    private int _finalOffset;

    public GramTokenizer(TextReader input, Grams grams = Grams.Both) : base(input)
    {
        _grams = grams;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _posInc = AddAttribute<IPositionIncrementAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        _length = 0;
        int n;
        while ((n = m_input.Read(_text, _length, _text.Length - _length)) > 0)
        {
            _length += n;
            if (_length == _text.Length) Array.Resize(ref _text, _text.Length * 2);
        }
        // Folded here rather than by a char filter: the fold is one char for one char, so offsets stand.
        CharFolding.Fold(_text, _length);
        if (_starts.Length < _length) _starts = new int[Math.Max(_length, _starts.Length * 2)];
        _count = Units(_text.AsSpan(0, _length), _starts);
        if (_grams == Grams.DistinctUnigrams) _count = KeepFirstOccurrences();
        _index = 0;
        _bigramPending = false;
        _finalOffset = CorrectOffset(_length);
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_bigramPending)
        {
            // The bigram starting at _index, at the position of its first character.
            _bigramPending = false;
            var start = _starts[_index];
            var end = UnitEnd(_index + 1);
            var middle = _starts[_index + 1];
            var firstEnd = UnitEnd(_index);
            // Two code points, whatever lies between them (white space is skipped, not part of the gram).
            var term = _term.ResizeBuffer(firstEnd - start + end - middle);
            Array.Copy(_text, start, term, 0, firstEnd - start);
            Array.Copy(_text, middle, term, firstEnd - start, end - middle);
            _term.Length = firstEnd - start + end - middle;
            _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
            _posInc.PositionIncrement = _grams == Grams.Bigrams ? 1 : 0;
            _index++;
            return true;
        }
        if (_index >= _count) return false;
        if (_grams == Grams.Bigrams)
        {
            if (_index + 1 >= _count) return false;
            _bigramPending = true;
            return IncrementToken();
        }
        var s = _starts[_index];
        var e = UnitEnd(_index);
        _term.CopyBuffer(_text, s, e - s);
        _offset.SetOffset(CorrectOffset(s), CorrectOffset(e));
        _posInc.PositionIncrement = 1;
        if (_grams == Grams.Both && _index + 1 < _count) _bigramPending = true;
        else _index++;
        return true;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }

    // Generation stamps per BMP character: no clearing between fields. Characters outside the BMP are rare
    // enough for a set.
    private int[]? _seen;
    private int _generation;
    private HashSet<int>? _seenAstral;

    private int KeepFirstOccurrences()
    {
        _seen ??= new int[char.MaxValue + 1];
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_seen);
            _generation = 1;
        }
        _seenAstral?.Clear();
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            var at = _starts[i];
            var c = _text[at];
            bool first;
            if (char.IsHighSurrogate(c) && at + 1 < _length && char.IsLowSurrogate(_text[at + 1]))
            {
                first = (_seenAstral ??= []).Add(char.ConvertToUtf32(c, _text[at + 1]));
            }
            else
            {
                first = _seen[c] != _generation;
                _seen[c] = _generation;
            }
            if (first) _starts[kept++] = at;
        }
        return kept;
    }

    private int UnitEnd(int i) => _starts[i] + UnitLength(_text.AsSpan(0, _length), _starts[i]);

    /// <summary>A code point's length at start: two for a surrogate pair, else one (a lone surrogate stands alone).</summary>
    private static int UnitLength(ReadOnlySpan<char> text, int start) =>
        char.IsHighSurrogate(text[start]) && start + 1 < text.Length && char.IsLowSurrogate(text[start + 1]) ? 2 : 1;

    /// <summary>Start offsets of the code points that are not white space.</summary>
    internal static int[] Units(string text, out int count)
    {
        var starts = new int[text.Length];
        count = Units(text, starts);
        return starts;
    }

    /// <summary>Writes the start offsets of the code points that are not white space; returns their number.</summary>
    private static int Units(ReadOnlySpan<char> text, int[] starts)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c)) continue;
            starts[count++] = i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        }
        return count;
    }

    /// <summary>Whether a string is one character (one code point, not white space).</summary>
    public static bool IsOneCharacter(string s)
    {
        Units(s, out var n);
        return n == 1;
    }

    /// <summary>
    /// The grams a query string needs to be found exactly: its unigram when it is one code point, else a
    /// chain of bigrams that covers it, with their relative positions.
    /// </summary>
    public static IReadOnlyList<(string Term, int Position)> QueryGrams(string folded)
    {
        var starts = Units(folded, out var n);
        if (n == 0) return [];
        string Unit(int i) => folded.Substring(starts[i], UnitLength(folded, starts[i]));
        if (n == 1) return [(Unit(0), 0)];
        // Non-overlapping bigrams at 0, 2, 4 … plus the last one cover every character: half the terms
        // of the full chain, same exactness.
        var grams = new List<(string, int)>();
        for (var i = 0; i + 1 < n; i += 2) grams.Add((Unit(i) + Unit(i + 1), i));
        if (n % 2 == 1) grams.Add((Unit(n - 2) + Unit(n - 1), n - 2));
        return grams;
    }
}
