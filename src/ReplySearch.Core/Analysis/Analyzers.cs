using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// The one place analyzers come from: indexing, query building and highlighting all use these, so a
/// change of analysis cannot make the index and its queries disagree. An index owns one (its lexicon
/// decides which words SmartCn keeps whole), and everything that analyses for that index takes it from
/// there; nothing in the process holds a lexicon of its own.
/// </summary>
public sealed class Analyzers
{
    /// <summary>Unigrams + bigrams with positions: titles, headings, agencies, delegates. Stateless, so shared.</summary>
    public static readonly Analyzer Grams = new GramAnalyzer();

    /// <summary>The body's bigrams (<see cref="Schema.TextGrams"/>) and its characters (<see cref="Schema.TextChars"/>).</summary>
    public static readonly Analyzer TextBigrams = new GramAnalyzer(Analysis.Grams.Bigrams);
    public static readonly Analyzer TextChars = new GramAnalyzer(Analysis.Grams.DistinctUnigrams);

    private static readonly Analyzer BandTerms = new Lucene.Net.Analysis.Core.WhitespaceAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48);

    public Analyzers(Lexicon lexicon)
    {
        Lexicon = lexicon;
        Words = new WordAnalyzer(lexicon);
    }

    /// <summary>Analyzers over the lexicon beside the program (lexicon.txt): what an index uses unless given another.</summary>
    public static Analyzers LoadDefault() => new(Lexicon.LoadDefault());

    public Lexicon Lexicon { get; }

    /// <summary>SmartCn words plus the lexicon's words: the word fields and ranking.</summary>
    public Analyzer Words { get; }

    /// <summary>The index writer's analyzer: grams for *_grams fields, SmartCn words for the rest.</summary>
    public Analyzer ForIndex()
    {
        var fields = new Dictionary<string, Analyzer>
        {
            [Schema.TextGrams] = TextBigrams,
            [Schema.TextChars] = TextChars,
            [Schema.HeadGrams] = Grams,
            // Band terms arrive as one string, the terms between spaces (DocumentMapper).
            [Schema.ParagraphBands] = BandTerms,
        };
        foreach (var field in Model.FieldTable.All)
        {
            if (field.GramsField is { } grams) fields[grams] = Grams;
        }
        return new PerFieldAnalyzerWrapper(Words, fields);
    }

    /// <summary>The SmartCn words of a string (folded here), in order, with their positions.</summary>
    public IReadOnlyList<(string Term, int Position)> WordTokens(string text)
    {
        var result = new List<(string, int)>();
        using var ts = Words.GetTokenStream(Schema.TextWords, CharFolding.FoldWords(text));
        var term = ts.AddAttribute<ICharTermAttribute>();
        var posInc = ts.AddAttribute<IPositionIncrementAttribute>();
        ts.Reset();
        var pos = -1;
        while (ts.IncrementToken())
        {
            pos += posInc.PositionIncrement;
            result.Add((term.ToString(), pos));
        }
        ts.End();
        return result;
    }

    /// <summary>The SmartCn words of a string (folded here) with their offsets in it.</summary>
    public IEnumerable<(string Term, int Start, int End)> WordTokensWithOffsets(string text)
    {
        using var ts = Words.GetTokenStream(Schema.TextWords, CharFolding.FoldWords(text));
        var term = ts.AddAttribute<ICharTermAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        ts.Reset();
        var result = new List<(string, int, int)>();
        while (ts.IncrementToken()) result.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        ts.End();
        return result;
    }

    /// <summary>Loads SmartCn's dictionaries and the fold table now rather than on the first query.</summary>
    public void Warm()
    {
        CharFolding.Warm();
        _ = WordTokens("科技创新驱动高质量发展");
    }
}
