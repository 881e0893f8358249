using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Model;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>
/// A string a snippet must mark: a form of query term number <see cref="Term"/>. A whole-word mark (an
/// abbreviation) is marked only where the word analyzer sees it as a word.
/// </summary>
public sealed record Mark(string Text, int Term, bool WholeWord, MatchKind Kind);

public enum MatchKind
{
    /// <summary>The term itself (up to folding: width, script, brackets, zeros).</summary>
    Exact,

    /// <summary>Another form from the lexicon (高企 for 高新技术企业 and back).</summary>
    Synonym,

    /// <summary>The proposal number without its leading zeros (第091号 → 第91号).</summary>
    Number,
}

/// <summary>
/// A Lucene query, the query terms as typed, and the strings a snippet must mark for them.
/// <see cref="Rescore"/>, when there is one, adds score to the best hits of <see cref="Query"/> only (see
/// <see cref="PhraseRescorer"/>): it never changes what matches.
/// </summary>
public sealed record BuiltQuery(Query Query, IReadOnlyList<string> Terms, IReadOnlyList<Mark> Marks, bool HasText, Analyzers Analyzers)
{
    internal IReadOnlyList<WordPhrase> Rescore { get; init; } = [];
}

/// <summary>
/// Turns a parsed query and the request's filters into Lucene queries. Each term must occur as a
/// substring (a phrase over the gram field: exact, whatever SmartCn did in context); SmartCn word,
/// title and heading matches only add score, so they rank without changing what matches. Unquoted terms
/// also match their lexicon forms (scored below the term itself); an abbreviation matches only as a word.
/// </summary>
public static partial class QueryBuilder
{
    // Longer unquoted input reads as words to find, not a string to find verbatim.
    internal const int ExactLength = 6;

    private const float WordBoost = 1.5f;
    private const float HeadBoost = 2.0f;
    private const float SynonymBoost = 0.4f;

    /// <summary>The query for this index: built, then its gram phrases sharpened on its statistics.</summary>
    internal static BuiltQuery Build(ParsedQuery parsed, SearchRequest request, Analyzers analyzers, IndexSearcher searcher)
    {
        var built = Build(parsed, request, analyzers);
        PhraseSharpener.Sharpen(built.Query, searcher);
        return built;
    }

    /// <summary>The query, analysed with the index's analyzers (its lexicon decides abbreviations and forms).</summary>
    public static BuiltQuery Build(ParsedQuery parsed, SearchRequest request, Analyzers analyzers)
    {
        var marks = new List<Mark>();
        var terms = new List<string>();
        var words = new List<WordPhrase>();
        var main = new BooleanQuery();
        var hasText = false;
        foreach (var group in parsed.Groups)
        {
            var alternatives = new BooleanQuery();
            foreach (var term in group)
            {
                if (TermQuery(analyzers, term, terms, marks, words) is { } q) alternatives.Add(q, Occur.SHOULD);
            }
            if (alternatives.Clauses.Count == 0) continue;
            main.Add(alternatives.Clauses.Count == 1 ? alternatives.Clauses[0].Query : alternatives, Occur.MUST);
            hasText = true;
        }
        if (!hasText) main.Add(new MatchAllDocsQuery(), Occur.MUST);
        foreach (var term in parsed.Excluded)
        {
            if (Core(analyzers, term, Folded(term.Text), -1, null) is { } q) main.Add(q, Occur.MUST_NOT);
        }

        foreach (var filter in Filters(parsed, request))
        {
            main.Add(new ConstantScoreQuery(filter) { Boost = 0f }, Occur.MUST);
        }
        return new BuiltQuery(main, terms, marks, hasText, analyzers) { Rescore = words };
    }

    /// <summary>A filter per value of the request and of the query text, each as its field's table entry says.</summary>
    internal static IEnumerable<Query> Filters(ParsedQuery p, SearchRequest r)
    {
        foreach (var field in FieldTable.Filters)
        {
            foreach (var value in new[] { r[field], p.Filters.GetValueOrDefault(field) })
            {
                if (!string.IsNullOrWhiteSpace(value) && Filter(field, value.Trim()) is { } q) yield return q;
            }
        }
    }

    private static Query? Filter(ReplyField field, string value) => field.Filter switch
    {
        FilterMatch.Contains => Contains(field.GramsField!, value),
        FilterMatch.YearRange => YearRange.TryParse(value, out var range)
            ? NumericRangeQuery.NewInt32Range(field.IndexName, range.From, range.To, true, true)
            : null,
        FilterMatch.Exact => new TermQuery(new Term(field.IndexName, field.Normalize(value))),
        _ => null,
    };

