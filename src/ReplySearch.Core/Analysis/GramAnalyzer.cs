using Lucene.Net.Analysis;

namespace ReplySearch.Core.Analysis;

/// <summary>Text → folded unigrams and/or bigrams; see <see cref="GramTokenizer"/>.</summary>
public sealed class GramAnalyzer(Grams grams = Grams.Both) : Analyzer
{
    // Values of one field (a title and its headings) are apart: no phrase may run from one into the next.
    public override int GetPositionIncrementGap(string fieldName) => 100;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new GramTokenizer(reader, grams));
}
