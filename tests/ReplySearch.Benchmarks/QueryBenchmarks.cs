using ReplySearch.Core.Analysis;
using BenchmarkDotNet.Attributes;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Benchmarks;

/// <summary>
/// The per-query work outside Lucene's scoring: building the Lucene query from the query language (every
/// query of the bench file), and highlighting a hit (snippets of the seed reply for 产学研, from its stored text).
/// </summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private ReplyDocument _seed = null!;
    private IReadOnlyList<Mark> _marks = [];
    private readonly Analyzers _analyzers = Analyzers.LoadDefault();

    [GlobalSetup]
    public void Setup()
    {
        _seed = Corpus.Replies.First(r => r.Doc.Source?.StartsWith("000_", StringComparison.Ordinal) == true).Doc;
        var query = "产学研";
        _marks = QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest { Query = query }, _analyzers).Marks;
        if (SnippetBuilder.Build(_seed, _marks, _analyzers).Count == 0) throw new InvalidOperationException("the seed reply has no snippet for 产学研");
    }

    [Benchmark(Description = "build every bench query")]
    public int BuildQueries()
    {
        var clauses = 0;
        foreach (var q in Corpus.Queries)
        {
            clauses += QueryBuilder.Build(QueryLanguage.Parse(q), new SearchRequest { Query = q }, _analyzers).Terms.Count;
        }
        return clauses;
    }

    [Benchmark(Description = "snippets of one hit")]
    public int Snippets() => SnippetBuilder.Build(_seed, _marks, _analyzers).Count;
}
