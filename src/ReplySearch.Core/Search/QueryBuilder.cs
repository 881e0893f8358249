using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>A Lucene query and the strings a snippet must mark for it.</summary>
public sealed record BuiltQuery(Query Query, IReadOnlyList<string> Marks, bool HasText);

/// <summary>
/// Turns a parsed query and the request's filters into Lucene queries. Each term must occur as a
/// substring (a phrase over the gram field: exact, whatever SmartCn did in context); SmartCn word,
/// title and heading matches only add score, so they rank without changing what matches.
/// </summary>
public static class QueryBuilder
{
    // Longer unquoted input reads as words to find, not a string to find verbatim.
    internal const int ExactLength = 6;

    private const float WordBoost = 1.5f;
    private const float TitleBoost = 2.0f;
    private const float HeadingBoost = 1.5f;

    public static BuiltQuery Build(ParsedQuery parsed, SearchRequest request)
    {
        var marks = new List<string>();
        var main = new BooleanQuery();
        var hasText = false;
        foreach (var group in parsed.Groups)
        {
            var alternatives = new BooleanQuery();
            foreach (var term in group)
            {
                if (TermQuery(term, marks) is { } q) alternatives.Add(q, Occur.SHOULD);
            }
            if (alternatives.Clauses.Count == 0) continue;
            main.Add(alternatives.Clauses.Count == 1 ? alternatives.Clauses[0].Query : alternatives, Occur.MUST);
            hasText = true;
        }
        if (!hasText) main.Add(new MatchAllDocsQuery(), Occur.MUST);
        foreach (var term in parsed.Excluded)
        {
            if (Core(term) is { } q) main.Add(q, Occur.MUST_NOT);
        }

        foreach (var filter in Filters(parsed, request))
        {
            main.Add(new ConstantScoreQuery(filter) { Boost = 0f }, Occur.MUST);
        }
        return new BuiltQuery(main, marks.Distinct().ToList(), hasText);
    }

    private static IEnumerable<Query> Filters(ParsedQuery p, SearchRequest r)
    {
        foreach (var agency in new[] { r.Agency, p.Agency })
        {
            if (Contains(Schema.AgencyGrams, agency) is { } q) yield return q;
        }
        foreach (var d in new[] { r.Delegate, p.Delegate })
        {
            if (Contains(Schema.DelegateGrams, d) is { } q) yield return q;
        }
        foreach (var s in new[] { r.Section, p.Section })
        {
            if (Contains(Schema.HeadingGrams, s) is { } q) yield return q;
        }
        foreach (var y in new[] { r.Year, p.Year })
        {
            if (y is { } range) yield return NumericRangeQuery.NewInt32Range(Schema.Year, range.From, range.To, true, true);
        }
        foreach (var k in new[] { r.Kind, p.Kind })
        {
            if (!string.IsNullOrWhiteSpace(k)) yield return new TermQuery(new Term(Schema.Kind, KindValue(k.Trim())));
        }
        foreach (var t in new[] { r.HandlingType, p.HandlingType })
        {
            if (!string.IsNullOrWhiteSpace(t)) yield return new TermQuery(new Term(Schema.HandlingType, CharFolding.Fold(t.Trim()).ToUpperInvariant()));
        }
    }

    /// <summary>建议 and 提案 are accepted for the kinds' full names.</summary>
    private static string KindValue(string k) => k switch
    {
        "建议" or "人大" or "suggestion" => Model.ReplyKinds.Suggestion,
        "提案" or "政协" or "proposal" => Model.ReplyKinds.Proposal,
        "other" => Model.ReplyKinds.Other,
        _ => k,
    };

    private static Query? Contains(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : GramPhrase(field, Folded(value));

    /// <summary>The query for one term: the substring core plus the score-only clauses.</summary>
    private static Query? TermQuery(QueryTerm term, List<string> marks)
    {
        var folded = Folded(term.Text);
        var core = Core(term, marks);
        if (core is null) return null;
        var q = new BooleanQuery { { core, Occur.MUST } };
        if (WordsPhrase(Schema.TextWords, folded) is { } words) { words.Boost = WordBoost; q.Add(words, Occur.SHOULD); }
        if (GramPhrase(Schema.TitleGrams, folded) is { } title) { title.Boost = TitleBoost; q.Add(title, Occur.SHOULD); }
        if (GramPhrase(Schema.HeadingGrams, folded) is { } heading) { heading.Boost = HeadingBoost; q.Add(heading, Occur.SHOULD); }
        return q;
    }

    /// <summary>What decides whether a reply matches a term.</summary>
    private static Query? Core(QueryTerm term, List<string>? marks = null)
    {
        var folded = Folded(term.Text);
        if (folded.Length == 0) return null;
        if (term.Quoted || CodePoints(folded) <= ExactLength)
        {
            marks?.Add(folded);
            return GramPhrase(Schema.TextGrams, folded);
        }
        // A long unquoted term: every SmartCn chunk of it must occur; the verbatim string scores extra.
        var chunks = Chunks(folded);
        if (chunks.Count <= 1)
        {
            marks?.Add(folded);
            return GramPhrase(Schema.TextGrams, folded);
        }
        var all = new BooleanQuery();
        foreach (var c in chunks)
        {
            if (GramPhrase(Schema.TextGrams, c) is { } q) all.Add(q, Occur.MUST);
            marks?.Add(c);
        }
        marks?.Add(folded);
        if (GramPhrase(Schema.TextGrams, folded) is { } exact)
        {
            exact.Boost = 2f;
            all.Add(exact, Occur.SHOULD);
        }
        return all;
    }

    private static int CodePoints(string s)
    {
        GramTokenizer.Units(s, out var n);
        return n;
    }

    /// <summary>Folded text without white space: what the gram field sees.</summary>
    internal static string Folded(string text) =>
        new(CharFolding.Fold(text).Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());

    /// <summary>Splits a long string into substrings of SmartCn words, each at least two characters.</summary>
    internal static List<string> Chunks(string folded)
    {
        var chunks = new List<string>();
        var current = "";
        var cursor = 0;
        foreach (var (term, _) in AnalyzerFactory.WordTokens(folded))
        {
            var at = folded.IndexOf(term, cursor, StringComparison.Ordinal);
            if (at < 0) continue;
            var adjacent = at == cursor;
            cursor = at + term.Length;
            if (current.Length > 0 && current.Length < 2 && adjacent)
            {
                current += term;
                continue;
            }
            if (current.Length >= 2) chunks.Add(current);
            current = term;
        }
        if (current.Length >= 2) chunks.Add(current);
        else if (current.Length == 1 && chunks.Count > 0 && folded.EndsWith(chunks[^1] + current, StringComparison.Ordinal)) chunks[^1] += current;
        return chunks;
    }

    /// <summary>An exact substring query over a gram field; null when the text has nothing to search.</summary>
    internal static Query? GramPhrase(string field, string folded)
    {
        var grams = GramTokenizer.QueryGrams(folded);
        if (grams.Count == 0) return null;
        if (grams.Count == 1) return new TermQuery(new Term(field, grams[0].Term));
        var phrase = new PhraseQuery();
        foreach (var (gram, position) in grams) phrase.Add(new Term(field, gram), position);
        return phrase;
    }

    private static Query? WordsPhrase(string field, string folded)
    {
        var tokens = AnalyzerFactory.WordTokens(folded);
        if (tokens.Count == 0) return null;
        if (tokens.Count == 1) return new TermQuery(new Term(field, tokens[0].Term));
        var phrase = new PhraseQuery();
        foreach (var (t, p) in tokens) phrase.Add(new Term(field, t), p);
        return phrase;
    }
}
