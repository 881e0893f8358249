using Lucene.Net.Codecs.PerField;
using Lucene.Net.Index;
using Lucene.Net.Store;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// The postings of the bigram field and of every other field are written to files of their own, and a merge
/// writes the two groups on two threads: the merged index must hold every posting the replies give, and pass
/// Lucene's own check.
/// </summary>
public sealed class FieldGroupPostingsFormatTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static List<(string Id, ReplyDocument Doc)> Corpus() =>
        Repo.ReplyFiles
            .Select(f => (DocumentMapper.IdFor(Path.GetFileName(f)), ReplyReader.Read(f, Path.GetFileName(f)).Document!))
            .ToList();

    [Fact]
    public void Merging_segments_writes_both_groups_and_keeps_every_posting()
    {
        var replies = Corpus();
        Assert.True(replies.Count >= 20, $"{replies.Count} replies in the corpus");

        // One segment per commit, then one merge of them all: the merge writes the two groups side by side.
        using var merged = ReplyIndex.OpenForWrite(_dir.Combine("merged"));
        foreach (var chunk in replies.Chunk(4))
        {
            foreach (var (id, doc) in chunk) merged.Add(id, "h", doc);
            merged.Commit();
        }
        Assert.True(merged.WithSearcher(s => s.IndexReader.Leaves.Count) > 1, "several segments before the merge");
        merged.MergeSegments();
        merged.Commit();

        // The same replies in one flushed segment: written field by field, no merge.
        using var flushed = ReplyIndex.OpenForWrite(_dir.Combine("flushed"));
        foreach (var (id, doc) in replies) flushed.Add(id, "h", doc);
        flushed.Commit();

        Assert.Equal(1, merged.WithSearcher(s => s.IndexReader.Leaves.Count));
        Assert.Equal(1, flushed.WithSearcher(s => s.IndexReader.Leaves.Count));
        Assert.Equal(IndexDump.Lines(flushed), IndexDump.Lines(merged));

        // Two groups of postings files; the bigram field alone in its group.
        var groups = merged.WithSearcher(s =>
        {
            var infos = s.IndexReader.Leaves[0].AtomicReader.FieldInfos;
            return infos.Where(f => f.IsIndexed).ToDictionary(f => f.Name, f => f.GetAttribute(PerFieldPostingsFormat.PER_FIELD_SUFFIX_KEY));
        });
        Assert.Equal(2, groups.Values.Distinct().Count());
        Assert.Single(groups, g => g.Value == groups[Schema.TextGrams]);
        var suffixes = System.IO.Directory.GetFiles(merged.Path, "*.pos").Select(f => Path.GetFileNameWithoutExtension(f).Split('_')[^1]).Distinct().ToList();
        Assert.Equal(2, suffixes.Count);
    }

    [Fact]
    public void A_merged_index_passes_Lucenes_check()
    {
        using (var index = ReplyIndex.OpenForWrite(_dir.Combine("index")))
        {
            foreach (var chunk in Corpus().Chunk(5))
            {
                foreach (var (id, doc) in chunk) index.Add(id, "h", doc);
                index.Commit();
            }
            index.MergeSegments();
            index.Commit();
        }
        using var dir = FSDirectory.Open(_dir.Combine("index"));
        var status = new CheckIndex(dir).DoCheckIndex();
        Assert.True(status.Clean, $"{status.TotLoseDocCount} documents lost, segments: {status.NumBadSegments} bad");
        var segment = Assert.Single(status.SegmentInfos);
        Assert.Null(segment.TermIndexStatus.Error);
        Assert.True(segment.TermIndexStatus.TotFreq > 50_000, $"{segment.TermIndexStatus.TotFreq} postings checked");
    }

    public void Dispose() => _dir.Dispose();
}
