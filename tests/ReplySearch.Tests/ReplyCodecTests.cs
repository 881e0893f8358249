using System.Text;
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
/// The index's codec stores fields through K4os LZ4 in blocks of its own framing: every stored value must
/// come back byte for byte, whatever its size, after flushes, merges and a reopen from disk.
/// </summary>
public class ReplyCodecTests
{
    // Sizes around the 16 KB chunk: empty, tiny, several documents per chunk, one document per chunk, and
    // documents of two or more chunks, which Lucene writes as separately compressed slices.
    public static readonly TheoryData<int> Sizes = new() { 0, 1, 100, 5_000, 16_384, 40_000, 200_000 };

    private static byte[] Value(int size, int seed, bool compressible)
    {
        var random = new Random(seed);
        if (!compressible)
        {
            var noise = new byte[size];
            random.NextBytes(noise);
            return noise;
        }
        // Reply-like text: sentences repeated within and across documents, as LZ4 sees them.
        var sentences = new[] { "市科技局高度重视产学研合作。", "感谢您对我市科技工作的关心和支持！", "联系电话：0539-7570021。", "龙湖软件园建设有序推进。" };
        var text = new StringBuilder();
        while (Encoding.Unicode.GetByteCount(text.ToString()) < size) text.Append(sentences[random.Next(sentences.Length)]).Append(seed);
        return Encoding.Unicode.GetBytes(text.ToString())[..size];
    }

    private static List<byte[]> Write(Lucene.Net.Store.Directory dir, IEnumerable<byte[]> values, int maxBufferedDocs, bool forceMerge)
    {
        var written = values.ToList();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            Codec = new ReplyCodec(),
            MaxBufferedDocs = maxBufferedDocs,
            MergeScheduler = new SerialMergeScheduler(),
            MergePolicy = new TieredMergePolicy(),
        };
        using var writer = new IndexWriter(dir, config);
        for (var i = 0; i < written.Count; i++)
        {
            writer.AddDocument([new StringField("n", i.ToString(), Field.Store.YES), new StoredField("value", new BytesRef(written[i]))]);
        }
        writer.Commit();
        if (forceMerge) writer.ForceMerge(1);
        writer.Commit();
        return written;
    }

    private static void AssertStored(Lucene.Net.Store.Directory dir, List<byte[]> expected)
    {
        using var reader = DirectoryReader.Open(dir);
        Assert.Equal(expected.Count, reader.NumDocs);
        var seen = new List<int>();
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            var stored = reader.Document(doc);
            var n = int.Parse(stored.Get("n"));
            seen.Add(n);
            var value = stored.GetBinaryValue("value");
            Assert.True(expected[n].AsSpan().SequenceEqual(value.Bytes.AsSpan(value.Offset, value.Length)), $"document {n} ({expected[n].Length} bytes) came back changed");
        }
        // Each document's own number too: a document read from a neighbour's bytes would repeat one.
        Assert.Equal(Enumerable.Range(0, expected.Count), seen.Order());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Stored_values_come_back_byte_for_byte_at_every_size(int size)
    {
        using var dir = new TempDir();
        using var fs = FSDirectory.Open(dir.Path);
        // Three of each kind, so that a chunk holds neighbours on both sides of a document.
        var values = Enumerable.Range(0, 6).Select(i => Value(size, i, compressible: i % 2 == 0));
        var written = Write(fs, values, maxBufferedDocs: 100, forceMerge: false);
        AssertStored(fs, written);
    }

    [Fact]
    public void Stored_values_survive_a_merge_of_many_flushed_segments()
    {
        using var dir = new TempDir();
        using var fs = FSDirectory.Open(dir.Path);
        // Small flushes leave segments whose last chunks are partly full: the merge copies full chunks as
        // they are and recompresses the rest.
        var values = Enumerable.Range(0, 60).Select(i => Value(new[] { 0, 300, 7_000, 20_000, 45_000 }[i % 5], i, compressible: i % 3 != 0));
        var written = Write(fs, values, maxBufferedDocs: 7, forceMerge: true);
        using (var reader = DirectoryReader.Open(fs)) Assert.Single(reader.Leaves);
        AssertStored(fs, written);
    }

    [Fact]
    public void An_index_built_from_the_corpus_is_written_with_this_codec_and_reads_back()
    {
        using var dir = new TempDir();
        var path = dir.Combine("index");
        using (var index = ReplyIndex.OpenForWrite(path)) CorpusIndexer.Run(index, Repo.Corpus);
        var infos = new SegmentInfos();
        using var fs = FSDirectory.Open(path);
        infos.Read(fs);
        Assert.All(infos.Segments, s => Assert.Equal("ReplySearch1", s.Info.Codec.Name));
        using var search = ReplyIndex.OpenForSearch(path);
        var texts = search.WithSearcher(s => Enumerable.Range(0, s.IndexReader.MaxDoc)
            .Select(d => DocumentMapper.FromStored(s.Doc(d)).Text).ToList());
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Contains(texts, t => t.Contains("产学研", StringComparison.Ordinal));
    }
}
