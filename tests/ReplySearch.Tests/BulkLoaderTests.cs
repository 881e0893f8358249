using System.Security.Cryptography;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Parsing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// A bulk load (each thread's body bigrams inverted by sorting, added beside its own writer's segment) must
/// give the index that adding every reply through Lucene gives: the same terms, postings, positions, norms,
/// stored fields and doc values, reply by reply.
/// </summary>
public sealed class BulkLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    // Texts that bigram tokenization has to get right beyond the corpus: characters outside the BMP,
    // lone surrogates, white space and control characters inside words, folding, one character, none.
    private static readonly string[] AwkwardBodies =
    [
        "𠀀𠀁科技𠀂 创新",
        "前\uD800后\uDC00尾\uD800\uFFFD�",
        "第 2023 0006 号\t建议\u0001答复",
        "臺灣產業發展２０２３年二〇二三年ＡＢＣ",
        "产",
        "",
        "   \n\n  ",
    ];

    private static List<(string Id, string Hash, ReplyDocument Doc)> Replies()
    {
        var replies = new List<(string, string, ReplyDocument)>();
        foreach (var file in Repo.ReplyFiles)
        {
            var source = Path.GetFileName(file);
            var read = ReplyReader.Read(file, source);
            Assert.True(read.Ok, $"{source}: {read.Error}");
            replies.Add((DocumentMapper.IdFor(source), "h-" + source, read.Document!));
        }
        var seed = replies[0].Item3;
        for (var i = 0; i < AwkwardBodies.Length; i++)
        {
            var source = $"awkward/{i}.txt";
            replies.Add((DocumentMapper.IdFor(source), "h-" + source, seed with { Source = source, Text = AwkwardBodies[i], Sections = [] }));
        }
        return replies;
    }

    private ReplyIndex Reference(List<(string Id, string Hash, ReplyDocument Doc)> replies)
    {
        var index = ReplyIndex.OpenForWrite(_dir.Combine("reference"));
        foreach (var (id, hash, doc) in replies) index.Add(id, hash, doc);
        index.MergeSegments();
        index.Commit();
        return index;
    }

    [Theory]
    [InlineData(1, 8 << 20)] // one thread, one chunk
    [InlineData(1, 3000)]    // one thread, a chunk every few replies
    [InlineData(3, 5000)]    // three threads, each with its lane and several chunks
    public void A_bulk_load_builds_the_index_that_adding_through_Lucene_builds(int threads, int chunkTokens)
    {
        var replies = Replies();
        using var reference = Reference(replies);
        using var bulk = ReplyIndex.OpenForWrite(_dir.Combine("bulk"));
        using (bulk.DeferMerges())
        using (var loader = bulk.BulkLoad(chunkTokens))
        {
            var next = -1;
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < replies.Count) loader.Add(replies[i].Id, replies[i].Hash, replies[i].Doc);
                loader.FlushLane();
            })).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());
            loader.FlushAll();
        }
        bulk.MergeSegments();
        bulk.Commit();

        var expected = IndexDump.Lines(reference);
        var actual = IndexDump.Lines(bulk);
        Assert.True(expected.Count > 20_000, $"the reference dump has {expected.Count} lines");
        Assert.Contains(expected, l => l.StartsWith("text_grams|𠀀𠀁|", StringComparison.Ordinal));
        static string Cut(string line) => line.Length > 160 ? line[..160] + "…" : line;
        var missing = expected.Except(actual).Take(5).Select(Cut).ToList();
        var extra = actual.Except(expected).Take(5).Select(Cut).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && expected.Count == actual.Count,
            $"{expected.Count} lines expected, {actual.Count} built; missing: {string.Join(" / ", missing)}; extra: {string.Join(" / ", extra)}");
        Assert.False(Directory.Exists(Path.Combine(bulk.Path, BulkLoader.WorkFolder)), "the lanes' folder is removed");
    }

    [Fact]
    public void An_empty_index_built_from_a_corpus_is_the_index_adding_one_by_one_builds()
    {
        // CorpusIndexer fills an empty index through the bulk loader; an index that already holds replies takes them one by one.
        using var built = ReplyIndex.OpenForWrite(_dir.Combine("built"));
        var report = CorpusIndexer.Run(built, Repo.Corpus);
        Assert.Empty(report.Failed);
        using var reference = ReplyIndex.OpenForWrite(_dir.Combine("one-by-one"));
        foreach (var file in Repo.ReplyFiles)
        {
            var source = Path.GetFileName(file);
            var bytes = File.ReadAllBytes(file);
            reference.Add(DocumentMapper.IdFor(source), Convert.ToHexStringLower(SHA256.HashData(bytes)), ReplyReader.Parse(bytes, source).Document!);
        }
        reference.MergeSegments();
        reference.Commit();

        Assert.Equal(IndexDump.Lines(reference), IndexDump.Lines(built));
        Assert.False(Directory.Exists(Path.Combine(built.Path, BulkLoader.WorkFolder)));
    }

    [Fact]
    public void A_bulk_run_over_an_index_adds_new_replies_by_the_loader_and_replaces_changed_ones()
    {
        // A third of the corpus first; then all of it, one of the first third changed: a bulk run (three
        // times as many files as replies) with both new and changed replies.
        var corpus = _dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        var files = Repo.ReplyFiles;
        foreach (var file in files.Take(files.Count / 3)) File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        using var index = ReplyIndex.OpenForWrite(_dir.Combine("index"));
        Assert.Equal(files.Count / 3, CorpusIndexer.Run(index, corpus).Indexed);
        foreach (var file in files.Skip(files.Count / 3)) File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        var changed = Path.Combine(corpus, Path.GetFileName(files[0]));
        File.AppendAllText(changed, "\n补充说明：本答复另附龙湖软件园产学研合作名单。\n");

        var report = CorpusIndexer.Run(index, corpus);
        Assert.Equal(files.Count - files.Count / 3 + 1, report.Indexed);
        Assert.Equal(files.Count / 3 - 1, report.Unchanged);

        using var clean = ReplyIndex.OpenForWrite(_dir.Combine("clean"));
        CorpusIndexer.Run(clean, corpus);
        Assert.Equal(IndexDump.Lines(clean), IndexDump.Lines(index));
        Assert.Equal(1, index.Search(new Core.Search.SearchRequest { Query = "\"龙湖软件园产学研合作名单\"" }).Total);
    }

    public void Dispose() => _dir.Dispose();
}
