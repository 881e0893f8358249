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
    }
}
