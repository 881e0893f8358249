using System.Globalization;
using ICU4N.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: SmartCn's HMMChineseTokenizer.
// Proved equal by: SmartCnTokenizerTests.

/// <summary>
/// SmartCn's tokenizer (HMMChineseTokenizer: ICU sentences, then each sentence segmented into words) with
/// <see cref="SmartCnSegmenter"/> doing the segmenting. Same terms, offsets and types as SmartCn's.
/// </summary>
internal sealed class SmartCnTokenizer : SegmentingTokenizerBase
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly ITypeAttribute _type;
    private readonly SmartCnSegmenter _segmenter = new();
    private readonly List<SmartCnSegmenter.Word> _words = [];
    private int _next;
    private int _sentenceStart, _sentenceLength;

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
        _sentenceStart = sentenceStart;
        _sentenceLength = sentenceEnd - sentenceStart;
        _segmenter.Segment(m_buffer.AsSpan(sentenceStart, _sentenceLength), _words);
    }

    protected override bool IncrementWord()
    {
        if (_next >= _words.Count) return false;
        var word = _words[_next++];
        ClearAttributes();
        _segmenter.WriteTerm(m_buffer.AsSpan(_sentenceStart, _sentenceLength), word, _term);
        var at = m_offset + _sentenceStart;
        _offset.SetOffset(CorrectOffset(at + word.Start), CorrectOffset(at + word.End));
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
