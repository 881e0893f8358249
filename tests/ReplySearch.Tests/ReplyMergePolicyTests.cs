using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// The merge policy of a bulk build: nothing merged while the build runs, then one final merge. Merges
/// run on the committing thread here (SerialMergeScheduler), so that what a commit leaves behind is fixed.
/// </summary>
public class ReplyMergePolicyTests
{
    // Twelve commits of 1 … 12 documents: more segments than a tier holds, so the tiered policy merges.
    private static readonly int[] Batches = Enumerable.Range(1, 12).ToArray();

    private static int[] BuildSegments(ReplyMergePolicy policy, Action<IndexWriter>? atEnd = null)
    {
        using var dir = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            MergePolicy = policy,
            MergeScheduler = new SerialMergeScheduler(),
        };
        using (var writer = new IndexWriter(dir, config))
        {
            var id = 0;
            foreach (var size in Batches)
            {
                for (var i = 0; i < size; i++) writer.AddDocument([new StringField("id", (id++).ToString(), Field.Store.NO), new TextField("body", $"reply {id}", Field.Store.NO)]);
                writer.Commit();
            }
            atEnd?.Invoke(writer);
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(dir);
        Assert.Equal(Batches.Sum(), reader.NumDocs);
        return reader.Leaves.Select(l => l.AtomicReader.MaxDoc).ToArray();
    }

    [Fact]
    public void Tiered_merging_runs_when_merges_are_not_held_back()
    {
        Assert.True(BuildSegments(new ReplyMergePolicy()).Length < Batches.Length);
    }

    [Fact]
    public void Held_back_merges_leave_every_committed_segment_as_it_was_flushed()
    {
        var sizes = BuildSegments(new ReplyMergePolicy { Deferred = true });
        Assert.Equal(Batches.Order(), sizes.Order());
    }

    [Fact]
    public void The_final_merge_of_held_back_segments_makes_one_segment_of_every_document()
    {
        Assert.Equal([Batches.Sum()], BuildSegments(new ReplyMergePolicy { Deferred = true }, w => w.ForceMerge(1)));
    }

    [Fact]
    public void A_bulk_build_of_the_corpus_ends_in_one_segment_without_deletions()
    {
        using var dir = new TempDir();
        var path = dir.Combine("index");
        using (var index = ReplyIndex.OpenForWrite(path))
        {
            CorpusIndexer.Run(index, Repo.Corpus);
        }
        using var reader = DirectoryReader.Open(FSDirectory.Open(path));
        Assert.Single(reader.Leaves);
        Assert.Equal(reader.NumDocs, reader.MaxDoc);
    }
}
