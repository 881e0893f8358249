using Lucene.Net.Analysis.TokenAttributes;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: SmartCn's HHMMSegmenter.
// Proved equal by: SmartCnTokenizerTests (SmartCn itself as the oracle, tie for tie).

/// <summary>
/// SmartCn's hidden-Markov word segmentation (Lucene.Net.Analysis.Cn.Smart.Hhmm.HHMMSegmenter) computed
/// the same way over the same dictionaries, without its per-sentence dictionaries of lists, token objects,
/// per-pair arrays and hashing of every lookup: candidate words go into flat arrays that are reused from
/// sentence to sentence, a word pair's hash continues from its first word's, and the pair weight of a
/// word whose pairs are unknown is computed once. The words chosen are SmartCn's, tie for tie: a test
/// compares both over the corpus. Indexing is bound by this step, so it is worth the care.
/// One instance per thread (a tokenizer owns one).
/// </summary>
internal sealed class SmartCnSegmenter
{
    public enum Kind : byte { Word, String, Number, FullWidthString, FullWidthNumber, Delimiter, Begin, End }

    private const double Smooth = 0.1;
    private const double Tiny = 1.0 / SmartCnDictionaries.MaxFrequency;

    private static readonly string StringMark = "未##串", NumberMark = "未##数", BeginMark = "始##始", EndMark = "末##末";

    private readonly SmartCnDictionaries _dict = SmartCnDictionaries.Instance;
    private readonly int _stringFrequency, _numberFrequency, _beginFrequency, _endFrequency;

    // Candidate words of the current sentence, in SmartCn's node order: the begin mark, then by start
    // offset and, at one start, shortest first; the end mark last.
    private int _count;
    private int[] _start = new int[256], _end = new int[256], _freq = new int[256];
    private int[] _charsAt = new int[256], _charsLen = new int[256], _prev = new int[256];
    private Kind[] _kind = new Kind[256];
    private long[] _hash = new long[256];
    private double[] _best = new double[256];
    private char[] _chars = new char[1024];
    private int _charCount;
    private int[] _firstAt = new int[128];

    public SmartCnSegmenter()
    {
        _stringFrequency = _dict.Frequency(StringMark);
        _numberFrequency = _dict.Frequency(NumberMark);
        _beginFrequency = _dict.Frequency(BeginMark);
        _endFrequency = _dict.Frequency(EndMark);
    }

    /// <summary>A chosen word: its offsets in the sentence and its candidate node.</summary>
    public readonly record struct Word(int Start, int End, int Node);

    /// <summary>Segments one sentence into <paramref name="output"/>, words in order.</summary>
    public void Segment(ReadOnlySpan<char> sentence, List<Word> output)
    {
        BuildCandidates(sentence);
        FindBestPath(sentence.Length);

        // Walk back from the end mark; the path excludes the two marks.
        var from = output.Count;
        for (var node = _prev[_count - 1]; node > 0; node = _prev[node]) output.Add(new Word(_start[node], _end[node], node));
        output.Reverse(from, output.Count - from);
    }

    /// <summary>
    /// Writes a word's term, as SmartCn writes it: dictionary words as matched (spaces inside dropped),
    /// Latin lower-cased and full width made half, punctuation as ",". Valid until the next sentence.
    /// </summary>
    public void WriteTerm(ReadOnlySpan<char> sentence, Word word, ICharTermAttribute term)
    {
        var n = word.Node;
        switch (_kind[n])
        {
            case Kind.Word:
                term.CopyBuffer(_chars, _charsAt[n], _charsLen[n]);
                return;
            case Kind.Delimiter:
                term.SetEmpty().Append(',');
                return;
        }
        var source = sentence[word.Start..word.End];
        var buffer = term.ResizeBuffer(source.Length);
        source.CopyTo(buffer);
        term.Length = source.Length;
        if (_kind[n] == Kind.Number) return;
        var fullWidth = _kind[n] is Kind.FullWidthString or Kind.FullWidthNumber;
        for (var i = 0; i < source.Length; i++)
        {
            var c = buffer[i];
            if (fullWidth && c >= 0xFF10) c = (char)(c - 0xFEE0);
            if (c is >= 'A' and <= 'Z') c = (char)(c + 0x20);
            buffer[i] = c;
        }
    }

