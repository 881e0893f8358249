using ReplySearch.Core.Model;
using BenchmarkDotNet.Attributes;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;

namespace ReplySearch.Benchmarks;

/// <summary>
/// What counting facets over every hit costs: the same match-all search, top 10 and snippets, with and
/// without facets, on an index of the corpus repeated to <see cref="Replies"/> replies (a temporary folder).
/// </summary>
[MemoryDiagnoser]
public class FacetBenchmarks
{
    private string _dir = "";
    private ReplyIndex _index = null!;
    private readonly SearchRequest _with = new() { Query = "", Size = 10 };
    private SearchRequest _without = null!;

    [Params(5_000)]
    public int Replies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "replysearch-benchmarks-" + Guid.NewGuid().ToString("N")[..8]);
        using (var writer = ReplyIndex.OpenForWrite(_dir))
        {
            for (var i = 0; i < Replies; i++)
            {
                var (id, doc) = Corpus.Replies[i % Corpus.Replies.Count];
                writer.Add($"{id}-{i}", "h", doc);
            }
            writer.MergeSegments();
            writer.Commit();
        }
        _index = ReplyIndex.OpenForSearch(_dir);
        _without = _with with { CountFacets = false };
        if (_index.Search(_with).Total != Replies) throw new InvalidOperationException("the index does not hold every reply");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _index.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "match all, no facets")]
    public int WithoutFacets() => _index.Search(_without).Total;

    [Benchmark(Description = "match all, facets over every hit")]
    public int WithFacets() => _index.Search(_with).Facets[FieldTable.Agency].Count;
}
