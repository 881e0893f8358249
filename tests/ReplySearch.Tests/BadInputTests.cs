using System.Text;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>A folder full of awkward files: each bad one is reported with its path and reason, everything else is indexed.</summary>
public class BadInputTests
{
    static BadInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void A_folder_of_bad_files_reports_each_and_indexes_everything_else()
    {
        using var dir = new TempDir();
        var corpus = dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        foreach (var f in Directory.GetFiles(Repo.Corpus)) File.Copy(f, Path.Combine(corpus, Path.GetFileName(f)));
        var good = Directory.GetFiles(corpus).Count(f => !f.EndsWith("README.md"));
        var seed = File.ReadAllBytes(Repo.Seed);

        File.WriteAllBytes(Path.Combine(corpus, "empty.txt"), []);
        File.WriteAllBytes(Path.Combine(corpus, "binary.txt"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 256)).ToArray());
        File.WriteAllBytes(Path.Combine(corpus, "huge.txt"), new byte[50 * 1024 * 1024]);
        File.WriteAllText(Path.Combine(corpus, "one-line.txt"), new string('科', 2_000_000));
        File.WriteAllText(Path.Combine(corpus, "news.txt"), "本报讯（记者 王明）昨日，我市举行春季植树活动，市民们热情高涨，共栽种树木三千余株。活动现场气氛热烈，志愿者们积极参与。");
        File.WriteAllText(Path.Combine(corpus, "page.html"), "<html><script>alert('脚本')</script><body><p>对第1号建议的答复</p><p>王建国代表：</p><p>答复正文。</p></body></html>");
        File.WriteAllText(Path.Combine(corpus, "data.xyz"), "not a format we read");
        // Readable but odd: indexed, with a warning where there is something to say.
        File.WriteAllBytes(Path.Combine(corpus, "truncated.txt"), seed[..^2]);           // cut inside the last character
        File.WriteAllBytes(Path.Combine(corpus, "gbk.txt"), Encoding.GetEncoding("GBK").GetBytes(File.ReadAllText(Repo.Seed)));
        // A symlink loop and a deep folder.
        Directory.CreateSymbolicLink(Path.Combine(corpus, "loop"), corpus);
        var deep = corpus;
        for (var i = 0; i < 120; i++) deep = Path.Combine(deep, "d");
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "deep.txt"), SmallIndex.Reply("关于第3号建议的答复", "深层目录中的答复：金丝楠木保护。"));

        using var index = ReplyIndex.OpenForWrite(dir.Combine("index"));
        var report = CorpusIndexer.Run(index, corpus);

        var failed = report.Failed.ToDictionary(f => f.Path, f => f.Reason);
        Assert.Contains("empty", failed["empty.txt"]);
        Assert.Contains("binary", failed["binary.txt"]);
        Assert.Contains("too large", failed["huge.txt"]);
        Assert.Contains("too long", failed["one-line.txt"]);
        Assert.Contains("not a reply", failed["news.txt"]);
        Assert.Equal(5, failed.Count);
        Assert.Contains(report.Skipped, s => s.Path == "data.xyz" && s.Reason.Contains("unsupported"));

        Assert.Equal(good + 4, report.Indexed); // the corpus, plus the truncated, the GBK, the page and the deep reply
        Assert.DoesNotContain("脚本", index.Get(DocumentMapper.IdFor("page.html"))!.Text); // scripts are dropped, never indexed
        var truncated = index.Get(DocumentMapper.IdFor("truncated.txt"))!;
        Assert.Contains(truncated.Warnings, w => w.Contains("truncated UTF-8"));
        Assert.Equal("临沂市科学技术局", index.Get(DocumentMapper.IdFor("gbk.txt"))!.Agency);
        Assert.Equal(1, index.Search(new SearchRequest { Query = "金丝楠木" }).Total);
    }
}