    internal static Query? Contains(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : GramPhrase(field, Folded(value));

    /// <summary>
    /// The query for one term: what decides the match, plus the title/heading score. Its SmartCn word phrase
    /// goes to <paramref name="words"/>, scored on the best hits only: on common words it cost as much as
    /// the match itself, for every matching reply.
    /// </summary>
    private static Query? TermQuery(Analyzers analyzers, QueryTerm term, List<string> terms, List<Mark> marks, List<WordPhrase> words)
    {
        var folded = Folded(term.Text);
        if (folded.Length == 0) return null;
        if (!term.Quoted && SplitAtNumber(folded) is { } parts)
        {
            // 第206号建议: the proposal number and the rest are found separately, so 第0206号建议 matches too.
            var all = new BooleanQuery();
            foreach (var part in parts)
            {
                if (TermQuery(analyzers, new QueryTerm(part, false), terms, marks, words) is { } pq) all.Add(pq, Occur.MUST);
            }
            return all.Clauses.Count > 0 ? all : null;
        }
        var index = terms.Count;
        var core = Core(analyzers, term, folded, index, marks);
        if (core is null) return null;
        terms.Add(term.Text);
        if (analyzers.WordTokens(folded) is { Count: > 0 } tokens) words.Add(new WordPhrase(tokens, WordBoost));
        if (GramPhrase(Schema.HeadGrams, folded) is not { } head) return core;
        head.Boost = HeadBoost;
        return new RequiredOptionalQuery(core, head);
    }

    /// <summary>What decides whether a reply matches a term: the term, or one of its other forms.</summary>
    private static Query? Core(Analyzers analyzers, QueryTerm term, string folded, int index, List<Mark>? marks)
    {
        var exact = Exact(analyzers, term, folded, index, marks);
        if (term.Quoted) return exact;

        var forms = new List<Query>();
        var lexicon = analyzers.Lexicon;
        // A lexicon form inside a longer term (临沂市科技局) is replaced by each other form (临沂市科学技术局).
        foreach (var alt in Substituted(lexicon, folded))
        {
            if (GramPhrase(Schema.TextGrams, alt) is not { } sq) continue;
            sq.Boost = SynonymBoost;
            forms.Add(sq);
            marks?.Add(new Mark(alt, index, false, MatchKind.Synonym));
        }
        foreach (var alt in lexicon.Alternatives(folded))
        {
            var whole = lexicon.IsAbbreviation(alt);
            var q = whole ? new TermQuery(new Term(Schema.TextWords, alt)) : GramPhrase(Schema.TextGrams, alt);
            if (q is null) continue;
            q.Boost = SynonymBoost;
            forms.Add(q);
            marks?.Add(new Mark(alt, index, whole, MatchKind.Synonym));
        }
        if (ProposalNumber().Match(folded) is { Success: true } m && (m.Groups["z"].Length > 0 || folded.Contains('第') || folded.Contains('号')))
        {
            // 第091号 ≡ 第91号 ≡ proposal 91.
            var n = m.Groups["n"].Value;
            forms.Add(new TermQuery(new Term(FieldTable.ProposalNumber.IndexName, n)));
            // Written as 第n号 already (grams skip white space), the exact phrase is this form: a second copy
            // verified every match twice.
            var written = string.Concat(folded.Where(c => !char.IsWhiteSpace(c)));
            if ($"第{n}号" != written && GramPhrase(Schema.TextGrams, $"第{n}号") is { } g) forms.Add(g);
            for (var zeros = 0; zeros <= 8 - n.Length; zeros++)
            {
                marks?.Add(new Mark($"第{new string('0', zeros)}{n}号", index, false, MatchKind.Number));
            }
        }
        if (forms.Count == 0) return exact;
        var any = new BooleanQuery();
        if (exact is not null) any.Add(exact, Occur.SHOULD);
        foreach (var f in forms) any.Add(f, Occur.SHOULD);
        return any;
    }

    /// <summary>The term itself: its substring, an abbreviation as a word, or a long string as its words.</summary>
    private static Query? Exact(Analyzers analyzers, QueryTerm term, string folded, int index, List<Mark>? marks)
    {
        if (!term.Quoted && analyzers.Lexicon.IsAbbreviation(folded))
        {
            marks?.Add(new Mark(folded, index, true, MatchKind.Exact));
            return new TermQuery(new Term(Schema.TextWords, folded));
        }
        // Identifiers (文号, numbers, codes) are matched verbatim however long: they are not prose to split.
        if (term.Quoted || CodePoints(folded) <= ExactLength || folded.Any(c => char.IsAsciiDigit(c) || c is '(' or ')'))
        {
            marks?.Add(new Mark(folded, index, false, MatchKind.Exact));
            return GramPhrase(Schema.TextGrams, folded);
        }
        // A long unquoted term: every SmartCn chunk of it must occur; the verbatim string scores extra.
        var chunks = Chunks(analyzers, folded);
        if (chunks.Count <= 1)
        {
            marks?.Add(new Mark(folded, index, false, MatchKind.Exact));
            return GramPhrase(Schema.TextGrams, folded);
        }
        var all = new BooleanQuery();
        foreach (var c in chunks)
        {
            if (GramPhrase(Schema.TextGrams, c) is { } q) all.Add(q, Occur.MUST);
            marks?.Add(new Mark(c, index, false, MatchKind.Exact));
        }
        marks?.Add(new Mark(folded, index, false, MatchKind.Exact));
        if (GramPhrase(Schema.TextGrams, folded) is { } whole)
        {
            whole.Boost = 2f;
            all.Add(whole, Occur.SHOULD);
        }
        return all;
    }

    /// <summary>
    /// One query per distinct marked form, whose per-document frequency counts that form's occurrences:
    /// a gram phrase, or a word for an abbreviation. Forms inside other forms are left out, so that an
    /// occurrence is not counted twice (第91号 within 第0091号 cannot happen; 产学研 within 产学研合作 can).
    /// </summary>
    public static IReadOnlyList<Query> CountQueries(BuiltQuery built)
    {
        var forms = built.Marks.Where(m => m.Kind != MatchKind.Number || !built.Marks.Any(o => o.Kind == MatchKind.Exact && o.Term == m.Term && o.Text == m.Text))
            .GroupBy(m => (m.Text, m.WholeWord)).Select(g => g.First()).ToList();
        var result = new List<Query>();
        foreach (var m in forms)
        {
            if (forms.Any(o => !ReferenceEquals(o, m) && o.Term == m.Term && o.Text.Length > m.Text.Length && o.Text.Contains(m.Text, StringComparison.Ordinal))) continue;
            var q = m.WholeWord ? new TermQuery(new Term(Schema.TextWords, m.Text)) : GramPhrase(Schema.TextGrams, m.Text);
            if (q is not null) result.Add(q);
        }
        return result;
    }

    [GeneratedRegex(@"^第?(?<z>0*)(?<n>[1-9]\d{0,11})号?$")]
    private static partial Regex ProposalNumber();

    [GeneratedRegex(@"第\d{1,12}号")]
    private static partial Regex NumberInside();

    /// <summary>第206号建议 → [第206号, 建议]; null when the term is not a number with text around it.</summary>
    private static List<string>? SplitAtNumber(string folded)
    {
        var m = NumberInside().Match(folded);
        if (!m.Success || m.Length == folded.Length) return null;
        return new[] { folded[..m.Index], m.Value, folded[(m.Index + m.Length)..] }.Where(p => p.Length > 0).ToList();
    }

    /// <summary>The term with its longest lexicon form (not the whole term) replaced by each other form.</summary>
    private static IEnumerable<string> Substituted(Lexicon lexicon, string folded)
    {
        string? best = null;
        foreach (var g in lexicon.Groups)
        {
            foreach (var f in g.Forms)
            {
                if (f.Length < folded.Length && f.Length > (best?.Length ?? 1) && folded.Contains(f, StringComparison.Ordinal)) best = f;
            }
        }
        if (best is null) return [];
        return lexicon.Alternatives(best).Select(alt => folded.Replace(best, alt, StringComparison.Ordinal)).Distinct();
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
    internal static List<string> Chunks(Analyzers analyzers, string folded)
    {
        var chunks = new List<string>();
        var current = "";
        var cursor = 0;
        foreach (var (term, _) in analyzers.WordTokens(folded))
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
        if (grams.Count == 1)
        {
            // The body keeps its single characters in a field of their own; the short fields hold both kinds.
            var character = field == Schema.TextGrams && GramTokenizer.IsOneCharacter(grams[0].Term);
            return new TermQuery(new Term(character ? Schema.TextChars : field, grams[0].Term));
        }
        var phrase = new GramPhraseQuery(field);
        foreach (var (gram, position) in grams) phrase.Add(new Term(field, gram), position);
        return phrase;
    }
}
