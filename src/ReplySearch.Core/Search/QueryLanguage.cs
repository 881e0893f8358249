using ReplySearch.Core.Model;
using System.Text;

namespace ReplySearch.Core.Search;

/// <summary>One thing the user asked for: a word or a "quoted phrase".</summary>
public sealed record QueryTerm(string Text, bool Quoted);

/// <summary>
/// The query as understood: groups that must all match (each group is words joined by OR), words that
/// must not match, and filters written inline (agency:…, year:2021..2023, delegate:…).
/// </summary>
public sealed record ParsedQuery
{
    public IReadOnlyList<IReadOnlyList<QueryTerm>> Groups { get; init; } = [];
    public IReadOnlyList<QueryTerm> Excluded { get; init; } = [];

    /// <summary>Filters written in the query (agency:潍坊), by field; a year is a valid year or range.</summary>
    public IReadOnlyDictionary<ReplyField, string> Filters { get; init; } = new Dictionary<ReplyField, string>();

    public IReadOnlyList<string> Notices { get; init; } = [];

    public bool IsEmpty => Groups.Count == 0 && Excluded.Count == 0;
}

/// <summary>
/// The query language for people. Words separated by spaces are ANDed; "quoted phrase"; -word excludes;
/// OR between words; a filter field's name or alias (<see cref="ReplyField.Aliases"/>: agency:…, year:2021..2023,
/// delegate:…, kind:…, type:…, section:…) filters. No input makes
/// it throw: unbalanced quotes close at the end, a lone - or OR is ignored, and length and term count are capped.
/// </summary>
public static class QueryLanguage
{
    public const int MaxLength = 1000;
    public const int MaxTerms = 32;
    public const int MaxTermLength = 64;

    private const string OpenQuotes = "\"“「『";
    private const string CloseQuotes = "\"”」』";

    /// <summary>Whether name: starts a filter (agency:, 年份: …) rather than text.</summary>
    public static bool IsFilterName(string name) => FieldTable.ByAlias(name) is not null;

    public static ParsedQuery Parse(string? input)
    {
        var notices = new List<string>();
        var text = Sanitize(input ?? "");
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
            notices.Add($"query cut to its first {MaxLength} characters");
        }

        var groups = new List<List<QueryTerm>>();
        var excluded = new List<QueryTerm>();
        var filters = new Dictionary<ReplyField, string>();
        var pendingOr = false;
        var termCount = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }

            var negated = false;
            // -word excludes; -6 is a number (1-6月 cut at the dash), not an exclusion.
            if (text[i] is '-' or '－' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && !char.IsDigit(text[i + 1]) && text[i + 1] is not ('-' or '－'))
            {
                negated = true;
                i++;
            }

            string value;
            bool quoted;
            if (OpenQuotes.Contains(text[i]))
            {
                (value, i) = ReadQuoted(text, i);
                quoted = true;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !OpenQuotes.Contains(text[i])) i++;
                value = text[start..i];
                quoted = false;

                if (!negated && (value == "OR" || value == "|"))
                {
                    pendingOr = groups.Count > 0;
                    continue;
                }
                var colon = value.IndexOfAny([':', '：']);
                if (colon > 0 && FieldTable.ByAlias(value[..colon]) is { } field)
                {
                    var v = value[(colon + 1)..];
                    if (v.Length == 0 && i < text.Length && OpenQuotes.Contains(text[i])) (v, i) = ReadQuoted(text, i);
                    if (v.Trim().Length > 0) filters[field] = v.Trim();
                    pendingOr = false;
                    continue;
                }
                if (value is "-" or "－") { continue; }
            }

            value = value.Trim();
            if (value.Length == 0) { pendingOr = false; continue; }
            if (value.Length > MaxTermLength)
            {
                value = value[..MaxTermLength];
                notices.Add($"a term was cut to {MaxTermLength} characters");
            }
            if (++termCount > MaxTerms)
            {
                if (termCount == MaxTerms + 1) notices.Add($"only the first {MaxTerms} terms are used");
                continue;
            }
            var term = new QueryTerm(value, quoted);
            if (negated)
            {
                excluded.Add(term);
            }
            else if (pendingOr)
            {
                groups[^1].Add(term);
            }
            else
            {
                groups.Add([term]);
            }
            pendingOr = false;
        }

        foreach (var (field, value) in filters.Where(f => f.Key.Filter == FilterMatch.YearRange).ToList())
        {
            if (YearRange.TryParse(value, out _)) continue;
            filters.Remove(field);
            notices.Add($"{field.Name}:{value} is not a year or range (2023 or 2021..2023) and was ignored");
        }
        return new ParsedQuery
        {
            Groups = groups,
            Excluded = excluded,
            Filters = filters,
            Notices = notices,
        };
    }

    private static (string Value, int Next) ReadQuoted(string text, int open)
    {
        var start = open + 1;
        var end = start;
        while (end < text.Length && !CloseQuotes.Contains(text[end])) end++;
        // An unbalanced quote runs to the end of the query.
        return (text[start..Math.Min(end, text.Length)], Math.Min(end + 1, text.Length));
    }

    // Control characters and lone surrogates carry nothing searchable and upset encoders downstream.
    private static string Sanitize(string s)
    {
        var sb = new StringBuilder(Math.Min(s.Length, MaxLength * 2));
        for (var i = 0; i < s.Length && sb.Length <= MaxLength * 2; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) continue;
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString();
    }
}
