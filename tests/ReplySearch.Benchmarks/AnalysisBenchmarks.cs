using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using ReplySearch.Core.Analysis;

namespace ReplySearch.Benchmarks;

/// <summary>
/// Analysing every body of the corpus once: the word field (SmartCn's segmentation recomputed, plus domain
/// words) against Lucene's SmartChineseAnalyzer, and the bigram field. Indexing time is mostly this.
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private readonly Analyzer _smartCn = new SmartChineseAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48);
    private readonly Analyzers _analyzers = Analyzers.LoadDefault();
    private string[] _bodies = [];

    [GlobalSetup]
    public void Setup()
    {
        _bodies = Corpus.Replies.Select(r => r.Doc.Text).ToArray();
        _analyzers.Warm();
    }

    [Benchmark(Baseline = true, Description = "Lucene SmartChineseAnalyzer")]
    public int PlainSmartCn() => Tokens(_smartCn);

    [Benchmark(Description = "word field (Analyzers.Words)")]
    public int Words() => Tokens(_analyzers.Words);

    [Benchmark(Description = "bigram field (Analyzers.TextBigrams)")]
    public int Bigrams() => Tokens(Analyzers.TextBigrams);

    private int Tokens(Analyzer analyzer)
    {
        var count = 0;
        foreach (var body in _bodies)
        {
            using var stream = analyzer.GetTokenStream("text", body);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken()) count += term.Length > 0 ? 1 : 0;
            stream.End();
        }
        return count;
    }
}
