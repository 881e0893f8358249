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
        var loaded = new Dictionary<int, Candidate>();
        var result = new List<ParagraphReuse>();
        foreach (var paragraph in ParagraphFingerprints.Paragraphs(doc))
        {
            var shingles = ParagraphFingerprints.Shingles(paragraph.Text);
            var reused = new List<ReusingReply>();
            foreach (var hit in Candidates(searcher, ParagraphFingerprints.BandTerms(shingles).ToList(), id, MaxCandidates))
            {
                if (!loaded.TryGetValue(hit, out var other)) loaded[hit] = other = new Candidate(DocumentMapper.FromStored(searcher.Doc(hit)));
                var best = other.BestJaccard(shingles);
                if (best < ParagraphFingerprints.ReuseThreshold) continue;
                var r = other.Ref;
                reused.Add(new ReusingReply(r.Id, r.Title, r.Agency, r.Year, r.Date, r.Kind, r.HandlingRole, Math.Round(best, 2)));
            }
            result.Add(new ParagraphReuse(paragraph.Index, paragraph.Section, paragraph.Text,
                reused.OrderByDescending(x => x.Similarity).ThenBy(x => x.Date ?? "", StringComparer.Ordinal).Take(MaxListed).ToList(),
                reused.Count, reused.Count >= BoilerplateReplies || ParagraphFingerprints.IsClosingFormula(paragraph.Text)));
        }
        return result;
    }

    /// <summary>
    /// The replies (doc ids) that share at least two of the paragraph's band terms, those sharing most first and
    /// then by doc id, at most <paramref name="max"/>, leaving out the reply <paramref name="id"/> itself. Two bands
    /// in common at least: a copy (Jaccard 0.8) shares two of eight with probability 0.996, a paragraph that
    /// merely shares a sentence or two rarely does, and each candidate costs a read of its text.
    /// <para>
    /// The same as the top <paramref name="max"/> hits of the disjunction (<see cref="Disjunction"/>; the test
    /// <c>The_candidates_of_a_paragraph_are_the_top_hits_of_its_band_disjunction</c>), found faster: replies that
    /// hold every band (verbatim copies) all score the disjunction's highest score, and ties go to the lower doc
    /// id, so when at least <paramref name="max"/> of them exist the first ones in doc order are the answer, and a
    /// conjunction stopped after them finds those without scoring the rest. That is the case of boilerplate, whose
    /// bands are in tens of thousands of replies (at 100k replies a sixth of the paragraphs, and 6–8 ms each as a
    /// disjunction).
    /// </para>
    /// </summary>
    internal static IReadOnlyList<int> Candidates(IndexSearcher searcher, IReadOnlyList<string> bands, string id, int max)
    {
        if (bands.Count == 0) return [];
        var everyBand = new BooleanQuery();
        foreach (var band in bands) everyBand.Add(new TermQuery(new Term(Schema.ParagraphBands, band)), Occur.MUST);
        everyBand.Add(new TermQuery(new Term(Schema.Id, id)), Occur.MUST_NOT);
        var first = new FirstDocs(max);
        searcher.Search(everyBand, first);
        if (first.Docs.Count >= max) return first.Docs;
        return searcher.Search(Disjunction(bands, id), max).ScoreDocs.Select(h => h.Doc).ToList();
    }

    /// <summary>Replies sharing at least two of the bands, scored by how many they share (constant per band), the reply itself left out.</summary>
    internal static Query Disjunction(IReadOnlyList<string> bands, string id)
    {
        var query = new BooleanQuery { MinimumNumberShouldMatch = 2 };
        foreach (var band in bands) query.Add(new ConstantScoreQuery(new TermQuery(new Term(Schema.ParagraphBands, band))), Occur.SHOULD);
        return new BooleanQuery { { query, Occur.MUST }, { new TermQuery(new Term(Schema.Id, id)), Occur.MUST_NOT } };
    }

    /// <summary>The first <c>max</c> matching doc ids in index order; stops every segment once it has them.</summary>
    private sealed class FirstDocs(int max) : ICollector
    {
        public List<int> Docs { get; } = [];
        private int _base;

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer) { }

        public void SetNextReader(AtomicReaderContext context)
        {
            if (Docs.Count >= max) throw new CollectionTerminatedException();
            _base = context.DocBase;
        }

        public void Collect(int doc)
        {
            Docs.Add(_base + doc);
            if (Docs.Count >= max) throw new CollectionTerminatedException();
        }
    }

    /// <summary>
    /// A candidate reply, read once per call: its reference and its paragraphs, each shingled only when a
    /// paragraph of comparable size is compared with it. A set with fewer than <see cref="ParagraphFingerprints.ReuseThreshold"/>
    /// times another's shingles cannot reach the threshold with it, and a paragraph has at most as many shingles
    /// as characters (the fold keeps the length; a shingle ends at a letter or digit), so a paragraph shorter
    /// than that is ruled out unshingled.
    /// </summary>
    private sealed class Candidate
    {
        private readonly IReadOnlyList<Paragraph> _paragraphs;
        private readonly uint[]?[] _shingles;

        public Candidate(ReplyDocument d)
        {
            Ref = ReplyRef.Of(d);
            _paragraphs = ParagraphFingerprints.Paragraphs(d);
            _shingles = new uint[]?[_paragraphs.Count];
        }

        public ReplyRef Ref { get; }

        public double BestJaccard(uint[] shingles)
        {
            var best = 0.0;
            for (var i = 0; i < _paragraphs.Count; i++)
            {
                if (_paragraphs[i].Text.Length < ParagraphFingerprints.ReuseThreshold * shingles.Length) continue;
                var other = _shingles[i] ??= ParagraphFingerprints.Shingles(_paragraphs[i].Text);
                best = Math.Max(best, ParagraphFingerprints.Jaccard(shingles, other));
            }
            return best;
        }
    }
}
