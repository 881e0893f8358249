using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>A reply whose text holds a paragraph again, and how closely (Jaccard of the shingles, 1: verbatim).</summary>
public sealed record ReusingReply(string Id, string? Title, string? Agency, int? Year, string? Date, string Kind, string HandlingRole, double Similarity)
    : ReplyRef(Id, Title, Agency, Year, Date, Kind, HandlingRole);

/// <summary>
/// One paragraph of a reply and where it is reused: up to <see cref="ReplyParagraphs.MaxListed"/> replies, most
/// similar first, out of <c>ReuseCount</c> found; boilerplate when it recurs in <see cref="ReplyParagraphs.BoilerplateReplies"/>
/// replies or more (stock formulas), or is a closing formula of thanks (<see cref="ParagraphFingerprints.IsClosingFormula"/>);
/// substantive otherwise.
/// </summary>
public sealed record ParagraphReuse(int Index, string Section, string Text, IReadOnlyList<ReusingReply> ReusedIn, int ReuseCount, bool Boilerplate);

/// <summary>
/// Each paragraph of a reply with the other replies that hold it near-verbatim (<see cref="ParagraphFingerprints"/>):
/// candidates share a MinHash band term in the index, and each is verified on its shingles.
/// </summary>
public static class ReplyParagraphs
{
    public const int MaxListed = 20;
    public const int BoilerplateReplies = 10;

    /// <summary>
    /// Candidates verified per paragraph, those sharing the most bands first (the likeliest copies): enough to
    /// list <see cref="MaxListed"/> and to call a paragraph boilerplate; verifying reads each candidate's text,
    /// which is most of the call's time (40 candidates: p50 52 ms at 100k replies, 20: 26 ms; the generated
    /// threads' reuse and boilerplate precision and recall stay 1.000 with 300 and 3,000 noise replies).
    /// </summary>
    private const int MaxCandidates = 20;

    public static IReadOnlyList<ParagraphReuse> Find(IndexSearcher searcher, ReplyDocument doc, string id)
    {
        var loaded = new Dictionary<int, (ReplyRef Ref, List<HashSet<uint>> Paragraphs)>();
        var result = new List<ParagraphReuse>();
        foreach (var paragraph in ParagraphFingerprints.Paragraphs(doc))
        {
            var shingles = ParagraphFingerprints.Shingles(paragraph.Text);
            // Two bands in common at least: a copy (Jaccard 0.8) shares two of eight with probability 0.996, a
            // paragraph that merely shares a sentence or two rarely does, and each candidate costs a read of its text.
            var query = new BooleanQuery { MinimumNumberShouldMatch = 2 };
            foreach (var band in ParagraphFingerprints.BandTerms(shingles))
                query.Add(new ConstantScoreQuery(new TermQuery(new Term(Schema.ParagraphBands, band))), Occur.SHOULD);
            var reused = new List<ReusingReply>();
            if (query.Clauses.Count > 0)
            {
                var filtered = new BooleanQuery { { query, Occur.MUST }, { new TermQuery(new Term(Schema.Id, id)), Occur.MUST_NOT } };
                foreach (var hit in searcher.Search(filtered, MaxCandidates).ScoreDocs)
                {
                    if (!loaded.TryGetValue(hit.Doc, out var other))
                    {
                        var d = DocumentMapper.FromStored(searcher.Doc(hit.Doc));
                        other = (ReplyRef.Of(d), ParagraphFingerprints.Paragraphs(d).Select(p => ParagraphFingerprints.Shingles(p.Text)).ToList());
                        loaded[hit.Doc] = other;
                    }
                    var best = other.Paragraphs.Select(p => ParagraphFingerprints.Jaccard(shingles, p)).DefaultIfEmpty(0).Max();
                    if (best < ParagraphFingerprints.ReuseThreshold) continue;
                    var r = other.Ref;
                    reused.Add(new ReusingReply(r.Id, r.Title, r.Agency, r.Year, r.Date, r.Kind, r.HandlingRole, Math.Round(best, 2)));
                }
            }
            result.Add(new ParagraphReuse(paragraph.Index, paragraph.Section, paragraph.Text,
                reused.OrderByDescending(x => x.Similarity).ThenBy(x => x.Date ?? "", StringComparer.Ordinal).Take(MaxListed).ToList(),
                reused.Count, reused.Count >= BoilerplateReplies || ParagraphFingerprints.IsClosingFormula(paragraph.Text)));
        }
        return result;
    }
}
