namespace ReplySearch.Cli.Evaluation;

/// <summary>
/// A judged query file (queries.tsv): query, file, grade per line; 2 = what the user wants, 1 = related,
/// unlisted = 0. Lines starting with # are comments; the first line may be a header.
/// </summary>
public sealed record JudgedQuery(string Query, IReadOnlyDictionary<string, int> Grades)
{
    public static IReadOnlyList<JudgedQuery> Load(string path)
    {
        var byQuery = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var raw in File.ReadAllLines(path))
        {
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            var cols = raw.Split('\t');
            if (cols.Length < 3 || cols[0] == "query") continue;
            if (!int.TryParse(cols[2].Trim(), out var grade)) continue;
            if (!byQuery.TryGetValue(cols[0], out var grades))
            {
                byQuery[cols[0]] = grades = new Dictionary<string, int>(StringComparer.Ordinal);
                order.Add(cols[0]);
            }
            grades[cols[1].Trim()] = grade;
        }
        return order.Select(q => new JudgedQuery(q, byQuery[q])).ToList();
    }
}

/// <summary>Ranking measures over one ranked list.</summary>
public static class RankingMetrics
{
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        double Dcg(IEnumerable<int> gains) => gains.Take(k).Select((g, i) => (Math.Pow(2, g) - 1) / Math.Log2(i + 2)).Sum();
        var ideal = Dcg(grades.Values.OrderDescending());
        return ideal == 0 ? 0 : Dcg(ranked.Select(r => grades.GetValueOrDefault(r))) / ideal;
    }

    public static double PrecisionAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades) =>
        ranked.Take(k).Count(r => grades.GetValueOrDefault(r) > 0) / (double)k;

    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (grades.GetValueOrDefault(ranked[i]) > 0) return 1.0 / (i + 1);
        }
        return 0;
    }
}