    private void BuildCandidates(ReadOnlySpan<char> s)
    {
        _count = 0;
        _charCount = 0;
        var length = s.Length;
        if (_firstAt.Length < length + 1) _firstAt = new int[Math.Max(length + 1, _firstAt.Length * 2)];
        _firstAt.AsSpan(0, length + 1).Fill(-1);

        Add(-1, 0, Kind.Begin, _beginFrequency, BeginMark);
        var i = 0;
        while (i < length)
        {
            var type = TypeOf(s[i]);
            switch (type)
            {
                case CharKind.Space:
                    i++;
                    break;
                case CharKind.Hanzi:
                    AddWordsAt(s, i);
                    i++;
                    break;
                case CharKind.Letter or CharKind.FullWidthLetter:
                    i = AddRun(s, i, CharKind.Letter, CharKind.FullWidthLetter, Kind.String, Kind.FullWidthString, _stringFrequency, StringMark);
                    break;
                case CharKind.Digit or CharKind.FullWidthDigit:
                    i = AddRun(s, i, CharKind.Digit, CharKind.FullWidthDigit, Kind.Number, Kind.FullWidthNumber, _numberFrequency, NumberMark);
                    break;
                case CharKind.Delimiter:
                    Add(i, i + 1, Kind.Delimiter, SmartCnDictionaries.MaxFrequency, s.Slice(i, 1));
                    i++;
                    break;
                default:
                    Add(i, i + 1, Kind.String, _stringFrequency, StringMark);
                    i++;
                    break;
            }
        }
        Add(length, length + 1, Kind.End, _endFrequency, EndMark);
    }

    /// <summary>A run of letters (or of digits), half or full width, as one candidate; returns where it ends.</summary>
    private int AddRun(ReadOnlySpan<char> s, int i, CharKind half, CharKind full, Kind kind, Kind fullWidthKind, int frequency, string mark)
    {
        var fullWidth = TypeOf(s[i]) == full;
        var j = i + 1;
        while (j < s.Length && TypeOf(s[j]) is var t && (t == half || t == full))
        {
            if (t == full) fullWidth = true;
            j++;
        }
        Add(i, j, fullWidth ? fullWidthKind : kind, frequency, mark);
        return j;
    }

    /// <summary>The character alone, then every dictionary word starting at <paramref name="i"/> (spaces inside skipped, as SmartCn does).</summary>
    private void AddWordsAt(ReadOnlySpan<char> s, int i)
    {
        var length = s.Length;
        var c = s[i];
        var node = _dict.Root(c);
        var charsAt = _charCount;
        AppendChar(c);
        Add(i, i + 1, Kind.Word, node < 0 ? 0 : Math.Max(0, _dict.WordFrequency(node)), charsAt, 1);
        if (node < 0) return;

        int depth = 0, j = i + 1;
        while (j <= length)
        {
            if (depth > 0 && _dict.WordFrequency(node) is var f and >= 0) Add(i, j, Kind.Word, f, charsAt, depth + 1);
            while (j < length && TypeOf(s[j]) == CharKind.Space) j++;
            if (j >= length || TypeOf(s[j]) != CharKind.Hanzi) break;
            node = _dict.Child(node, s[j]);
            if (node < 0) break;
            AppendChar(s[j]);
            depth++;
            j++;
        }
    }

    private void AppendChar(char c)
    {
        if (_charCount == _chars.Length) Array.Resize(ref _chars, _chars.Length * 2);
        _chars[_charCount++] = c;
    }

    private void Add(int start, int end, Kind kind, int frequency, ReadOnlySpan<char> hashChars)
    {
        var at = _charCount;
        foreach (var c in hashChars) AppendChar(c);
        Add(start, end, kind, frequency, at, hashChars.Length);
    }

