using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Engine;

namespace ReplySearch.Core.Search;

/// <summary>
/// What a search will cost, estimated before it runs, in units of an ordinary search (one or two words: 1).
/// Two things make a search expensive: the terms it looks up (each a seek in the term dictionary per
/// segment, then a weight: 32 OR-ed 26-digit numbers are 800 gram terms, 30 ms on a 150-reply index) and
/// the postings it reads (a term in most replies reads them all). The estimate is
/// 1 + terms / <see cref="TermsPerUnit"/> + (the sum of the terms' document frequencies) / (the number of replies),
/// the frequencies looked up for the first <see cref="SampledTerms"/> distinct terms and extrapolated to the rest
/// (terms counted as often as the query looks them up),
/// so that estimating never costs what it guards against.
/// </summary>
public static class QueryCost
{
    public const int TermsPerUnit = 8;
    public const int SampledTerms = 32;

    public static int Estimate(Query query, IndexReader reader)
    {
        // Every occurrence counts: each phrase looks its terms up again, so ten digits repeated in 32
        // numbers are 800 lookups although only 100 distinct bigrams.
        var terms = new List<Term>();
        var others = 0;
        Collect(query, terms, ref others);
        double postings = 0;
        var sampled = 0;
        var frequencies = new Dictionary<Term, int>();
        foreach (var term in terms)
        {
            if (!frequencies.TryGetValue(term, out var df))
            {
                if (frequencies.Count == SampledTerms) break;
                frequencies[term] = df = reader.DocFreq(term);
            }
            postings += df;
            sampled++;
        }
        if (sampled > 0) postings *= terms.Count / (double)sampled;
        var replies = Math.Max(1, reader.MaxDoc);
        return (int)Math.Min(int.MaxValue / 2, Math.Ceiling(1 + (terms.Count + others) / (double)TermsPerUnit + postings / replies));
    }

    private static void Collect(Query query, List<Term> terms, ref int others)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses) Collect(clause.Query, terms, ref others);
                break;
            case RequiredOptionalQuery both:
                Collect(both.Required, terms, ref others);
                Collect(both.Optional, terms, ref others);
                break;
            case ConstantScoreQuery { Query: { } inner }:
                Collect(inner, terms, ref others);
                break;
            default:
                try
                {
                    var own = new HashSet<Term>();
                    query.ExtractTerms(own);
                    terms.AddRange(own);
                }
                catch (NotSupportedException)
                {
                    // Ranges and filters: cheap next to the words of the query.
                    others++;
                }
                break;
        }
    }
}
