using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// Merges neighbouring SmartCn tokens that together spell a lexicon word (专|精|特|新 → 专精特新), so
/// domain words and abbreviations rank and match as words. Only tokens that touch (no gap between their
/// offsets) merge, and the longest word wins. 提高|企业 never becomes 高企: the boundary is kept.
/// A token that starts no lexicon word passes straight through: the look-ahead, and its holding of
/// tokens, happens only at the tokens that could begin a word.
/// </summary>
public sealed class DomainWordFilter : TokenFilter
{
    /// <summary>A token held back while the filter looks ahead; its term lives in <see cref="_held"/>.</summary>
    private record struct Held(int TermAt, int TermLength, int Start, int End, int PositionIncrement, string Type, int Joined);

    private readonly Lexicon _lexicon;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _posInc;
    private readonly ITypeAttribute _type;

    // Held tokens are plain values, not captured states: capturing clones every attribute, and it
    // happened at every token that may begin a lexicon word (a sixth of indexing time).
    private Held[] _run = new Held[8];
    private int _runCount;
    private char[] _held = new char[64];
    private int _heldLength;
    private int _next, _last; // pending tokens: _run[_next.._last)
    private char[] _buffer = new char[32];

    public DomainWordFilter(TokenStream input, Lexicon lexicon) : base(input)
    {
        _lexicon = lexicon;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _posInc = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_next < _last)
        {
            Emit(_run[_next++]);
            return true;
        }
        if (!m_input.IncrementToken()) return false;
        if (_lexicon.Words.Count == 0 || !_lexicon.PrefixLookup.Contains(_term.Buffer.AsSpan(0, _term.Length))) return true;

        // This token may begin a word: read on while the concatenation stays a prefix of one.
        _runCount = 0;
        _heldLength = 0;
        var length = Append(0);
        Hold(length);
        var best = _lexicon.WordLookup.Contains(_buffer.AsSpan(0, length)) ? 1 : 0;
        while (m_input.IncrementToken())
        {
            var touches = _offset.StartOffset == _run[_runCount - 1].End && _posInc.PositionIncrement == 1;
            var extended = touches ? Append(length) : -1;
            if (extended < 0 || !_lexicon.PrefixLookup.Contains(_buffer.AsSpan(0, extended)))
            {
                Hold(-1); // the token after the run: passed on as it is
                break;
            }
            length = extended;
            Hold(length);
            if (_lexicon.WordLookup.Contains(_buffer.AsSpan(0, length))) best = _runCount;
        }

        var first = _run[0];
        Emit(first);
        _next = 1;
        if (best > 1)
        {
            _term.CopyBuffer(_buffer, 0, _run[best - 1].Joined);
            _offset.SetOffset(first.Start, _run[best - 1].End);
            _next = best;
        }
        _last = _runCount;
        return true;
    }

    /// <summary>Holds the current token; <paramref name="joined"/> is the run's length up to it in <see cref="_buffer"/>.</summary>
    private void Hold(int joined)
    {
        if (_runCount == _run.Length) Array.Resize(ref _run, _run.Length * 2);
        if (_heldLength + _term.Length > _held.Length) Array.Resize(ref _held, Math.Max(_held.Length * 2, _heldLength + _term.Length));
        Array.Copy(_term.Buffer, 0, _held, _heldLength, _term.Length);
        _run[_runCount++] = new Held(_heldLength, _term.Length, _offset.StartOffset, _offset.EndOffset, _posInc.PositionIncrement, _type.Type, joined);
        _heldLength += _term.Length;
    }

    private void Emit(in Held t)
    {
        ClearAttributes();
        _term.CopyBuffer(_held, t.TermAt, t.TermLength);
        _offset.SetOffset(t.Start, t.End);
        _posInc.PositionIncrement = t.PositionIncrement;
        _type.Type = t.Type;
    }

    /// <summary>Appends the current term to the buffer at length; the new length, or -1 when too long for any word.</summary>
    private int Append(int length)
    {
        var n = length + _term.Length;
        if (n > _lexicon.MaxWordLength) return -1;
        if (n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(n, _buffer.Length * 2));
        Array.Copy(_term.Buffer, 0, _buffer, length, _term.Length);
        return n;
    }

    public override void Reset()
    {
        base.Reset();
        _runCount = _next = _last = 0;
    }
}
