using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// A Word .docx → the text the reply parser reads: the body's paragraphs in order (page headers and
/// footers live in other parts and are never read), and tables as rows — a table of portal metadata
/// labels becomes 标签：值 lines. An old binary .doc is refused with advice. Pure: bytes in, text out.
/// </summary>
public static class DocxExtractor
{
    public static TextDecoder.Decoded Extract(byte[] bytes, CancellationToken cancel = default)
    {
        // An OLE compound file (D0 CF 11 E0) is the old binary Word format, which this does not read.
        if (bytes.Length >= 4 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0)
        {
            throw new InvalidDataException("an old binary Word .doc file: convert it to .docx (e.g. libreoffice --headless --convert-to docx)");
        }
        try
        {
            CheckExpandedSize(bytes);
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("a .docx without a document body");
            var text = new StringBuilder();
            foreach (var element in body.ChildElements)
            {
                cancel.ThrowIfCancellationRequested();
                switch (element)
                {
                    case Paragraph p:
                        text.Append(Text(p)).Append('\n');
                        break;
                    case Table t:
                        AppendTable(t, text);
                        break;
                }
            }
            return new TextDecoder.Decoded(text.ToString(), "docx");
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.IO.InvalidDataException
            or System.IO.FileFormatException or System.Xml.XmlException)
        {
            // A broken or DOCTYPE-carrying document.xml (XmlException) is a bad file like any other.
            throw new InvalidDataException($"not a readable .docx ({e.Message})");
        }
    }

    /// <summary>
    /// A reply's .docx expands to well under a few megabytes; this much is a decompression bomb, refused from
    /// the sizes its zip directory declares before anything is expanded.
    /// </summary>
    public const long MaxExpandedBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The XML parts alone (document, styles, relationships): the Word library builds a tree of these, some
    /// twenty times their size in memory. A long reply's document.xml is well under a megabyte.
    /// </summary>
    public const long MaxXmlBytes = 8L * 1024 * 1024;

    private static void CheckExpandedSize(byte[] bytes)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
        long total = 0, xml = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)) xml += entry.Length;
            if (xml > MaxXmlBytes)
                throw new InvalidDataException($"a .docx whose text parts expand to more than {MaxXmlBytes / (1024 * 1024)} MB (a reply's are under one): refused unread");
            if (total > MaxExpandedBytes)
                throw new InvalidDataException($"a .docx that expands to more than {MaxExpandedBytes / (1024 * 1024)} MB (a reply is a few KB): refused unread");
        }
    }

    private static string Text(Paragraph p)
    {
        var sb = new StringBuilder();
        foreach (var run in p.Descendants<Run>())
        {
            foreach (var child in run.ChildElements)
            {
                switch (child)
                {
                    case DocumentFormat.OpenXml.Wordprocessing.Text t: sb.Append(t.Text); break;
                    case TabChar: sb.Append(' '); break;
                    case Break: sb.Append('\n'); break;
                }
            }
        }
        return sb.ToString();
    }

    private static void AppendTable(Table table, StringBuilder text)
    {
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = row.Elements<TableCell>().Select(c => string.Join("", c.Elements<Paragraph>().Select(Text)).Trim()).ToList();
            var labelled = false;
            for (var i = 0; i + 1 < cells.Count; i += 2)
            {
                if (!PortalMetadata.Labels.Contains(cells[i].TrimEnd(':', '：'))) continue;
                text.Append(cells[i].TrimEnd(':', '：')).Append('：').Append(cells[i + 1]).Append('\n');
                labelled = true;
            }
            if (!labelled) text.Append(string.Join(" ", cells.Where(c => c.Length > 0))).Append('\n');
        }
    }
}
