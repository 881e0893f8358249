using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Util;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// Folded text → SmartCn words. Folding first means traditional text is segmented as simplified, and
/// full-width digits as digits. Punctuation is dropped through SmartCn's own stop set; Porter stemming
/// is left out because English words in replies are names and acronyms.
/// </summary>
public sealed class WordAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new FoldingCharFilter(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        TokenStream stream = new StopFilter(Version, tokenizer, SmartChineseAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
