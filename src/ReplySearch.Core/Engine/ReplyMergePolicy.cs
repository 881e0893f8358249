using Lucene.Net.Index;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: TieredMergePolicy during a bulk build.
// Proved equal by: ReplyMergePolicyTests.

/// <summary>
/// Lucene's tiered merging, except that while a bulk build runs (<see cref="Deferred"/>) no merge is
/// started: both cores invert text instead of rewriting segments that the build's final merge into one
/// segment rewrites anyway.
/// </summary>
internal sealed class ReplyMergePolicy : TieredMergePolicy
{
    private volatile bool _deferred;

    // A forced merge into one segment merges every segment at once: Lucene's default takes 30 at a time,
    // and a 100,000-reply bulk build has more, so part of the index was rewritten twice.
    public ReplyMergePolicy() => MaxMergeAtOnceExplicit = 1000;

    /// <summary>Holds merges back (a bulk build); they resume when set back to false.</summary>
    public bool Deferred
    {
        get => _deferred;
        set => _deferred = value;
    }

    /// <summary>A bulk build's segments are merged into one at its end: packing each into a compound file first is a copy for nothing.</summary>
    public override bool UseCompoundFile(SegmentInfos infos, SegmentCommitInfo mergedInfo) =>
        !_deferred && base.UseCompoundFile(infos, mergedInfo);

    public override MergeSpecification? FindMerges(MergeTrigger mergeTrigger, SegmentInfos infos) =>
        _deferred ? null : base.FindMerges(mergeTrigger, infos);
}
