using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>Replies as archives hold them: each format gives the same fields as its Markdown twin.</summary>
public class FormatTests
{
    internal static string Fixtures => Repo.FormatFixtures;

    /// <summary>A fixture, its twin in corpus/, and whether the twin carries the same portal metadata.</summary>
    public static TheoryData<string, string, bool> Twins() => new()
    {
        // A saved portal page in GBK (declared gb2312): nested layout tables, a metadata table, navigation,
        // breadcrumb, share and print buttons, 上一篇/下一篇 links and a site footer. Made by make_html.py.
        { "101_jiaoyu_2023.html", "101_md_jiaoyu_2023.md", false },
        // The rest are made by make_fixtures.sh (see README.md beside them).
        // PDF: running header, — N — page numbers, 龙湖软|件园 split by a page break.
        { "000_keji_2023.pdf", "000_692654a2db3241dc.txt", true },
        // PDF: letterhead, a title set over two centred lines, 第N页 共M页 footers.
        { "110_kejiting_2020.pdf", "110_letter_kejiting_2020.txt", true },
        // Word: metadata in a table, a page header and a PAGE field in the footer.
        { "105_keji_2016.docx", "105_md_keji_2016.md", false },
        // Portal pages: metadata as a definition list, on alternate lines, as label and value spans (GBK).
        { "106_shengtai_2020_dl.html", "106_portal_shengtai_2020.txt", true },
        { "116_keji_2025_alternate.html", "116_portal_keji_2025.txt", true },
        { "121_minzheng_2019_spans.html", "121_portal_minzheng_2019.txt", true },
        // A single-file web archive: GBK HTML in quoted-printable beside a base64 image.
        { "132_nongye_2023.mhtml", "132_portal_nongye_2023.txt", true },
        // Plain text without a BOM in GBK and in Big5.
        { "107_renshe_2017_gbk.txt", "107_txt_renshe_2017.txt", true },
        { "109_keji_2022_big5.txt", "109_trad_keji_2022.txt", true },
    };

    /// <summary>The corpus's own PDF, Word, HTML, MHTML, GBK and Big5 files, and the sources they were made from.</summary>
    public static TheoryData<string, string> CorpusTwins() => new()
    {
        { "137_pdf_keji_2024.pdf", "137_pdf_keji_2024.md" },
        { "138_pdf_jiaotong_2021.pdf", "138_pdf_jiaotong_2021.md" },
        { "139_docx_weijian_2022.docx", "139_docx_weijian_2022.md" },
        { "140_docx_shuiwu_2023.docx", "140_docx_shuiwu_2023.md" },
        { "141_html_minzheng_2024.html", "141_html_minzheng_2024.md" },
        { "142_html_ziranziyuan_2022.html", "142_html_ziranziyuan_2022.md" },
        { "143_mhtml_wenlv_2023.mhtml", "143_mhtml_wenlv_2023.md" },
        { "144_gbk_huanbao_2019.txt", "144_gbk_huanbao_2019.txt" },
        { "145_big5_jiaoyu_2021.txt", "145_big5_jiaoyu_2021.txt" },
    };

