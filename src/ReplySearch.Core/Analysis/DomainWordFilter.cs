using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// Merges neighbouring SmartCn tokens that together spell a lexicon word (专|精|特|新 → 专精特新), so
/// domain words and abbreviations rank and match as words. Only tokens that touch (no gap between
/// their offsets) merge, and the longest word wins. 提高|企业 never becomes 高企: the boundary is kept.
/// </summary>
public sealed class DomainWordFilter : TokenFilter
{
    private const int MaxTokens = 8;

    private readonly Lexicon _lexicon;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _posInc;
    private readonly List<(string Term, int Start, int End, int PosInc)> _ahead = new(MaxTokens);
    private bool _exhausted;

    public DomainWordFilter(TokenStream input, Lexicon lexicon) : base(input)
    {
        _lexicon = lexicon;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _posInc = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        while (!_exhausted && _ahead.Count < MaxTokens)
        {
            if (!m_input.IncrementToken())
            {
                _exhausted = true;
                break;
            }
            _ahead.Add((_term.ToString(), _offset.StartOffset, _offset.EndOffset, _posInc.PositionIncrement));
        }
        if (_ahead.Count == 0) return false;

        var take = 1;
        if (_lexicon.Words.Count > 0)
        {
            var word = _ahead[0].Term;
            for (var k = 1; k < _ahead.Count; k++)
            {
                if (_ahead[k].Start != _ahead[k - 1].End || _ahead[k].PosInc != 1) break;
                word += _ahead[k].Term;
                if (word.Length > _lexicon.MaxWordLength) break;
                if (_lexicon.Words.Contains(word)) take = k + 1;
            }
        }
        var first = _ahead[0];
        var last = _ahead[take - 1];
        ClearAttributes();
        if (take == 1) _term.SetEmpty().Append(first.Term);
        else _term.SetEmpty().Append(string.Concat(_ahead.Take(take).Select(t => t.Term)));
        _offset.SetOffset(first.Start, last.End);
        _posInc.PositionIncrement = first.PosInc;
        _ahead.RemoveRange(0, take);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _ahead.Clear();
        _exhausted = false;
    }
}
