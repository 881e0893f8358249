using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Cli.Evaluation;

/// <summary>How often the parser got one field right over the replies whose value for it is known.</summary>
public sealed record FieldScore(string Field, int Right, int Scored)
{
    public double Accuracy => Scored == 0 ? 1 : Right / (double)Scored;
}

/// <summary>The parser measured against a hand-written table of expected fields.</summary>
public sealed record FieldReport
{
    public required IReadOnlyList<FieldScore> Fields { get; init; }

    /// <summary>Files of the table the reader refused (path: reason): each one a reply lost to search.</summary>
    public required IReadOnlyList<string> Rejected { get; init; }

    /// <summary>The first wrong values, for reading: file, field, expected, got.</summary>
    public required IReadOnlyList<string> Wrong { get; init; }

    public int Replies { get; init; }
}

/// <summary>
/// Reads each file named by an expected-fields table (file, then one column per field) and compares the
/// parser's values with the table's. Table cells: a value; empty when the reply does not state the field
/// (the parser must then leave it empty rather than guess); ? when it is not scored. Values compare after
/// folding (script, width), so a traditional-script reply is right when its simplified value is.
/// </summary>
public static class FieldAccuracy
{
    /// <summary>The fields the table may hold, by their <c>parse --json</c> names, and how each is read.</summary>
    private static readonly IReadOnlyDictionary<string, Func<ReplyDocument, string>> Readers =
        new Dictionary<string, Func<ReplyDocument, string>>
        {
            ["agency"] = d => d.Agency ?? "",
            ["year"] = d => d.Year?.ToString() ?? "",
            ["date"] = d => d.Date ?? "",
            ["kind"] = d => d.Kind,
            ["proposalNumber"] = d => d.ProposalNumber ?? "",
            ["delegates"] = d => string.Join("、", d.Delegates),
            ["handlingRole"] = d => d.HandlingRole,
            ["docNumber"] = d => d.DocNumberNormalized ?? "",
            ["session"] = d => d.Session ?? "",
        };

    public static FieldReport Run(string corpus, string tablePath)
    {
        var lines = File.ReadAllLines(tablePath).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count == 0) throw new InvalidDataException($"{tablePath}: no header line");
        var header = lines[0].Split('\t');
        if (header[0] != "file") throw new InvalidDataException($"{tablePath}: the first column must be 'file'");
        foreach (var column in header.Skip(1))
        {
            if (!Readers.ContainsKey(column)) throw new InvalidDataException($"{tablePath}: unknown field column '{column}' (known: {string.Join(", ", Readers.Keys)})");
        }

        var right = new int[header.Length];
        var scored = new int[header.Length];
        var rejected = new List<string>();
        var wrong = new List<string>();
        var replies = 0;
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split('\t');
            var file = cells[0];
            var read = ReplyReader.Read(Path.Combine(corpus, file), file);
            replies++;
            if (!read.Ok) rejected.Add($"{file}: {read.Error}");
            for (var c = 1; c < header.Length; c++)
            {
                var expected = c < cells.Length ? cells[c].Trim() : "";
                if (expected == "?") continue;
                scored[c]++;
                var got = read.Ok ? Readers[header[c]](read.Document) : "";
                if (Same(expected, got)) right[c]++;
                else if (wrong.Count < 200) wrong.Add($"{file} {header[c]}: expected '{expected}', got '{got}'");
            }
        }
        return new FieldReport
        {
            Fields = [.. header.Skip(1).Select((f, i) => new FieldScore(f, right[i + 1], scored[i + 1]))],
            Rejected = rejected,
            Wrong = wrong,
            Replies = replies,
        };
    }

    private static bool Same(string expected, string got) =>
        string.Equals(CharFolding.Fold(expected).Replace(" ", ""), CharFolding.Fold(got).Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
}
