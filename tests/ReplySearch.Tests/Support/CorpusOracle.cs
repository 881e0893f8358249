using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Tests.Support;

/// <summary>
/// The corpus parsed straight from disk, with a brute-force substring scan: what the index must agree
/// with, computed without the index.
/// </summary>
public static class CorpusOracle
{
    private static readonly Lazy<IReadOnlyList<ReplyDocument>> All = new(() =>
        Directory.GetFiles(Repo.Corpus)
            .Where(f => CorpusIndexer.TextExtensions.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith("README"))
            .Select(f => ReplyReader.Read(f, Path.GetFileName(f)))
            .Where(r => r.Ok)
            .Select(r => r.Document!)
            .ToList());

    public static IReadOnlyList<ReplyDocument> Documents => All.Value;

    private static string Compact(string s) => new(CharFolding.Fold(s).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>Sources of the replies whose clean text contains the string (folded, white space ignored).</summary>
    public static HashSet<string> Containing(string s)
    {
        var needle = Compact(s);
        return Documents.Where(d => Compact(d.Text).Contains(needle, StringComparison.Ordinal)).Select(d => d.Source).ToHashSet();
    }
}
