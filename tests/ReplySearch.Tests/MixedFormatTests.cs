using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>A folder holding every format (and files that cannot be read), indexed once into a real index.</summary>
public sealed class MixedFolder : IDisposable
{
    private readonly TempDir _dir = new();

    public ReplyIndex Index { get; }
    public IndexReport Report { get; }

    public MixedFolder()
    {
        var corpus = _dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        foreach (var row in FormatTests.Twins()) File.Copy(Path.Combine(FormatTests.Fixtures, (string)row[0]), Path.Combine(corpus, (string)row[0]));
        foreach (var unreadable in new[] { "126_keji_2019_scan.pdf", "locked.pdf" }) File.Copy(Path.Combine(FormatTests.Fixtures, unreadable), Path.Combine(corpus, unreadable));
        File.WriteAllBytes(Path.Combine(corpus, "old.doc"), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        Index = ReplyIndex.OpenForWrite(_dir.Combine("index"));
        Report = CorpusIndexer.Run(Index, corpus);
    }

    public void Dispose()
    {
        Index.Dispose();
        _dir.Dispose();
    }
}

/// <summary>`replysearch index` over a folder that mixes the formats: every reply as its twin, findable and marked.</summary>
public class MixedFormatTests(MixedFolder folder) : IClassFixture<MixedFolder>
{
    [Theory]
    [MemberData(nameof(FormatTests.Twins), MemberType = typeof(FormatTests))]
    public void Indexing_a_mixed_folder_gives_each_reply_the_fields_of_its_twin(string fixture, string twin, bool sameMetadata)
    {
        var indexed = folder.Index.Get(DocumentMapper.IdFor(fixture));
        Assert.NotNull(indexed);
        var source = ReplyReader.Read(Path.Combine(Repo.Corpus, twin), twin).Document!;
        FormatTests.AssertSameReply(source, indexed);
        if (sameMetadata) Assert.Equal(source.Metadata, indexed.Metadata);
    }

    [Theory]
    [InlineData("000_keji_2023.pdf", "龙湖软件园")]
    [InlineData("110_kejiting_2020.pdf", "山区县在杭州")]
    [InlineData("105_keji_2016.docx", "推动产学研深度融合")]
    [InlineData("101_jiaoyu_2023.html", "产教融合")]
    [InlineData("106_shengtai_2020_dl.html", "四级河长3685名")]
    [InlineData("116_keji_2025_alternate.html", "研发投入后补助")]
    [InlineData("121_minzheng_2019_spans.html", "农村幸福院")]
    [InlineData("132_nongye_2023.mhtml", "江南大学")]
    [InlineData("107_renshe_2017_gbk.txt", "政策知晓度")]
    [InlineData("109_keji_2022_big5.txt", "新型研發機構")]
    public void Search_finds_and_marks_text_in_every_format(string fixture, string phrase)
    {
        var result = folder.Index.Search(new SearchRequest { Query = $"\"{phrase}\"", Size = 20 });
        var hit = Assert.Single(result.Hits, h => h.Source == fixture);
        Assert.Contains(hit.Snippets, s => s.Html.Contains($"<mark>{phrase}</mark>"));
    }

    [Fact]
    public void Scans_and_doc_files_are_reported_not_indexed_empty()
    {
        Assert.Equal(FormatTests.Twins().Count(), folder.Report.Indexed);
        Assert.Equal(FormatTests.Twins().Count(), folder.Index.Count);
        var failed = folder.Report.Failed.ToDictionary(f => f.Path, f => f.Reason);
        Assert.Equal(["126_keji_2019_scan.pdf", "locked.pdf", "old.doc"], failed.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("needs OCR", failed["126_keji_2019_scan.pdf"]);
        Assert.Contains("encrypted PDF", failed["locked.pdf"]);
        Assert.Contains("convert it to .docx", failed["old.doc"]);
        Assert.Null(folder.Index.Get(DocumentMapper.IdFor("126_keji_2019_scan.pdf")));
    }
}