    [Theory]
    [MemberData(nameof(CorpusTwins))]
    public void A_corpus_file_in_another_format_gives_the_fields_and_text_of_its_source(string file, string source)
    {
        var read = ReplyReader.Read(Path.Combine(Repo.Corpus, file), file);
        var twin = ReplyReader.Read(Path.Combine(Fixtures, "sources", source), source);
        Assert.True(read.Ok, read.Error);
        AssertSameReply(twin.Document!, read.Document!);
        // 139's metadata table exists only in the Word file (make_fixtures.sh writes it); the rest carry their source's.
        if (file.StartsWith("139")) return;
        Assert.Equal(twin.Document!.Metadata, read.Document!.Metadata);
        Assert.Equal(
            new { twin.Document.HandlingRole, twin.Document.ContentCategory, twin.Document.IndexNumber, twin.Document.Disclosure, twin.Document.SubmittedDate },
            new { read.Document.HandlingRole, read.Document.ContentCategory, read.Document.IndexNumber, read.Document.Disclosure, read.Document.SubmittedDate });
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void A_format_gives_the_fields_and_text_of_its_markdown_twin(string fixture, string twin, bool sameMetadata)
    {
        var page = ReplyReader.Read(Path.Combine(Fixtures, fixture), fixture);
        var source = ReplyReader.Read(Path.Combine(Repo.Corpus, twin), twin);
        Assert.True(page.Ok, page.Error);
        AssertSameReply(source.Document!, page.Document!);
        if (sameMetadata) Assert.Equal(source.Document!.Metadata, page.Document!.Metadata);
    }

    /// <summary>The fields, delegates, section headings and clean text of a reply and its twin are equal.</summary>
    internal static void AssertSameReply(ReplySearch.Core.Model.ReplyDocument a, ReplySearch.Core.Model.ReplyDocument b)
    {
        Assert.Equal(
            new { a.Agency, a.Year, a.Date, a.DocNumber, a.Title, a.Kind, a.Session, a.ProposalNumber, a.ProposalTitle, a.HandlingType, a.Leader, a.Handler, a.Phone, a.Cc },
            new { b.Agency, b.Year, b.Date, b.DocNumber, b.Title, b.Kind, b.Session, b.ProposalNumber, b.ProposalTitle, b.HandlingType, b.Leader, b.Handler, b.Phone, b.Cc });
        Assert.Equal(a.Delegates, b.Delegates);
        Assert.Equal(a.Sections.Select(s => s.Heading), b.Sections.Select(s => s.Heading));
        Assert.Equal(a.Text, b.Text);
    }

    [Fact]
    public void A_word_twin_gives_the_same_fields_its_metadata_table_and_no_header_or_footer()
    {
        var twin = ReplyReader.Read(Path.Combine(Repo.Corpus, "101_md_jiaoyu_2023.md"), "101.md").Document!;
        using var dir = new TempDir();
        var path = dir.Combine("101.docx");
        DocxWriter.Write(path, twin.Text.Split('\n'), twin.Sections.Where(s => s.Heading is not null).Select(s => s.Heading!).ToHashSet(),
            [("索引号", "11370700MB2853311X/2023-00042"), ("发布机构", twin.Agency!), ("公开方式", "主动公开"), ("内容分类", "教育")]);

        var read = ReplyReader.Read(path, "101.docx");
        Assert.True(read.Ok, read.Error);
        Assert.Equal("docx", read.Encoding);
        var d = read.Document!;
        AssertSameReply(twin, d);
        Assert.Equal("主动公开", d.Metadata["公开方式"]);
        Assert.DoesNotContain("内部资料", d.Text);
        Assert.DoesNotContain("共3页", d.Text);
    }

    [Fact]
    public void An_old_binary_doc_gets_a_convert_to_docx_message()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.Combine("old.doc"), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        var read = ReplyReader.Read(dir.Combine("old.doc"), "old.doc");
        Assert.False(read.Ok);
        Assert.Contains("convert it to .docx", read.Error);
    }

    [Fact]
    public void A_portal_page_yields_its_metadata_and_drops_its_chrome()
    {
        var page = ReplyReader.Read(Path.Combine(Fixtures, "101_jiaoyu_2023.html"), "page.html");
        Assert.Equal("gb18030 (declared)", page.Encoding);
        var d = page.Document!;
        Assert.Equal("11370700MB2853311X/2023-00042", d.Metadata["索引号"]);
        Assert.Equal("主动公开", d.Metadata["公开方式"]);
        Assert.Equal("教育", d.Metadata["内容分类"]);
        foreach (var chrome in new[] { "上一篇", "下一篇", "首页", "分享到", "打印本页", "ICP", "统计代码", "主办单位" }) Assert.DoesNotContain(chrome, d.Text);
    }

