using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>Which tier of a search a hit came from.</summary>
public enum MatchTier
{
    /// <summary>Every term of the query occurs in the reply as written (up to folding and lexicon forms).</summary>
    Exact,

    /// <summary>The reply is about the same words without holding the terms as strings: 老旧小区 … 停车 for 老旧小区停车.</summary>
    Related,
}

/// <summary>Which hits a count, a facet or an export covers.</summary>
public enum SearchScope
{
    /// <summary>The exact tier only: what researchers count.</summary>
    Exact,

    /// <summary>Both tiers.</summary>
    All,
}

/// <summary>
/// The second tier of a search: the SmartCn words of each unquoted term (and of its lexicon forms), each
/// found as a string anywhere in the reply, at least about half of them, numbers always, ranked by BM25 as
/// Elasticsearch's match query ranks. It finds topics that replies write in parts or with words between
/// (老旧小区增设停车位 for 老旧小区停车). Exactness does not leak: a lexicon abbreviation matches only as a
/// whole word, so 高企 is never found in 提高企业 here either; and a quoted query has no related tier.
/// </summary>
public static class RelatedQuery
{
    /// <summary>Whether the query may have a related tier: it has text, and none of it is quoted.</summary>
    public static bool Possible(ParsedQuery parsed) => parsed.Groups.Count > 0 && !parsed.Groups.Any(g => g.Any(t => t.Quoted));

    /// <summary>The related query for this parsed query and request, or null when it has none.</summary>
    public static BuiltQuery? Build(ParsedQuery parsed, SearchRequest request, Analyzers analyzers)
    {
        if (!Possible(parsed)) return null;
        var words = new List<string>();
        var terms = new List<string>(); // what the marks belong to: each word, each lexicon form, each number
        var clauses = new List<Query>();
        var numbers = new List<string>();
        var marks = new List<Mark>();
        foreach (var term in parsed.Groups.SelectMany(g => g))
        {
            var tokens = Tokens(analyzers, term.Text);
            numbers.AddRange(tokens.Where(IsNumber).Except(numbers));
            var own = tokens.Where(t => !IsNumber(t)).ToList();
            var forms = analyzers.Lexicon.Alternatives(CharFolding.Fold(term.Text).Replace(" ", ""))
                .Select(f => Tokens(analyzers, f).Where(t => !IsNumber(t)).ToList()).Where(w => w.Count > 0).ToList();
            foreach (var w in own)
            {
                if (words.Contains(w)) continue;
                words.Add(w);
                terms.Add(w);
                clauses.Add(WordQuery(analyzers, w));
                marks.Add(new Mark(w, terms.Count - 1, WholeWord: analyzers.Lexicon.IsAbbreviation(w), MatchKind.Synonym));
            }
            // A lexicon form counts as one more word of the query: all its words together.
            foreach (var form in forms)
            {
                var all = new BooleanQuery();
                foreach (var w in form) all.Add(new TermQuery(new Term(Schema.TextWords, w)), Occur.MUST);
                clauses.Add(all.Clauses.Count == 1 ? all.Clauses[0].Query : all);
                terms.Add(string.Concat(form));
                foreach (var w in form) marks.Add(new Mark(w, terms.Count - 1, WholeWord: true, MatchKind.Synonym));
            }
        }
        // A query of numbers alone (12345, 临科函字第〔2023〕4号) is found exactly or not at all.
        if (clauses.Count == 0) return null;
        var any = new BooleanQuery();
        foreach (var c in clauses) any.Add(c, Occur.SHOULD);
        any.MinimumNumberShouldMatch = MinimumMatch(words.Count);
        // The numbers of the query must be there, whole (6036号建议 finds 第6036号代表建议, not every 建议).
        foreach (var n in numbers)
        {
            any.Add(new TermQuery(new Term(Schema.TextWords, n)), Occur.MUST);
            terms.Add(n);
            marks.Add(new Mark(n, terms.Count - 1, WholeWord: true, MatchKind.Exact));
        }

        // The same filters and exclusions as the exact tier: only what the words match differs.
        var exact = QueryBuilder.Build(parsed with { Groups = [] }, request, analyzers);
        var query = new BooleanQuery { { any, Occur.MUST } };
        foreach (var c in ((BooleanQuery)exact.Query).Clauses.Where(c => c.Occur != Occur.MUST || c.Query is not MatchAllDocsQuery)) query.Add(c);
        return new BuiltQuery(query, terms, marks, HasText: true, analyzers);
    }

    /// <summary>The related tier's own replies: those its words find that the exact query does not.</summary>
    internal static Query Beyond(BuiltQuery related, BuiltQuery exact) =>
        new BooleanQuery { { related.Query, Occur.MUST }, { exact.Query, Occur.MUST_NOT } };

    /// <summary>The replies a request counts: the exact query, or with scope all either tier's.</summary>
    internal static Query Counted(BuiltQuery exact, ParsedQuery parsed, SearchRequest request, Analyzers analyzers) =>
        request.Scope == SearchScope.All && Build(parsed, request, analyzers) is { } related
            ? new BooleanQuery { { exact.Query, Occur.SHOULD }, { related.Query, Occur.SHOULD } }
            : exact.Query;

    /// <summary>Two words need one, three or four need two, and so on: about half, as a topic is about most of its words.</summary>
    internal static int MinimumMatch(int words) => words <= 2 ? 1 : (words + 1) / 2;

    /// <summary>BM25 with Lucene's defaults (k1 1.2, b 0.75): the ranking an Elasticsearch match query uses.</summary>
    internal static IndexSearcher Searcher(IndexSearcher exactSearcher) =>
        new(exactSearcher.IndexReader) { Similarity = new BM25Similarity() };

    // The words of a term: two or more characters with a letter or digit in them. Characters SmartCn left
    // single in a row (城 中 村 in 城中村改造, which it does not know out of context) are one word together;
    // a character alone would match everywhere and is dropped. Numbers are kept apart by the caller.
    private static List<string> Tokens(Analyzers analyzers, string text)
    {
        var words = new List<string>();
        var run = new System.Text.StringBuilder();
        void Flush()
        {
            if (run.Length >= 2) words.Add(run.ToString());
            run.Clear();
        }
        foreach (var (term, _) in analyzers.WordTokens(text))
        {
            if (term.Length == 1 && char.IsLetter(term[0])) { run.Append(term); continue; }
            Flush();
            if (term.Length >= 2 && term.Any(char.IsLetterOrDigit)) words.Add(term);
        }
        Flush();
        return words.Distinct().ToList();
    }

    // A word of the query as a string in the reply, wherever SmartCn cut the reply's own sentence (城中村 in
    // 城中村、棚户区改造); an abbreviation only as a whole word, so that 高企 stays out of 提高企业.
    private static Query WordQuery(Analyzers analyzers, string word) =>
        analyzers.Lexicon.IsAbbreviation(word) ? new TermQuery(new Term(Schema.TextWords, word))
            : QueryBuilder.GramPhrase(Schema.TextGrams, word) ?? new TermQuery(new Term(Schema.TextWords, word));

    private static bool IsNumber(string token) => token.Any(char.IsDigit) && !token.Any(char.IsLetter);
}
