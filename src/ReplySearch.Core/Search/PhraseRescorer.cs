using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>A SmartCn word phrase of a query term (one word or several at their positions) and its boost.</summary>
public sealed record WordPhrase(IReadOnlyList<(string Term, int Position)> Tokens, float Boost);

/// <summary>
/// Adds the query's word-phrase scores to the best hits of the first pass and orders them again. Word
/// phrases only rank (the gram field decides what matches), and on common words verifying them for every
/// matching reply cost as much as the match itself, so they are scored for the window of best hits only,
/// straight from the postings of each hit: a phrase scorer's Advance would verify every reply up to the
/// next match. The score is the one the same phrase inside the query would give (BM25 over the same
/// statistics; BM25 has no coordination or query norm, so scores add up), hence within the window the
/// order is the one-pass order; a reply outside it that the phrase would have lifted in is missed, which
/// is why the window is ten pages.
/// </summary>
internal static class PhraseRescorer
{
    /// <summary>How many first-pass hits are rescored (at least).</summary>
    public const int Window = 100;

    /// <summary>The hits with the phrases' scores added, best first (ties: lower document first).</summary>
    public static ScoreDoc[] Rescore(IndexSearcher searcher, IReadOnlyList<WordPhrase> phrases, ScoreDoc[] hits)
    {
        var rescored = hits.Select(h => new ScoreDoc(h.Doc, float.IsNaN(h.Score) ? 0f : h.Score)).OrderBy(h => h.Doc).ToArray();
        if (rescored.Length == 0) return rescored;
        foreach (var phrase in phrases) Add(searcher, phrase, rescored);
        Array.Sort(rescored, (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        return rescored;
    }

    /// <summary>Adds one phrase's score to each hit (in document order) that holds it.</summary>
    private static void Add(IndexSearcher searcher, WordPhrase phrase, ScoreDoc[] byDoc)
    {
        var terms = phrase.Tokens.Select(t => new Term(Schema.TextWords, t.Term)).ToArray();
        var offsets = phrase.Tokens.Select(t => t.Position).ToArray();
        var stats = new TermStatistics[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            var context = TermContext.Build(searcher.TopReaderContext, terms[i]);
            if (context.DocFreq == 0) return; // a word no reply has: the phrase matches nothing
            stats[i] = searcher.TermStatistics(terms[i], context);
        }
        var similarity = searcher.Similarity;
        var weight = similarity.ComputeWeight(phrase.Boost, searcher.CollectionStatistics(Schema.TextWords), stats);
        weight.Normalize(similarity.QueryNorm(weight.GetValueForNormalization()), 1f);

        var positions = new int[terms.Length][];
        var h = 0;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
            if (h >= byDoc.Length) break;
            if (byDoc[h].Doc >= end) continue;
            var enums = terms.Select(t => leaf.AtomicReader.GetTermPositionsEnum(t)).ToArray();
            var scorer = similarity.GetSimScorer(weight, leaf);
            for (; h < byDoc.Length && byDoc[h].Doc < end; h++)
            {
                if (enums.Any(e => e is null)) continue;
                var doc = byDoc[h].Doc - leaf.DocBase;
                var freq = Frequency(enums!, offsets, positions, doc);
                if (freq > 0) byDoc[h].Score += scorer.Score(doc, freq);
            }
        }
    }

    /// <summary>How often the terms occur at their offsets from one another in doc (0 when a term is absent).</summary>
    private static int Frequency(DocsAndPositionsEnum[] enums, int[] offsets, int[][] positions, int doc)
    {
        for (var i = 0; i < enums.Length; i++)
        {
            var e = enums[i];
            if (e.DocID < doc) e.Advance(doc);
            if (e.DocID != doc) return 0;
        }
        if (enums.Length == 1) return enums[0].Freq;
        for (var i = 0; i < enums.Length; i++)
        {
            var n = enums[i].Freq;
            if (positions[i] is null || positions[i].Length < n) positions[i] = new int[Math.Max(n, 16)];
            for (var k = 0; k < n; k++) positions[i][k] = enums[i].NextPosition() - offsets[i];
        }
        // Every list is ascending: walk the first and move a cursor along each of the others.
        var cursors = new int[enums.Length];
        var count = 0;
        for (var k = 0; k < enums[0].Freq; k++)
        {
            var start = positions[0][k];
            var all = true;
            for (var i = 1; i < enums.Length && all; i++)
            {
                var n = enums[i].Freq;
                while (cursors[i] < n && positions[i][cursors[i]] < start) cursors[i]++;
                all = cursors[i] < n && positions[i][cursors[i]] == start;
            }
            if (all) count++;
        }
        return count;
    }
}
