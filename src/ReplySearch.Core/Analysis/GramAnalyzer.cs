using Lucene.Net.Analysis;

namespace ReplySearch.Core.Analysis;

/// <summary>Folded text → unigrams + bigrams; see <see cref="GramTokenizer"/>.</summary>
public sealed class GramAnalyzer : Analyzer
{
    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new FoldingCharFilter(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new GramTokenizer(reader));
}
