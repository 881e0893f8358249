using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Util;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// Folded text → SmartCn words, with the lexicon's domain words kept whole. Folding first means
/// traditional text is segmented as simplified, and full-width digits as digits. Punctuation is dropped
/// through SmartCn's own stop set; Porter stemming is left out because English words in replies are
/// names and acronyms.
/// </summary>
public sealed class WordAnalyzer(Lexicon lexicon) : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new FoldingCharFilter(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        TokenStream stream = new StopFilter(Version, tokenizer, SmartChineseAnalyzer.DefaultStopSet);
        stream = new DomainWordFilter(stream, lexicon);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
