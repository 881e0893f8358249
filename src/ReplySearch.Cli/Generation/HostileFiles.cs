using System.IO.Compression;
using System.Text;

namespace ReplySearch.Cli.Generation;

/// <summary>
/// The files of the hardening review (issue #22), written from their description: decompression bombs
/// (.docx, PDF Flate stream), pathological HTML (deep nesting, tens of thousands of label/value pairs, also
/// inside an MHTML archive), malformed Word packages and a maximal plain text. Each must be refused with
/// a reason or read in bounded time and memory: the regression tests read them, and
/// <c>replysearch generate --hostile</c> writes them for <c>replysearch parse --stats</c> to measure.
/// </summary>
public static class HostileFiles
{
    /// <param name="Name">The file name; its extension picks the reader.</param>
    /// <param name="Fault">What is wrong with it, in words.</param>
    /// <param name="Refusal">A phrase of the reason it is refused with; null when it must be read.</param>
    public sealed record Hostile(string Name, string Fault, string? Refusal, Func<byte[]> Bytes);

    private const string WordNamespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    private const string ReplyBody = "<w:p><w:r><w:t>王明代表：</w:t></w:r></w:p><w:p><w:r><w:t>您提出的建议收悉，现答复如下：已办理。</w:t></w:r></w:p>";

    public static IReadOnlyList<Hostile> All { get; } =
    [
        new("nested-divs.html", "100,000 nested divs (1.1 MB)", "nested more than", () => NestedDivs(100_000)),
        new("label-value-spans.html", "60,000 label/value span pairs (3 MB)", "elements", () => LabelValueSpans(60_000)),
        new("nested-divs.mhtml", "100,000 nested divs inside an MHTML archive", "nested more than", () => Mhtml(NestedDivs(100_000))),
        new("docx-bomb.docx", "a 400 KB .docx whose document.xml expands to 140 M characters", "text parts expand to more than", () => Docx(DocumentXml(withFiller: true), fillerChars: 140_000_000)),
        new("docx-media-bomb.docx", "a .docx with a part of zeros that expands to 80 MB", "expands to more than 64 MB", () => Docx(DocumentXml(), zeros: 80L << 20)),
        new("docx-unclosed.docx", "a 1 KB .docx whose document.xml has an unclosed element", "not a readable .docx", () => Docx($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {WordNamespace}><w:body><w:p><w:r><w:t>王明代表：</w:t></w:r>")),
        new("docx-doctype.docx", "a .docx whose document.xml declares a DOCTYPE", "not a readable .docx", () => Docx($"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]><w:document {WordNamespace}><w:body>{ReplyBody}</w:body></w:document>")),
        new("pdf-flate-bomb.pdf", "a 200 KB PDF whose page stream inflates to 200 MB", "expand to more than", () => Pdf(200L << 20)),
        new("max-length.txt", "a reply of 990,000 characters, just under the length cap", null, () => Encoding.UTF8.GetBytes(LongReply(990_000))),
    ];

    /// <summary>Writes every file into a folder; returns their paths.</summary>
    public static IReadOnlyList<string> WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var file in All)
        {
            var path = Path.Combine(folder, file.Name);
            File.WriteAllBytes(path, file.Bytes());
            paths.Add(path);
        }
        return paths;
    }

    public static byte[] NestedDivs(int depth)
    {
        var sb = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>关于第1号建议的答复</title></head><body>");
        for (var i = 0; i < depth; i++) sb.Append("<div>");
        sb.Append("王明代表：您提出的建议收悉，现答复如下。");
        for (var i = 0; i < depth; i++) sb.Append("</div>");
        return Encoding.UTF8.GetBytes(sb.Append("</body></html>").ToString());
    }

    public static byte[] LabelValueSpans(int pairs)
    {
        var sb = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body><ul>");
        for (var i = 0; i < pairs; i++) sb.Append("<li><span>索引号：</span><span>").Append(11370000 + i).Append("</span></li>");
        sb.Append("</ul><div>王明代表：您提出的建议收悉，现答复如下。</div>");
        return Encoding.UTF8.GetBytes(sb.Append("</body></html>").ToString());
    }

