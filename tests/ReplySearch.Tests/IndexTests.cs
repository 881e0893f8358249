using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
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

/// <summary>An indexing thread reuses its Field instances: nothing of one reply may leak into the next.</summary>
public class ReusedFieldTests
{
    [Fact]
    public void Replies_indexed_one_after_another_on_one_thread_keep_only_their_own_fields()
    {
        using var dir = new TempDir();
        using var index = ReplyIndex.OpenForWrite(dir.Combine("index"));
        var full = new ReplyDocument
        {
            Source = "a.txt", Title = "关于产学研合作的答复", Agency = "临沂市科学技术局", Year = 2023,
            Delegates = ["王建国", "李红梅"], Text = "产学研合作平台建设。", HandlingType = "A",
        };
        var bare = new ReplyDocument { Source = "b.txt", Text = "湖泊治理工作。" };
        var second = full with { Source = "c.txt", Agency = "潍坊市教育局", Year = 2019, Delegates = ["张伟"], Text = "职业教育。" };
        // Same thread, in this order: the bare reply comes between two with every field.
        index.Upsert(DocumentMapper.IdFor(full.Source), "h1", full);
        index.Upsert(DocumentMapper.IdFor(bare.Source), "h2", bare);
        index.Upsert(DocumentMapper.IdFor(second.Source), "h3", second);
        index.Commit();

        var all = index.Search(new SearchRequest { Query = "", Size = 10 });
        Assert.Equal(3, all.Total);
        Assert.Equal([new FacetValue("临沂市科学技术局", 1), new FacetValue("潍坊市教育局", 1)], all.Facets[FieldTable.Agency].OrderBy(v => v.Value, StringComparer.Ordinal));
        Assert.Equal(["张伟", "李红梅", "王建国"], all.Facets[FieldTable.Delegate].Select(v => v.Value).Order(StringComparer.Ordinal));
        Assert.Equal(["2019", "2023"], all.Facets[FieldTable.Year].Select(v => v.Value).Order());
        var b = index.Get(DocumentMapper.IdFor("b.txt"))!;
        Assert.Null(b.Agency);
        Assert.Empty(b.Delegates);
        Assert.Equal("湖泊治理工作。", b.Text);
        Assert.Equal(["b.txt"], index.Search(new SearchRequest { Query = "湖泊" }).Hits.Select(h => h.Source));
        Assert.Equal(["c.txt"], index.Search(new SearchRequest { Query = "职业教育", Filters = new Dictionary<ReplyField, string> { [FieldTable.Agency] = "潍坊" } }).Hits.Select(h => h.Source));
        Assert.Empty(index.Search(new SearchRequest { Query = "产学研", Filters = new Dictionary<ReplyField, string> { [FieldTable.Delegate] = "张伟" } }).Hits);
    }
}
