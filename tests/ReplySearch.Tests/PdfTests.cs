using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;
using ReplySearch.Tests.Support;
using Line = ReplySearch.Core.Parsing.PdfExtractor.PdfLine;

namespace ReplySearch.Tests;

/// <summary>PDFs with a text layer, read with PdfPig: page furniture gone, cut lines and words rejoined, scans refused.</summary>
public class PdfTests
{
    private static ReplySearch.Core.Model.ReadResult Read(string name) => ReplyReader.Read(Path.Combine(FormatTests.Fixtures, name), name);

    [Fact]
    public void Running_headers_and_page_numbers_are_dropped()
    {
        var read = Read("000_keji_2023.pdf");
        Assert.True(read.Ok, read.Error);
        Assert.Equal("pdf", read.Encoding);
        var text = read.Document!.Text;
        Assert.DoesNotContain("临沂市科学技术局建议提案答复", text); // the running header of every page
        Assert.DoesNotMatch(@"—\s*\d+\s*—", text);                  // — 2 —
        Assert.Equal(0, text.Split('\n').Count(l => l.Trim().All(char.IsDigit)));
    }

    [Fact]
    public void A_word_split_by_a_page_break_is_rejoined()
    {
        var text = Read("000_keji_2023.pdf").Document!.Text;
        Assert.Contains("龙湖软件园成为我市第一个国家级专业化科技企业孵化器", text);
        Assert.Contains("破解技术难题236项。", text);
    }

    [Fact]
    public void A_title_set_over_two_centred_lines_is_one_title()
    {
        var d = Read("110_kejiting_2020.pdf").Document!;
        Assert.Equal("浙江省科学技术厅关于省十三届人大三次会议第567号建议的答复", d.Title);
        Assert.DoesNotContain("共", d.Text.Split('\n').Where(l => l.StartsWith('第')).FirstOrDefault() ?? "");
        Assert.DoesNotContain("第1页", d.Text);
        Assert.Equal("浙科函[2020]33号", d.DocNumber);
        Assert.Equal("浙江省科学技术厅", d.Agency); // the signature block
    }

    [Theory]
    [InlineData("126_keji_2019_scan.pdf", "needs OCR")]
    [InlineData("locked.pdf", "encrypted PDF")]
    public void Unreadable_pdfs_are_refused_with_the_reason(string file, string reason)
    {
        var read = Read(file);
        Assert.False(read.Ok);
        Assert.Contains(reason, read.Error);
    }

    [Theory]
    [InlineData(new[] { "对市二十届人大二次会议第20230006号建议的答复", "崔文虎等代表：" }, 0.0)]
    [InlineData(new[] { "\uE001\uE002\uE003\uE004", "\uFFFD\uFFFD 2" }, 0.857)] // 6 of 7 characters
    public void Text_without_a_unicode_map_is_measured_as_unmapped(string[] lines, double share) =>
        Assert.Equal(share, PdfExtractor.UnmappedShare(lines), 3);

    [Fact]
    public void A_damaged_pdf_is_refused_with_the_reason()
    {
        var bytes = File.ReadAllBytes(Path.Combine(FormatTests.Fixtures, "000_keji_2023.pdf"))[..400];
        var read = ReplyReader.Parse(bytes, "cut.pdf");
        Assert.False(read.Ok);
        Assert.StartsWith("not a readable PDF", read.Error);
        Assert.Equal("not a PDF (no %PDF- header)", ReplyReader.Parse("关于第5号建议的答复"u8.ToArray(), "named.pdf").Error);
    }

    // A4 lines of 15 pt type: the body measure runs from x=80 to x=515; lines 26 pt apart.
    private static Line L(string text, double left, double right, double y = 700, double size = 15, int page = 1) =>
        new(page, text, left, right, y, size, 842);

    public static TheoryData<string, Line[], string> Layouts() => new()
    {
        {
            "a full line without a stop continues",
            [L("近年来，我市共与国内外多所高校开展产学研合作，累计", 110, 515), L("建成各类科技创新平台1047个。", 80, 300, 674)],
            "近年来，我市共与国内外多所高校开展产学研合作，累计建成各类科技创新平台1047个。"
        },
        {
            "a full line ending a sentence continues when the next line is not indented",
            [L("近年来，我市共与国内外多所高校开展产学研合作，成效明显。", 110, 515), L("累计建成各类科技创新平台1047个。", 80, 320, 674)],
            "近年来，我市共与国内外多所高校开展产学研合作，成效明显。累计建成各类科技创新平台1047个。"
        },
        {
            "an indented line after a stop starts a paragraph",
            [L("近年来，我市共与国内外多所高校开展产学研合作，成效明显。", 110, 515), L("下一步，我们将继续加大投入。", 110, 320, 674)],
            "近年来，我市共与国内外多所高校开展产学研合作，成效明显。\n下一步，我们将继续加大投入。"
        },
        {
            "a short line ends its paragraph",
            [L("崔文虎等代表：", 80, 185), L("您提出的建议收悉。感谢您对科技工作的关心和支持，现答复如", 110, 515, 674), L("下：", 80, 110, 648)],
            "崔文虎等代表：\n您提出的建议收悉。感谢您对科技工作的关心和支持，现答复如下："
        },
        {
            "two centred lines in a larger size are one title",
            [L("浙江省科学技术厅关于省十三届人大三次会议", 97.5, 497.5, 700, 20), L("第567号建议的答复", 207.5, 387.5, 668, 20)],
            "浙江省科学技术厅关于省十三届人大三次会议第567号建议的答复"
        },
        {
            "a right-aligned signature and date stay apart",
            [L("下一步，我们将认真吸收您的意见建议，持续加大投入，全面推", 110, 515), L("动高质量发展。", 80, 185, 674), L("临沂市科学技术局", 365, 485, 648), L("2023年7月24日", 380, 485, 622)],
            "下一步，我们将认真吸收您的意见建议，持续加大投入，全面推动高质量发展。\n临沂市科学技术局\n2023年7月24日"
        },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Lines_are_joined_into_paragraphs_by_their_layout(string behaviour, Line[] lines, string expected)
    {
        // Enough ordinary body lines for the measure to be known, then the case.
        var body = Enumerable.Range(0, 6).Select(i => L("加快推进技术成果转化，全年共登记技术合同3167项，成交额156.5", 80, 515, 300 - 26 * i, page: 2));
        var text = PdfExtractor.Paragraphs([.. lines, .. body]);
        Assert.True(text.StartsWith(expected + "\n", StringComparison.Ordinal), $"{behaviour}: {text}");
    }

    [Fact]
    public void Lines_repeated_at_the_top_or_bottom_of_most_pages_are_dropped()
    {
        var pages = Enumerable.Range(1, 3).Select(p => new List<Line>
        {
            L($"潍坊市科学技术局 2024-{p:00}", 200, 400, 790, 9, p),
            L($"第{p}段正文，内容各不相同，不会重复出现在别的页面上。", 80, 515, 700, 15, p),
            L($"第{p}页 共3页", 260, 330, 45, 10.5, p),
        }).ToList();
        var kept = PdfExtractor.DropRunningLines(pages);
        Assert.Equal(["第1段正文，内容各不相同，不会重复出现在别的页面上。", "第2段正文，内容各不相同，不会重复出现在别的页面上。", "第3段正文，内容各不相同，不会重复出现在别的页面上。"],
            kept.Select(l => l.Text));
    }
}
