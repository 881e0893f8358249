using Lucene.Net.Index;

namespace ReplySearch.Core.Indexing;

/// <summary>
/// Lucene's tiered merging, with two changes for building a whole archive at once:
/// while a bulk build runs (<see cref="Deferred"/>) no merge is started, so that both cores invert text
/// instead of rewriting segments that the final merge rewrites anyway; and a forced merge to N segments
/// cuts the index into N merges of about equal size that run side by side, where the tiered policy
/// would merge nearly everything into one segment on one core (on 100,000 replies that final merge
/// was 30 s with one core idle).
/// </summary>
internal sealed class ReplyMergePolicy : TieredMergePolicy
{
    private volatile bool _deferred;

    /// <summary>Holds merges back (a bulk build); they resume when set back to false.</summary>
    public bool Deferred
    {
        get => _deferred;
        set => _deferred = value;
    }

    public override MergeSpecification? FindMerges(MergeTrigger mergeTrigger, SegmentInfos infos) =>
        _deferred ? null : base.FindMerges(mergeTrigger, infos);

    public override MergeSpecification? FindForcedMerges(SegmentInfos infos, int maxSegmentCount, IDictionary<SegmentCommitInfo, bool> segmentsToMerge)
    {
        if (maxSegmentCount < 2) return base.FindForcedMerges(infos, maxSegmentCount, segmentsToMerge);

        var writer = m_writer.Get();
        var merging = writer.MergingSegments;
        var eligible = infos.Segments.Where(segmentsToMerge.ContainsKey).ToList();
        // Called again as each merge finishes: the plan was made once, for all of them.
        if (eligible.Any(merging.Contains) || eligible.Count <= maxSegmentCount) return null;

        // Largest first into the lightest group: parts within a segment's size of each other.
        var groups = Enumerable.Range(0, maxSegmentCount).Select(_ => (Bytes: 0L, Segments: new List<SegmentCommitInfo>())).ToArray();
        foreach (var (segment, bytes) in eligible.Select(s => (s, Size(s))).OrderByDescending(p => p.Item2))
        {
            var lightest = Array.IndexOf(groups, groups.MinBy(g => g.Bytes));
            groups[lightest] = (groups[lightest].Bytes + bytes, groups[lightest].Segments);
            groups[lightest].Segments.Add(segment);
        }

        var spec = new MergeSpecification();
        foreach (var (_, segments) in groups)
        {
            // A lone segment without deletions is already what a merge would make of it.
            if (segments.Count == 1 && !segments[0].HasDeletions) continue;
            spec.Add(new OneMerge(segments));
        }
        return spec.Merges.Count == 0 ? null : spec;
    }
}
