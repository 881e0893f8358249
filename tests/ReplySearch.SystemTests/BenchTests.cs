using System.Security.Cryptography;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>The generator and the benchmark command, run for real on small inputs (no timing is asserted).</summary>
public class BenchTests
{
    private static string Digest(string dir) => Convert.ToHexString(SHA256.HashData(
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllBytes(f).Concat(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(dir, f)))).ToArray()));

    [Fact]
    public void Generate_is_deterministic_and_writes_parseable_replies_in_the_corpus_shapes()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliProcess.Invoke("generate", "--count", "40", "--seed", "5", "--out", dir.Combine("a"), "--from", Repo.Corpus).ExitCode);
        Assert.Equal(0, CliProcess.Invoke("generate", "--count", "40", "--seed", "5", "--out", dir.Combine("b"), "--from", Repo.Corpus).ExitCode);
        Assert.Equal(0, CliProcess.Invoke("generate", "--count", "40", "--seed", "6", "--out", dir.Combine("c"), "--from", Repo.Corpus).ExitCode);
        Assert.Equal(Digest(dir.Combine("a")), Digest(dir.Combine("b")));
        Assert.NotEqual(Digest(dir.Combine("a")), Digest(dir.Combine("c")));

        var files = Directory.GetFiles(dir.Combine("a"), "*", SearchOption.AllDirectories);
        Assert.Equal(40, files.Length);
        Assert.Contains(files, f => f.EndsWith(".md"));
        foreach (var f in files)
        {
            var r = ReplyReader.Read(f, Path.GetFileName(f));
            Assert.True(r.Ok, r.Error);
            var d = r.Document!;
            Assert.NotNull(d.Agency);
            Assert.NotNull(d.Date);
            Assert.True(d.Sections.Count(s => s.Heading is not null) >= 3, f);
            Assert.InRange(d.Text.Length, 800, 12_000);
            Assert.DoesNotContain("上一篇", d.Text);
        }
    }

    [Fact]
    public void Bench_json_has_the_contract_keys()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliProcess.Invoke("generate", "--count", "30", "--seed", "1", "--out", dir.Combine("corpus"), "--from", Repo.Corpus).ExitCode);
        var run = CliProcess.Invoke("bench", "--corpus", dir.Combine("corpus"), "--queries", Path.Combine(Repo.Cases, "bench-queries.txt"),
            "--seconds", "0.3", "--runs", "1", "--index-runs", "2", "--clients", "2", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var root = JsonDocument.Parse(run.Stdout).RootElement;
        var index = root.GetProperty("index");
        Assert.Equal(30, index.GetProperty("replies").GetInt32());
        Assert.Equal(2, index.GetProperty("runs").GetInt32());
        foreach (var key in new[] { "seconds", "repliesPerSecond", "mbPerSecond", "indexBytes", "peakWorkingSetBytes" }) Assert.True(index.GetProperty(key).GetDouble() > 0, key);
        var search = root.GetProperty("search").EnumerateArray().ToList();
        Assert.Equal([1, 2], search.Select(s => s.GetProperty("clients").GetInt32()));
        foreach (var s in search)
        {
            foreach (var key in new[] { "p50Ms", "p95Ms", "p99Ms", "qps" }) Assert.True(s.GetProperty(key).GetDouble() > 0, key);
        }
        Assert.True(root.GetProperty("startToFirstAnswerMs").GetDouble() > 0);
        // The reuse calls, each timed on every sampled reply.
        var reuse = root.GetProperty("reuse");
        Assert.Equal(30, reuse.GetProperty("replies").GetInt32());
        foreach (var call in new[] { "history", "paragraphs", "draft", "commitments" })
        {
            var figures = reuse.GetProperty(call);
            Assert.Equal(30, figures.GetProperty("calls").GetInt32());
            Assert.True(figures.GetProperty("p50Ms").GetDouble() > 0 && figures.GetProperty("p95Ms").GetDouble() >= figures.GetProperty("p50Ms").GetDouble(), call);
        }
        // The tail's sources: queries of the file, slowest first, each timed at least once.
        var queries = File.ReadAllLines(Path.Combine(Repo.Cases, "bench-queries.txt")).Select(l => l.Trim()).ToHashSet();
        var slowest = root.GetProperty("slowestQueries").EnumerateArray().ToList();
        Assert.InRange(slowest.Count, 1, 10);
        Assert.All(slowest, q => Assert.Contains(q.GetProperty("query").GetString()!, queries));
        Assert.All(slowest, q => Assert.True(q.GetProperty("samples").GetInt64() >= 1 && q.GetProperty("maxMs").GetDouble() >= q.GetProperty("medianMs").GetDouble()));
        var medians = slowest.Select(q => q.GetProperty("medianMs").GetDouble()).ToList();
        Assert.Equal(medians.OrderDescending(), medians);
        // The yardstick before and after: SmartCn on one thread (MB/s) and a dependent load in 64 MB (ns).
        foreach (var when in new[] { "before", "after" })
        {
            var speed = root.GetProperty("machine").GetProperty(when);
            Assert.InRange(speed.GetProperty("segmentMbPerSecond").GetDouble(), 0.1, 1000);
            Assert.InRange(speed.GetProperty("memoryLatencyNs").GetDouble(), 0.1, 10_000);
        }
    }

    [Fact]
    public void Bench_omit_field_builds_without_it_reports_it_and_marks_the_index_for_a_rebuild()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliProcess.Invoke("generate", "--count", "20", "--seed", "2", "--out", dir.Combine("corpus"), "--from", Repo.Corpus).ExitCode);
        var run = CliProcess.Invoke("bench", "--corpus", dir.Combine("corpus"), "--queries", Path.Combine(Repo.Cases, "bench-queries.txt"),
            "--index", dir.Combine("index"), "--omit-field", "text_grams", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var root = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(["text_grams"], root.GetProperty("index").GetProperty("omittedFields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(20, root.GetProperty("index").GetProperty("replies").GetInt32());
        Assert.Empty(root.GetProperty("search").EnumerateArray());

        int Terms(string field)
        {
            using var index = ReplyIndex.OpenForSearch(dir.Combine("index"));
            return index.WithSearcher(s => Lucene.Net.Index.MultiFields.GetTerms(s.IndexReader, field) is { } t ? (int)t.Count : 0);
        }
        Assert.Equal(0, Terms(Schema.TextGrams));
        Assert.True(Terms(Schema.TextWords) > 0);

        // The index says what it lacks, so that a normal run rebuilds it instead of serving it.
        var index = CliProcess.Invoke("index", "--corpus", dir.Combine("corpus"), "--index", dir.Combine("index"));
        Assert.True(index.ExitCode == 0, index.Stderr);
        Assert.True(Terms(Schema.TextGrams) > 0);
    }

    [Theory]
    [InlineData("agency")]
    [InlineData("text")]
    public void Bench_refuses_to_omit_a_field_that_is_not_a_body_field(string field)
    {
        using var dir = new TempDir();
        var run = CliProcess.Invoke("bench", "--corpus", Repo.Corpus, "--queries", Path.Combine(Repo.Cases, "bench-queries.txt"), "--omit-field", field);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'{field}'", run.Stderr);
        Assert.Throws<ArgumentException>(() => ReplyIndex.OpenWithout(dir.Combine("index"), new HashSet<string> { field }));
    }
}
