using ReplySearch.Cli.Evaluation;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// The quality targets, measured by the same evaluator as `replysearch eval` on the bundled corpus.
/// Latency is not asserted here (timing lives in the eval command and the benchmark, not in tests).
/// </summary>
public class EvalTests
{
    private static readonly Lazy<EvalReport> Report = new(() =>
    {
        using var dir = new TempDir();
        return Evaluator.Run(Repo.Corpus, Path.Combine(Repo.Cases, "queries.tsv"), dir.Path, new Evaluator.Options(LatencyRounds: 1));
    });

    [Fact]
    public void Substring_recall_over_two_thousand_sampled_strings_is_total()
    {
        var r = Report.Value.ReplySearch;
        Assert.True(r.SubstringCases >= 2000);
        Assert.True(r.SubstringRecall == 1.0, string.Join("\n", r.Failures));
    }

    [Fact]
    public void Quoted_queries_are_exact()
    {
        var r = Report.Value.ReplySearch;
        Assert.True(r.QuotedCases >= 300);
        Assert.Equal(1.0, r.QuotedPrecision);
        Assert.Equal(1.0, r.QuotedRecall);
    }

    [Fact]
    public void Every_typed_variant_finds_its_reply()
    {
        var r = Report.Value.ReplySearch;
        Assert.True(r.VariantCases >= 500);
        Assert.True(r.VariantRecall == 1.0, string.Join("\n", r.Failures));
    }

    [Fact]
    public void Ranking_over_the_judged_queries_reaches_the_target()
    {
        var r = Report.Value.ReplySearch;
        Assert.True(r.JudgedQueries >= 50);
        Assert.True(r.Ndcg10 >= 0.9, $"nDCG@10 {r.Ndcg10:F3}");
    }

    [Fact]
    public void The_plain_smartcn_baseline_misses_what_replysearch_finds()
    {
        var plain = Report.Value.Plain!;
        Assert.True(plain.SubstringRecall < Report.Value.ReplySearch.SubstringRecall);
        Assert.True(plain.Ndcg10 < Report.Value.ReplySearch.Ndcg10);
    }
}
