using ReplySearch.Cli.Generation;
using System.Text;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;

namespace ReplySearch.Tests;

/// <summary>
/// A .docx whose document.xml is broken, carries a DOCTYPE, or expands to far more than a reply: one bad
/// file, refused with its reason, never an exception out of the reader (issue #22, items 1 and 2).
/// </summary>
public class BrokenDocxTests
{
    private const string Body = "<w:body><w:p><w:r><w:t>王明代表：</w:t></w:r></w:p><w:p><w:r><w:t>您提出的建议收悉，现答复如下：已办理。</w:t></w:r></w:p></w:body>";
    private const string Namespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    /// <summary>A minimal Word package around the given document.xml text, and optionally a large extra part.</summary>
    internal static byte[] Docx(string documentXml, long extraZeros = 0) => HostileFiles.Docx(documentXml, extraZeros);

    [Fact]
    public void A_well_formed_package_of_the_helper_reads_as_a_reply()
    {
        // The control: the same package with a sound document.xml is read, so the cases below fail for their fault.
        var read = ReplyReader.Parse(Docx($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {Namespace}>{Body}</w:document>"), "good.docx");
        Assert.True(read.Ok, read.Error);
        Assert.Equal(["王明"], read.Document.Delegates);
    }

    public static TheoryData<string, byte[], string> Broken => new()
    {
        { "an unclosed element", Docx($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {Namespace}><w:body><w:p><w:r><w:t>王明代表：</w:t></w:r>"), "not a readable .docx" },
        { "a DOCTYPE", Docx($"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]><w:document {Namespace}>{Body}</w:document>"), "not a readable .docx" },
        { "a part that expands to 80 MB", Docx($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {Namespace}>{Body}</w:document>", 80L << 20), "expands to more than" },
        { "not a zip at all", Encoding.UTF8.GetBytes("王明代表：您提出的建议收悉。"), "not a readable .docx" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_docx_is_one_bad_file_with_its_reason(string fault, byte[] bytes, string reason)
    {
        var read = ReplyReader.Parse(bytes, "broken.docx");
        Assert.False(read.Ok, $"{fault}: read as a reply");
        Assert.Contains(reason, read.Error);
    }

    [Fact]
    public void The_bomb_is_refused_before_it_is_expanded()
    {
        var bytes = Docx($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {Namespace}>{Body}</w:document>", 80L << 20);
        Assert.True(bytes.Length < DocxExtractor.MaxExpandedBytes / 100, "the bomb should be small on disk");
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => DocxExtractor.Extract(bytes));
        // Refused from the zip directory: far less allocated than the 80 MB it would expand to.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8L << 20);
    }
}
