using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: scoring SmartCn word phrases on every match (a SHOULD PhraseQuery).
// Proved equal by: PhraseRescorerTests (same order as scoring every match, within the window).

/// <summary>A SmartCn word phrase of a query term (one word or several at their positions) and its boost.</summary>
internal sealed record WordPhrase(IReadOnlyList<(string Term, int Position)> Tokens, float Boost);

/// <summary>
/// Adds the query's word-phrase scores to the best hits of the first pass and orders them again. Word
/// phrases only rank (the gram field decides what matches), and on common words verifying them for every
/// matching reply cost as much as the match itself, so they are scored for the window of best hits only,
/// each hit alone (<see cref="PhraseScorer.ScoreAt"/>): a scorer's Advance would verify every reply up to the
/// next match. The score is the one the same phrase inside the query would give (BM25 over the same
/// statistics; BM25 has no coordination or query norm, so scores add up), hence within the window the
/// order is the one-pass order; a reply outside it that the phrase would have lifted in is missed, which
/// is why the window is ten pages.
/// </summary>
internal static class PhraseRescorer
{
    /// <summary>How many first-pass hits are rescored (at least).</summary>
    public const int Window = 100;

    /// <summary>The hits with the phrases' scores added, in relevance order (<see cref="HitOrder"/>).</summary>
    public static ScoreDoc[] Rescore(IndexSearcher searcher, IReadOnlyList<WordPhrase> phrases, ScoreDoc[] hits)
    {
        var rescored = hits.Select(h => new ScoreDoc(h.Doc, float.IsNaN(h.Score) ? 0f : h.Score)).OrderBy(h => h.Doc).ToArray();
        if (rescored.Length == 0) return rescored;
        foreach (var phrase in phrases) Add(searcher, phrase, rescored);
        return HitOrder.SortByRelevance(searcher.IndexReader, rescored);
    }

    /// <summary>Adds one phrase's score to each hit (in document order) that holds it.</summary>
    private static void Add(IndexSearcher searcher, WordPhrase phrase, ScoreDoc[] byDoc)
    {
        var query = new GramPhraseQuery(Schema.TextWords) { Boost = phrase.Boost, MayCache = false };
        foreach (var (term, position) in phrase.Tokens) query.Add(new Term(Schema.TextWords, term), position);
        var weight = searcher.CreateNormalizedWeight(query);
        var h = 0;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
            if (h >= byDoc.Length) break;
            if (byDoc[h].Doc >= end) continue;
            // No scorer: a word of the phrase is not in this segment, so none of its hits holds the phrase.
            var scorer = (PhraseScorer?)weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            for (; h < byDoc.Length && byDoc[h].Doc < end; h++)
            {
                if (scorer is not null) byDoc[h].Score += scorer.ScoreAt(byDoc[h].Doc - leaf.DocBase);
            }
        }
    }
}
