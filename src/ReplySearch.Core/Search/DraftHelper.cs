using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>A paragraph worth reusing in a new reply: its text, section, the reply it comes from, and how much of the new proposal's distinctive words it covers (0–1).</summary>
public sealed record DraftParagraph(string Text, string Section, ReplyRef Source, double Score);

/// <summary>What the drafting helper offers for a new proposal: the most similar earlier replies (as search hits) and the paragraphs most worth reusing.</summary>
public sealed record DraftResult(IReadOnlyList<Hit> Replies, IReadOnlyList<DraftParagraph> Paragraphs);

/// <summary>
/// Staff drafting a reply paste the new proposal (or its title). Its distinctive words (MoreLikeThis against the
/// archive's statistics: frequent in the text, rare in the archive) become an OR query, searched like any query,
/// so the earlier replies come with snippets; then every substantive paragraph of those replies (closing formulas
/// left out) is scored by the share of the words' weight (idf) it contains, and the given agency's paragraphs come first.
/// </summary>
public static class DraftHelper
{
    public const int MaxTextLength = 20_000;
    public const int Replies = 10;
    public const int ParagraphCount = 10;

    /// <summary>The words the search uses: at most the query language's term limit.</summary>
    private const int Words = QueryLanguage.MaxTerms;

    /// <summary>The distinctive words of a pasted text, by weight, and the OR query they make.</summary>
    public static (IReadOnlyList<(string Word, double Idf)> Words, string Query) DistinctiveWords(IndexSearcher searcher, Analyzers analyzers, string text)
    {
        var doc = new ReplyDocument { Source = "draft", Text = text };
        var interesting = SimilarReplies.Like(searcher, analyzers, doc, minTermFreq: 1).Interesting.Take(Words).ToList();
        var reader = searcher.IndexReader;
        var weighted = interesting
            .Select(w => (Word: w, Idf: Math.Log(1 + (reader.NumDocs - reader.DocFreq(new Term(Schema.TextWords, w)) + 0.5) / (reader.DocFreq(new Term(Schema.TextWords, w)) + 0.5))))
            .Where(x => x.Idf > 0).ToList();
        return (weighted, string.Join(" OR ", weighted.Select(x => x.Word)));
    }

    /// <summary>The paragraphs of these replies, scored against the words; the agency's first, then by score.</summary>
    public static IReadOnlyList<DraftParagraph> Paragraphs(IEnumerable<ReplyDocument> replies, IReadOnlyList<(string Word, double Idf)> words, string? agency)
    {
        var total = words.Sum(w => w.Idf);
        if (total <= 0) return [];
        var folded = words.Select(w => (Word: CharFolding.Fold(w.Word), w.Idf)).ToList();
        var agencyFolded = string.IsNullOrWhiteSpace(agency) ? null : CharFolding.Fold(agency.Trim());
        var scored = new List<(DraftParagraph Paragraph, bool Own)>();
        foreach (var reply in replies)
        {
            var source = ReplyRef.Of(reply);
            var own = agencyFolded is not null && reply.Agency is { } a && CharFolding.Fold(a).Contains(agencyFolded, StringComparison.Ordinal);
            foreach (var p in ParagraphFingerprints.Paragraphs(reply))
            {
                if (ParagraphFingerprints.IsClosingFormula(p.Text)) continue;
                var text = CharFolding.Fold(p.Text);
                var covered = folded.Where(w => text.Contains(w.Word, StringComparison.Ordinal)).Sum(w => w.Idf);
                if (covered <= 0) continue;
                scored.Add((new DraftParagraph(p.Text, p.Section, source, Math.Round(covered / total, 3)), own));
            }
        }
        // The same paragraph reused in several replies is offered once, from its first source.
        return scored.OrderByDescending(s => s.Own).ThenByDescending(s => s.Paragraph.Score)
            .DistinctBy(s => s.Paragraph.Text).Take(ParagraphCount).Select(s => s.Paragraph).ToList();
    }
}
