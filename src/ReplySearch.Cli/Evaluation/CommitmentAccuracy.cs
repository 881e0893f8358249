using System.Security.Cryptography;
using System.Text;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;

namespace ReplySearch.Cli.Evaluation;

/// <summary>The commitment finder against hand labels: precision and recall over sentences, and how often a found deadline is the labelled one.</summary>
public sealed record CommitmentReport
{
    public int Replies { get; init; }
    public int Labelled { get; init; }
    public int Found { get; init; }
    public int Right { get; init; }

    /// <summary>Of the commitments both found and labelled, those whose deadline (or its absence) is the labelled one.</summary>
    public int DueRight { get; init; }

    public double Precision => Found == 0 ? 1 : Right / (double)Found;
    public double Recall => Labelled == 0 ? 1 : Right / (double)Labelled;
    public double DueAccuracy => Right == 0 ? 1 : DueRight / (double)Right;

    /// <summary>What went wrong, for reading: missed and extra sentences by id, wrong deadlines, labels no sentence has any more.</summary>
    public IReadOnlyList<string> Wrong { get; init; } = [];
}

/// <summary>
/// Reads a commitment label table and measures <see cref="CommitmentFinder"/> on the files it names. A line is
/// <c>file, sentence id, due, note</c>: the sentence id is the first 10 hex digits of SHA-256 over the sentence's
/// UTF-8 (a sentence as <see cref="CommitmentFinder.Sentences"/> cuts it), so the table holds no text of the
/// replies; due is yyyy-MM-dd or empty; a file with no commitment has one line with id <c>-</c>. A label whose id
/// no sentence of the parsed reply has is reported (the parser changed that text) and counts as missed.
/// </summary>
public static class CommitmentAccuracy
{
    public static string SentenceId(string sentence) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sentence)))[..10];

    public static CommitmentReport Run(string corpus, string tablePath)
    {
        var labels = File.ReadAllLines(tablePath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .GroupBy(c => c[0], StringComparer.Ordinal)
            .ToList();
        int labelled = 0, found = 0, right = 0, dueRight = 0;
        var wrong = new List<string>();
        foreach (var file in labels)
        {
            var expected = file.Where(c => c.Length > 1 && c[1] != "-")
                .ToDictionary(c => c[1], c => c.Length > 2 && c[2].Length > 0 ? c[2] : null, StringComparer.Ordinal);
            labelled += expected.Count;
            var read = ReplyReader.Read(Path.Combine(corpus, file.Key), file.Key);
            if (!read.Ok)
            {
                wrong.Add($"{file.Key}: not read ({read.Error})");
                continue;
            }
            var doc = read.Document;
            var sentences = doc.Sections
                .SelectMany(s => CommitmentFinder.Sentences(s.Text).Select(x => SentenceId(x.Text)))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var id in expected.Keys.Where(id => !sentences.Contains(id)))
                wrong.Add($"{file.Key} {id}: labelled, but no sentence of the parsed reply has this id (its text changed)");
            var got = doc.Commitments.GroupBy(c => SentenceId(c.Text)).ToDictionary(g => g.Key, g => g.First());
            found += got.Count;
            foreach (var (id, c) in got)
            {
                if (!expected.TryGetValue(id, out var due))
                {
                    wrong.Add($"{file.Key} {id}: found, not labelled");
                    continue;
                }
                right++;
                if (due == c.Due) dueRight++;
                else wrong.Add($"{file.Key} {id}: due {c.Due ?? "none"} ({c.DueText}), labelled {due ?? "none"}");
            }
            foreach (var id in expected.Keys.Where(id => sentences.Contains(id) && !got.ContainsKey(id)))
                wrong.Add($"{file.Key} {id}: labelled, not found");
        }
        return new CommitmentReport { Replies = labels.Count, Labelled = labelled, Found = found, Right = right, DueRight = dueRight, Wrong = wrong };
    }
}
