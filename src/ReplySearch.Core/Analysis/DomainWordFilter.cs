using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// Merges neighbouring SmartCn tokens that together spell a lexicon word (专|精|特|新 → 专精特新), so
/// domain words and abbreviations rank and match as words. Only tokens that touch (no gap between their
/// offsets) merge, and the longest word wins. 提高|企业 never becomes 高企: the boundary is kept.
/// A token that starts no lexicon word passes straight through: the look-ahead, and its copying of token
/// states, happens only at the rare tokens that could begin a word.
/// </summary>
public sealed class DomainWordFilter : TokenFilter
{
    private readonly Lexicon _lexicon;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _posInc;
    private readonly Queue<State> _pending = new();
    private readonly List<(State State, int End, int Length)> _run = [];
    private char[] _buffer = new char[32];

    public DomainWordFilter(TokenStream input, Lexicon lexicon) : base(input)
    {
        _lexicon = lexicon;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _posInc = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending.Count > 0)
        {
            RestoreState(_pending.Dequeue());
            return true;
        }
        if (!m_input.IncrementToken()) return false;
        if (_lexicon.Words.Count == 0 || !_lexicon.PrefixLookup.Contains(_term.Buffer.AsSpan(0, _term.Length))) return true;

        // This token may begin a word: read on while the concatenation stays a prefix of one.
        _run.Clear();
        var length = Append(0);
        _run.Add((CaptureState(), _offset.EndOffset, length));
        var best = _lexicon.WordLookup.Contains(_buffer.AsSpan(0, length)) ? 1 : 0;
        State? overflow = null;
        while (m_input.IncrementToken())
        {
            var touches = _offset.StartOffset == _run[^1].End && _posInc.PositionIncrement == 1;
            var extended = touches ? Append(length) : -1;
            if (extended < 0 || !_lexicon.PrefixLookup.Contains(_buffer.AsSpan(0, extended)))
            {
                overflow = CaptureState();
                break;
            }
            length = extended;
            _run.Add((CaptureState(), _offset.EndOffset, length));
            if (_lexicon.WordLookup.Contains(_buffer.AsSpan(0, length))) best = _run.Count;
        }

        var first = _run[0].State;
        var from = 1;
        RestoreState(first);
        if (best > 1)
        {
            var start = _offset.StartOffset;
            _term.CopyBuffer(_buffer, 0, _run[best - 1].Length);
            _offset.SetOffset(start, _run[best - 1].End);
            from = best;
        }
        var merged = CaptureState();
        for (var i = from; i < _run.Count; i++) _pending.Enqueue(_run[i].State);
        if (overflow is not null) _pending.Enqueue(overflow);
        RestoreState(merged);
        return true;
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
        _pending.Clear();
        _run.Clear();
    }
}
