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
/// The second tier of a search: the SmartCn words of each unquoted term (and of its lexicon forms), any of
/// them anywhere in the reply, at least about half of them, ranked by BM25 as Elasticsearch's match query
/// ranks. It finds topics that replies write in parts or with words between (老旧小区增设停车位 for
/// 老旧小区停车). Exactness does not leak: a word is a whole SmartCn word, never a character inside one, so
/// 高企 is never found in 提高企业 here either; and a quoted query has no related tier.
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
                clauses.Add(new TermQuery(new Term(Schema.TextWords, w)));
                marks.Add(new Mark(w, words.Count - 1, WholeWord: true, MatchKind.Synonym));
            }
            // A lexicon form counts as one more word of the query: all its words together.
            foreach (var form in forms)
            {
                var all = new BooleanQuery();
                foreach (var w in form) all.Add(new TermQuery(new Term(Schema.TextWords, w)), Occur.MUST);
                clauses.Add(all.Clauses.Count == 1 ? all.Clauses[0].Query : all);
                foreach (var w in form) marks.Add(new Mark(w, words.Count, WholeWord: true, MatchKind.Synonym));
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
            marks.Add(new Mark(n, words.Count, WholeWord: true, MatchKind.Exact));
        }

        // The same filters and exclusions as the exact tier: only what the words match differs.
        var exact = QueryBuilder.Build(parsed with { Groups = [] }, request, analyzers);
        var query = new BooleanQuery { { any, Occur.MUST } };
        foreach (var c in ((BooleanQuery)exact.Query).Clauses.Where(c => c.Occur != Occur.MUST || c.Query is not MatchAllDocsQuery)) query.Add(c);
        return new BuiltQuery(query, words, marks, HasText: true, analyzers);
    }

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

    // The words of a term: two or more characters (single characters would match everywhere) with a
    // letter or digit in them. Numbers are kept apart: they must match, never count toward the half.
    private static List<string> Tokens(Analyzers analyzers, string text) =>
        analyzers.WordTokens(text).Select(t => t.Term).Where(t => t.Length >= 2 && t.Any(char.IsLetterOrDigit)).Distinct().ToList();

    private static bool IsNumber(string token) => token.Any(char.IsDigit) && !token.Any(char.IsLetter);
}
