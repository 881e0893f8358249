using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Util;
using ReplySearch.Core.Engine;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// SmartCn words, with the lexicon's domain words kept whole. It expects text folded by
/// <see cref="CharFolding.FoldWords"/> (traditional segmented as simplified, full-width digits as digits):
/// <see cref="Analyzers"/> and the document mapper fold before analysis rather than through a char
/// filter, which cost SmartCn a sixth of its speed. Punctuation is dropped through SmartCn's own stop set;
/// Porter stemming is left out because English words in replies are names and acronyms.
/// </summary>
public sealed class WordAnalyzer(Lexicon lexicon) : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new SmartCnTokenizer(reader);
        TokenStream stream = new StopFilter(Version, tokenizer, SmartChineseAnalyzer.DefaultStopSet);
        stream = new DomainWordFilter(stream, lexicon);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
