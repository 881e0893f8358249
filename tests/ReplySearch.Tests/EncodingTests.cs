using System.Text;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

public class EncodingTests
{
    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, string> Encodings() => new()
    {
        { "gb18030", "gb18030" },
        { "utf-16le-bom", "utf-16le" },
        { "utf-16be-bom", "utf-16be" },
        { "utf-16le", "utf-16le" },
        { "utf-8-bom", "utf-8-bom" },
        { "utf-8", "utf-8" },
    };

    private static byte[] Encode(string text, string how) => how switch
    {
        "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(text),
        "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
        "utf-16be-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
        "utf-16le" => Encoding.Unicode.GetBytes(text),
        "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
        _ => Encoding.UTF8.GetBytes(text),
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Seed_reads_the_same_in_every_encoding(string how, string detected)
    {
        var text = File.ReadAllText(Repo.Seed);
        using var dir = new TempDir();
        var path = dir.Combine("seed.txt");
        File.WriteAllBytes(path, Encode(text, how));

        var result = ReplyReader.Read(path, "seed.txt");

        Assert.True(result.Ok, result.Error);
        Assert.Equal(detected, result.Encoding);
        Assert.Equal("临沂市科学技术局", result.Document!.Agency);
        Assert.Contains("龙湖软件园", result.Document.Text);
        Assert.Equal(ReplyParser.Parse(text, "seed.txt").Text, result.Document.Text);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00 }, "binary")]
    public void Unreadable_files_are_errors_with_a_reason(byte[] bytes, string reason)
    {
        using var dir = new TempDir();
        var path = dir.Combine("bad.txt");
        File.WriteAllBytes(path, bytes);
        var result = ReplyReader.Read(path, "bad.txt");
        Assert.False(result.Ok);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void Big5_text_in_traditional_script_is_detected_without_a_hint()
    {
        var traditional = ICU4N.Text.Transliterator.GetInstance("Simplified-Traditional").Transliterate(File.ReadAllText(Repo.Seed));
        var bytes = Encoding.GetEncoding("big5", new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback).GetBytes(traditional);
        using var dir = new TempDir();
        File.WriteAllBytes(dir.Combine("big5.txt"), bytes);
        var result = ReplyReader.Read(dir.Combine("big5.txt"), "big5.txt");
        Assert.True(result.Ok, result.Error);
        Assert.Equal("big5", result.Encoding);
        // The facet value is the canonical simplified name; the form as written is kept beside it.
        Assert.Equal("临沂市科学技术局", result.Document!.Agency);
        Assert.Equal("臨沂市科學技術局", result.Document.AgencyAsWritten);
        Assert.Equal("20230006", result.Document.ProposalNumber);
    }

    [Theory]
    [InlineData("GBK")]
    [InlineData("GB2312")]
    [InlineData("GB18030")]
    public void Simplified_double_byte_text_is_read_as_gb18030(string encoding)
    {
        var bytes = Encoding.GetEncoding(encoding, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback).GetBytes(File.ReadAllText(Repo.Seed));
        var decoded = TextDecoder.Decode(bytes);
        Assert.Equal("gb18030", decoded.Encoding);
        Assert.Contains("临沂市科学技术局", decoded.Text);
    }

    [Fact]
    public void Gbk_text_is_never_read_as_mojibake()
    {
        var bytes = Encoding.GetEncoding("GBK").GetBytes("关于产学研合作的答复\n王建国代表：\n您的建议收悉。");
        var decoded = TextDecoder.Decode(bytes);
        Assert.Equal("gb18030", decoded.Encoding);
        Assert.StartsWith("关于产学研合作的答复", decoded.Text);
    }
}
