using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Benchmarks;

/// <summary>The bundled corpus, read once: the texts every benchmark works on.</summary>
public static class Corpus
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<(string Id, ReplyDocument Doc)> Replies { get; } = Read();

    private static List<(string, ReplyDocument)> Read() =>
        // The files the indexer reads from the corpus (README left out), in order.
        CorpusIndexer.Enumerate(Path.Combine(Root, "corpus"), [])
            .Order(StringComparer.Ordinal)
            .Select(f => (Source: Path.GetFileName(f), Read: ReplyReader.Read(f, Path.GetFileName(f))))
            .Where(r => r.Read.Ok)
            .Select(r => (DocumentMapper.IdFor(r.Source), r.Read.Document!))
            .ToList();

    /// <summary>The queries of the bench command's file.</summary>
    public static IReadOnlyList<string> Queries { get; } =
        File.ReadAllLines(Path.Combine(Root, "tests", "ReplySearch.Tests", "Cases", "bench-queries.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReplySearch.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ReplySearch.sln not found above " + AppContext.BaseDirectory);
    }
}