    [Fact]
    public void Label_and_value_siblings_are_metadata_only_when_they_make_up_their_block()
    {
        // The list's rows are label/value pairs; in the body, 内容分类 is one span among the sentence's spans.
        var html = "<html><body><ul class=\"meta\"><li><span>索引号：</span><span>1137/2024-00001</span></li><li><span>公开方式：</span><span>主动公开</span></li></ul>"
            + "<div><p>关于第5号建议的答复</p><p>王建国代表：</p><p>您的建议收悉。现答复如下：</p><p>一、加快海绵城市建设</p><p>全年新建海绵城市片区3个。</p>"
            + "<p><span>二、</span><span>完善</span><span>内容分类</span><span>科技</span><span>管理</span><span>制度</span></p><p>改造雨污管网12公里。</p><p>潍坊市住房和城乡建设局</p><p>2024年6月1日</p></div></body></html>";
        var d = ReplyParser.Parse(HtmlExtractor.Extract(System.Text.Encoding.UTF8.GetBytes(html)).Text);
        Assert.Equal(new Dictionary<string, string> { ["索引号"] = "1137/2024-00001", ["公开方式"] = "主动公开" }, d.Metadata);
        Assert.Contains("二、完善内容分类科技管理制度", d.Text);
        Assert.Equal(["一、加快海绵城市建设", "二、完善内容分类科技管理制度"], d.Sections.Where(s => s.Heading is not null).Select(s => s.Heading));
        Assert.Contains("改造雨污管网12公里", d.Text);
    }

    [Theory]
    [InlineData("not a MIME message at all", "not a readable MHTML archive")]
    [InlineData("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n", "without a text/html part")]
    public void An_mhtml_without_a_page_is_refused_with_the_reason(string content, string reason)
    {
        var read = ReplyReader.Parse(System.Text.Encoding.ASCII.GetBytes(content), "saved.mhtml");
        Assert.False(read.Ok);
        Assert.Contains(reason, read.Error);
    }

    [Fact]
    public void A_page_without_a_declared_charset_is_detected()
    {
        var html = "<html><body><div class=\"nav\">首页 | 政务公开</div><div><p>关于第5号建议的答复</p><p>王建国代表：</p><p>您的建议收悉。现答复如下：</p><p>一、加快海绵城市建设</p><p>全年新建海绵城市片区3个。</p><p>潍坊市住房和城乡建设局</p><p>2024年6月1日</p></div></body></html>";
        var decoded = HtmlExtractor.Extract(System.Text.Encoding.UTF8.GetBytes(html));
        Assert.Equal("utf-8", decoded.Encoding);
        var d = ReplyParser.Parse(decoded.Text);
        Assert.Equal("潍坊市住房和城乡建设局", d.Agency);
        Assert.Equal(["一、加快海绵城市建设"], d.Sections.Where(s => s.Heading is not null).Select(s => s.Heading));
        Assert.DoesNotContain("首页", d.Text);
    }

    [Fact]
    public void Search_finds_and_marks_text_in_a_saved_page()
    {
        using var dir = new TempDir();
        var corpus = dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        File.Copy(Path.Combine(Fixtures, "101_jiaoyu_2023.html"), Path.Combine(corpus, "page.html"));
        using var index = ReplyIndex.OpenForWrite(dir.Combine("index"));
        var report = CorpusIndexer.Run(index, corpus);
        Assert.Equal(1, report.Indexed);
        var hit = Assert.Single(index.Search(new SearchRequest { Query = "产教融合" }).Hits);
        Assert.Equal("page.html", hit.Source);
        Assert.Contains(hit.Snippets, s => s.Html.Contains("<mark>产教融合</mark>"));
        Assert.Equal(0, index.Search(new SearchRequest { Query = "河长制" }).Total); // only in the page's 下一篇 link
    }
}