    private void Add(int start, int end, Kind kind, int frequency, int charsAt, int charsLen)
    {
        if (_count == _start.Length) Grow();
        var n = _count++;
        _start[n] = start;
        _end[n] = end;
        _kind[n] = kind;
        _freq[n] = frequency;
        _charsAt[n] = charsAt;
        _charsLen[n] = charsLen;
        // A pair's hashes are those of "first@second": keep the state after "first@".
        var chars = _chars.AsSpan(charsAt, charsLen);
        _hash[n] = SmartCnDictionaries.PairHash.Continue(SmartCnDictionaries.PairHash.Continue(SmartCnDictionaries.PairHash.Seed, chars), '@');
        if (start >= 0 && _firstAt[start] < 0) _firstAt[start] = n;
    }

    private void Grow()
    {
        var size = _start.Length * 2;
        Array.Resize(ref _start, size);
        Array.Resize(ref _end, size);
        Array.Resize(ref _freq, size);
        Array.Resize(ref _charsAt, size);
        Array.Resize(ref _charsLen, size);
        Array.Resize(ref _prev, size);
        Array.Resize(ref _kind, size);
        Array.Resize(ref _hash, size);
        Array.Resize(ref _best, size);
    }

    /// <summary>
    /// Viterbi over word pairs: each candidate links to every candidate at the next start offset that has
    /// any; relaxing in node order with a strict "less" keeps SmartCn's choice among equal weights.
    /// </summary>
    private void FindBestPath(int length)
    {
        var best = _best;
        best.AsSpan(0, _count).Fill(double.MaxValue);
        best[0] = 0;
        for (var t1 = 0; t1 < _count - 1; t1++)
        {
            var next = _end[t1];
            while (next <= length && _firstAt[next] < 0) next++;
            if (next > length) continue;
            var oneWordFreq = (double)_freq[t1];
            var unknownPair = -1.0;
            var from = best[t1];
            var hash = _hash[t1];
            for (var t2 = _firstAt[next]; t2 < _count && _start[t2] == next; t2++)
            {
                var pairFreq = _dict.PairFrequency(SmartCnDictionaries.PairHash.Continue(hash, _chars.AsSpan(_charsAt[t2], _charsLen[t2])));
                double weight;
                if (pairFreq == 0)
                {
                    if (unknownPair < 0) unknownPair = Weight(oneWordFreq, 0);
                    weight = unknownPair;
                }
                else weight = Weight(oneWordFreq, pairFreq);
                var candidate = from + weight;
                if (candidate < best[t2])
                {
                    best[t2] = candidate;
                    _prev[t2] = t1;
                }
            }
        }
    }

    // SmartCn's smoothed pair weight, -log(a·P(w1) + (1-a)·P(w2|w1)), written as it writes it so the doubles agree.
    private static double Weight(double oneWordFreq, int pairFreq) =>
        -Math.Log(Smooth * (1.0 + oneWordFreq) / (SmartCnDictionaries.MaxFrequency + 0.0)
                  + (1.0 - Smooth) * ((1.0 - Tiny) * pairFreq / (1.0 + oneWordFreq) + Tiny));

    private enum CharKind : byte { Hanzi, Letter, Digit, Space, Delimiter, FullWidthLetter, FullWidthDigit, Other }

    // SmartCn's character classes (Utility.GetCharType).
    private static CharKind TypeOf(char ch)
    {
        if (ch >= 0x4E00 && ch <= 0x9FA5) return CharKind.Hanzi;
        if (ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z') return CharKind.Letter;
        if (ch is >= '0' and <= '9') return CharKind.Digit;
        if (ch is ' ' or '\t' or '\r' or '\n' or '\u3000') return CharKind.Space;
        if (ch is >= '\u0021' and <= '\u00BB' or >= '\u2010' and <= '\u2642' or >= '\u3001' and <= '\u301E') return CharKind.Delimiter;
        if (ch is >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A') return CharKind.FullWidthLetter;
        if (ch is >= '\uFF10' and <= '\uFF19') return CharKind.FullWidthDigit;
        if (ch is >= '\uFE30' and <= '\uFF63') return CharKind.Delimiter;
        return CharKind.Other;
    }
}
