using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// The one place analyzers come from: indexing, query building and highlighting all use these, so a
/// change of analysis cannot make the index and its queries disagree.
/// </summary>
public static class AnalyzerFactory
{
    private static readonly object Gate = new();
    private static Lexicon? _lexicon;
    private static Analyzer? _words;

    /// <summary>Unigrams + bigrams with positions: titles, headings, agencies, delegates.</summary>
    public static readonly Analyzer Grams = new GramAnalyzer();

    /// <summary>The body's bigrams (<see cref="Schema.TextGrams"/>) and its characters (<see cref="Schema.TextChars"/>).</summary>
    public static readonly Analyzer TextBigrams = new GramAnalyzer(Analysis.Grams.Bigrams);
    public static readonly Analyzer TextChars = new GramAnalyzer(Analysis.Grams.DistinctUnigrams);

    /// <summary>The lexicon in use: lexicon.txt beside the program unless <see cref="Configure"/> chose another.</summary>
    public static Lexicon Lexicon
    {
        get
        {
            if (_lexicon is null) lock (Gate) _lexicon ??= Lexicon.LoadDefault();
            return _lexicon;
        }
    }

    public static Analyzer Words
    {
        get
        {
            if (_words is null) lock (Gate) _words ??= new WordAnalyzer(Lexicon);
            return _words;
        }
    }

    /// <summary>Chooses the lexicon; call at start, before anything is analysed.</summary>
    public static void Configure(Lexicon lexicon)
    {
        lock (Gate)
        {
            _lexicon = lexicon;
            _words = new WordAnalyzer(lexicon);
        }
    }

    /// <summary>The index writer's analyzer: grams for *_grams fields, SmartCn words for the rest.</summary>
    public static Analyzer ForIndex()
    {
        var fields = new Dictionary<string, Analyzer>
        {
            [Schema.TextGrams] = TextBigrams,
            [Schema.TextChars] = TextChars,
            [Schema.HeadGrams] = Grams,
        };
        foreach (var field in Model.FieldTable.All)
        {
            if (field.GramsField is { } grams) fields[grams] = Grams;
        }
        return new PerFieldAnalyzerWrapper(Words, fields);
    }

    /// <summary>The SmartCn words of a string (folded here), in order, with their positions.</summary>
    public static IReadOnlyList<(string Term, int Position)> WordTokens(string text)
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
    public static IEnumerable<(string Term, int Start, int End)> WordTokensWithOffsets(string text)
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
    public static void Warm()
    {
        CharFolding.Warm();
        _ = WordTokens("科技创新驱动高质量发展");
    }
}