    /// <summary>A single-file web archive around a page, its HTML part in base64 as browsers save it.</summary>
    public static byte[] Mhtml(byte[] html)
    {
        var sb = new StringBuilder();
        sb.Append("MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"----part\"\r\n\r\n");
        sb.Append("------part\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\nContent-Location: http://example.gov.cn/reply.html\r\n\r\n");
        sb.Append(Convert.ToBase64String(html, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n------part--\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private const string Filler = "{filler}";

    /// <summary>A document.xml around a reply, optionally with a paragraph holding the filler placeholder <see cref="Docx"/> expands.</summary>
    public static string DocumentXml(bool withFiller = false) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {WordNamespace}><w:body>{ReplyBody}" +
        (withFiller ? $"<w:p><w:r><w:t>{Filler}</w:t></w:r></w:p>" : "") + "</w:body></w:document>";

    /// <summary>
    /// A minimal Word package around a document.xml, streamed into the zip: the filler placeholder (see
    /// <see cref="DocumentXml"/>) is written as <paramref name="fillerChars"/> characters of 答, never held in
    /// memory; <paramref name="zeros"/> adds a media part of that many zero bytes.
    /// </summary>
    public static byte[] Docx(string documentXml, long zeros = 0, long fillerChars = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                var filler = text.IndexOf(Filler, StringComparison.Ordinal);
                if (filler < 0)
                {
                    w.Write(text);
                    return;
                }
                w.Write(text[..filler]);
                var block = new string('答', 1 << 16);
                for (long written = 0; written < fillerChars; written += block.Length) w.Write(block);
                w.Write(text[(filler + Filler.Length)..]);
            }
            Add("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Add("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Add("word/document.xml", documentXml);
            if (zeros > 0)
            {
                using var s = zip.CreateEntry("word/media/zeros.bin", CompressionLevel.SmallestSize).Open();
                var block = new byte[1 << 20];
                for (long written = 0; written < zeros; written += block.Length) s.Write(block);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A one-page PDF with a line of text, whose content stream then continues with spaces to
    /// <paramref name="expandedBytes"/>: Flate packs them about a thousand to one.
    /// </summary>
    public static byte[] Pdf(long expandedBytes)
    {
        var text = "BT /F1 12 Tf 72 720 Td (Reply to proposal No. 12 of the session) Tj ET\n"u8.ToArray();
        using var packed = new MemoryStream();
        packed.Write([0x78, 0xDA]);
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(text);
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (long written = text.Length; written < expandedBytes; written += spaces.Length) deflate.Write(spaces);
        }
        return PdfFile(packed.ToArray());
    }

    /// <summary>A well-formed one-page PDF (catalog, pages, page, a Flate content stream, Helvetica, a cross-reference table).</summary>
    public static byte[] PdfFile(byte[] flateContent)
    {
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        Write("%PDF-1.4\n");
        void Object(string body, byte[]? stream = null)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\n");
            if (stream is not null)
            {
                Write("stream\n");
                pdf.Write(stream);
                Write("\nendstream\n");
            }
            Write("endobj\n");
        }
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        Object($"<< /Length {flateContent.Length} /Filter /FlateDecode >>", flateContent);
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write($"{o:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>A reply (salutation, reply wording, numbered sections) padded with its own sentences to the given length.</summary>
    public static string LongReply(int chars)
    {
        var sb = new StringBuilder("关于市十七届人大一次会议第1号建议的答复\n王明代表：\n您提出的建议收悉，现答复如下：\n");
        var n = 1;
        while (sb.Length < chars - 200)
        {
            sb.Append(ChineseNumber(n++)).Append("、加强产学研合作\n");
            for (var i = 0; i < 20 && sb.Length < chars - 200; i++) sb.Append("我们将继续推进科技型中小企业培育工作，完善政策体系，加大资金支持力度。\n");
        }
        return sb.Append("感谢您对我们工作的关心和支持。\n").ToString();
    }

    private static string ChineseNumber(int n) => n < 10 ? "一二三四五六七八九"[n - 1].ToString() : n.ToString();
}
