using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

public class IndexTests
{
    private static string CopyCorpus(TempDir dir)
    {
        var target = dir.Combine("corpus");
        Directory.CreateDirectory(target);
        foreach (var f in Directory.GetFiles(Repo.Corpus)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        return target;
    }

    private static int ReplyFiles() => Directory.GetFiles(Repo.Corpus).Count(f => !Path.GetFileName(f).StartsWith("README"));

    [Fact]
    public void Indexing_the_corpus_indexes_every_reply_file()
    {
        using var dir = new TempDir();
        using var index = ReplyIndex.OpenForWrite(dir.Combine("index"));
        var report = CorpusIndexer.Run(index, Repo.Corpus);
        Assert.Empty(report.Failed);
        Assert.Equal(ReplyFiles(), report.Indexed);
        Assert.Equal(ReplyFiles(), index.Count);
    }

    [Fact]
    public void Re_indexing_an_unchanged_corpus_changes_nothing()
    {
        using var dir = new TempDir();
        var corpus = CopyCorpus(dir);
        using (var index = ReplyIndex.OpenForWrite(dir.Combine("index"))) CorpusIndexer.Run(index, corpus);
        using (var index = ReplyIndex.OpenForWrite(dir.Combine("index")))
        {
            var again = CorpusIndexer.Run(index, corpus);
            Assert.Equal(0, again.Indexed);
            Assert.Equal(ReplyFiles(), again.Unchanged);
            Assert.Equal(0, again.Removed);
            Assert.Equal(ReplyFiles(), index.Count);
        }
    }

    [Fact]
    public void Changed_files_are_re_indexed_and_removed_files_deleted()
    {
        using var dir = new TempDir();
        var corpus = CopyCorpus(dir);
        var seed = Path.Combine(corpus, "000_692654a2db3241dc.txt");
        var victim = Directory.GetFiles(corpus).First(f => !f.EndsWith("README.md") && f != seed);
        using var index = ReplyIndex.OpenForWrite(dir.Combine("index"));
        CorpusIndexer.Run(index, corpus);

        File.AppendAllText(seed, "\n\n附：新增的独特词语甲乙丙丁戊己。");
        File.Delete(victim);
        var report = CorpusIndexer.Run(index, corpus);

        Assert.Equal(1, report.Indexed);
        Assert.Equal(1, report.Removed);
        Assert.Equal(ReplyFiles() - 1, index.Count);
        Assert.Equal(1, index.Search(new SearchRequest { Query = "甲乙丙丁戊己" }).Total);
        Assert.Null(index.Get(DocumentMapper.IdFor(Path.GetFileName(victim))));
    }

    [Fact]
    public void A_broken_file_is_reported_with_its_reason_and_the_rest_indexed()
    {
        using var dir = new TempDir();
        var corpus = CopyCorpus(dir);
        File.WriteAllBytes(Path.Combine(corpus, "empty.txt"), []);
        File.WriteAllBytes(Path.Combine(corpus, "binary.txt"), [0x00, 0x01, 0x02, 0x03, 0xFF, 0x00, 0x10, 0x00, 0x00, 0x00]);
        using var index = ReplyIndex.OpenForWrite(dir.Combine("index"));
        var report = CorpusIndexer.Run(index, corpus);
        Assert.Equal(["binary.txt", "empty.txt"], report.Failed.Select(f => f.Path));
        Assert.All(report.Failed, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        Assert.Equal(ReplyFiles(), report.Indexed);
    }

    [Fact]
    public void Ids_are_stable_and_stored_documents_round_trip()
    {
        using var dir = new TempDir();
        using var index = ReplyIndex.OpenForWrite(dir.Combine("index"));
        CorpusIndexer.Run(index, Repo.Corpus);
        var id = DocumentMapper.IdFor("000_692654a2db3241dc.txt");
        Assert.Equal("b9d6fb1d1a2bb8c1".Length, id.Length);
        var doc = index.Get(id)!;
        var parsed = ReplyParser.Parse(File.ReadAllText(Repo.Seed), "000_692654a2db3241dc.txt");
        Assert.Equal(parsed.Text, doc.Text);
        Assert.Equal(parsed.Sections.Select(s => s.Heading), doc.Sections.Select(s => s.Heading));
        Assert.Equal(parsed.Delegates, doc.Delegates);
    }
}
