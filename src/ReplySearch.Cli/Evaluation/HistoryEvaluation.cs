using ReplySearch.Cli.Generation;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;
using ReplySearch.Core.Search;

namespace ReplySearch.Cli.Evaluation;

/// <summary>How well the history links a generated archive's replies, against its ground truth (issue #18's targets).</summary>
public sealed record HistoryScores(
    int Replies, double ProposalPrecision, double ProposalRecall, double DelegatePrecision, double DelegateRecall, double TopicPrecisionAt5,
    double ReusePrecision, double ReuseRecall, double BoilerplatePrecision, double BoilerplateRecall)
{
    public const double LinkTarget = 0.95;
    public const double TopicTarget = 0.80;
    public const double ReuseTarget = 0.90;

    public bool Passed => ProposalPrecision >= LinkTarget && ProposalRecall >= LinkTarget && DelegatePrecision >= LinkTarget
        && DelegateRecall >= LinkTarget && TopicPrecisionAt5 >= TopicTarget
        && ReusePrecision >= ReuseTarget && ReuseRecall >= ReuseTarget && BoilerplatePrecision >= ReuseTarget && BoilerplateRecall >= ReuseTarget;
}

/// <summary>
/// Indexes a threads archive (<see cref="ThreadGenerator"/>) and asks every reply of its threads for its history:
/// - same proposal: each member's proposal list against the other members (micro precision and recall; a
///   noise reply listed is a false link);
/// - same delegate: each of a delegate's replies, its list under the delegate's name against their other replies;
/// - topic: each member's five most similar of other years against the other members, precision@5 (cut at the
///   number of other members when fewer), averaged;
/// - reused paragraphs: in each reply holding a copy, the paragraph found as that copy lists the replies holding the
///   others (micro precision and recall), and is flagged boilerplate exactly when its group is (precision and recall
///   of the flag).
/// </summary>
public static class HistoryEvaluation
{
    public static HistoryScores Run(ReplyIndex index, ThreadTruth truth)
    {
        static string Id(string file) => DocumentMapper.IdFor(file);
        int tp = 0, fp = 0, fn = 0;
        foreach (var group in truth.Proposals)
        {
            foreach (var member in group)
            {
                var predicted = index.History(Id(member))?.Proposal.Select(r => r.Id).ToHashSet() ?? [];
                var expected = group.Where(f => f != member).Select(Id).ToHashSet();
                Count(predicted, expected, ref tp, ref fp, ref fn);
            }
        }
        var (pp, pr) = Ratios(tp, fp, fn);

        tp = fp = fn = 0;
        foreach (var (name, files) in truth.Delegates)
        {
            foreach (var member in files)
            {
                var list = index.History(Id(member))?.Delegates.FirstOrDefault(d => d.Name == DelegateNames.Normalize(name));
                var predicted = list?.Replies.Select(r => r.Id).ToHashSet() ?? [];
                var expected = files.Where(f => f != member).Select(Id).ToHashSet();
                Count(predicted, expected, ref tp, ref fp, ref fn);
            }
        }
        var (dp, dr) = Ratios(tp, fp, fn);

        var precisions = new List<double>();
        foreach (var group in truth.Topics)
        {
            foreach (var member in group)
            {
                var expected = group.Where(f => f != member).Select(Id).ToHashSet();
                var top = (index.History(Id(member))?.Topic ?? []).OrderByDescending(t => t.Similarity).Take(5).ToList();
                var cut = Math.Min(5, expected.Count);
                precisions.Add(cut == 0 ? 1 : top.Take(cut).Count(t => expected.Contains(t.Id)) / (double)cut);
            }
        }
        tp = fp = fn = 0;
        int bTp = 0, bFp = 0, bFn = 0;
        foreach (var group in truth.Reused)
        {
            foreach (var (file, copy) in group.Copies)
            {
                var shingles = ParagraphFingerprints.Shingles(copy);
                var found = index.Paragraphs(Id(file))?.FirstOrDefault(p => ParagraphFingerprints.Jaccard(shingles, ParagraphFingerprints.Shingles(p.Text)) >= 0.9);
                var predicted = found?.ReusedIn.Select(r => r.Id).ToHashSet() ?? [];
                var expected = group.Copies.Keys.Where(f => f != file).Select(Id).ToHashSet();
                Count(predicted, expected, ref tp, ref fp, ref fn);
                var flagged = found?.Boilerplate ?? false;
                if (flagged && group.Boilerplate) bTp++;
                else if (flagged) bFp++;
                else if (group.Boilerplate) bFn++;
            }
        }
        var (rp, rr) = Ratios(tp, fp, fn);
        var (bp, br) = Ratios(bTp, bFp, bFn);
        var replies = truth.Proposals.Sum(g => g.Count) + truth.Delegates.Values.Sum(g => g.Count) + truth.Topics.Sum(g => g.Count) + truth.Reused.Sum(g => g.Copies.Count);
        return new HistoryScores(replies, Round(pp), Round(pr), Round(dp), Round(dr), Round(precisions.Count == 0 ? 0 : precisions.Average()),
            Round(rp), Round(rr), Round(bp), Round(br));
    }

    private static void Count(HashSet<string> predicted, HashSet<string> expected, ref int tp, ref int fp, ref int fn)
    {
        tp += predicted.Count(expected.Contains);
        fp += predicted.Count(p => !expected.Contains(p));
        fn += expected.Count(e => !predicted.Contains(e));
    }

    private static (double Precision, double Recall) Ratios(int tp, int fp, int fn) =>
        (tp + fp == 0 ? 1 : tp / (double)(tp + fp), tp + fn == 0 ? 1 : tp / (double)(tp + fn));

    private static double Round(double x) => Math.Round(x, 3);
}
