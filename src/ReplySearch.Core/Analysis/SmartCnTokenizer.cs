using System.Globalization;
using ICU4N.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// SmartCn's tokenizer (HMMChineseTokenizer: ICU sentences, then each sentence segmented into words) with
/// <see cref="SmartCnSegmenter"/> doing the segmenting. Same terms, offsets and types as SmartCn's.
/// </summary>
public sealed class SmartCnTokenizer : SegmentingTokenizerBase
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly ITypeAttribute _type;
    private readonly SmartCnSegmenter _segmenter = new();
    private readonly List<(int Start, int End, string Term)> _words = [];
    private int _next;
    private int _sentenceOffset;

    public SmartCnTokenizer(TextReader reader)
        : base(reader, BreakIterator.GetSentenceInstance(CultureInfo.InvariantCulture))
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    protected override void SetNextSentence(int sentenceStart, int sentenceEnd)
    {
        _words.Clear();
        _next = 0;
        _sentenceOffset = m_offset + sentenceStart;
        _segmenter.Segment(m_buffer.AsSpan(sentenceStart, sentenceEnd - sentenceStart), _words);
    }

    protected override bool IncrementWord()
    {
        if (_next >= _words.Count) return false;
        var (start, end, term) = _words[_next++];
        ClearAttributes();
        _term.SetEmpty().Append(term);
        _offset.SetOffset(CorrectOffset(_sentenceOffset + start), CorrectOffset(_sentenceOffset + end));
        _type.Type = "word";
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _words.Clear();
        _next = 0;
    }
}
