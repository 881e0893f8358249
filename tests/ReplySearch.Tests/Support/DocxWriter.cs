using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ReplySearch.Tests.Support;

/// <summary>
/// Writes a Word twin of a reply the way agencies' files look: a metadata table at the top, the reply's
/// paragraphs (headings bold, in a heading style), and a page header and footer that a reader must ignore.
/// </summary>
public static class DocxWriter
{
    public static void Write(string path, IEnumerable<string> paragraphs, IReadOnlySet<string> headings, IEnumerable<(string Label, string Value)> metadata)
    {
        using var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        var body = new Body();

        var table = new Table(new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 })));
        var cells = metadata.ToList();
        for (var i = 0; i < cells.Count; i += 2)
        {
            var row = new TableRow();
            foreach (var (label, value) in cells.Skip(i).Take(2))
            {
                row.Append(Cell(label), Cell(value));
            }
            table.Append(row);
        }
        body.Append(table);

        foreach (var text in paragraphs)
        {
            var heading = headings.Contains(text);
            var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
            if (heading) run.PrependChild(new RunProperties(new Bold()));
            var p = new Paragraph(run);
            if (heading) p.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = "Heading2" }));
            body.Append(p);
        }

        var header = main.AddNewPart<HeaderPart>();
        header.Header = new Header(new Paragraph(new Run(new Text("潍坊市教育局内部资料 注意保存"))));
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(new Run(new Text("第1页 共3页"))));
        body.Append(new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static TableCell Cell(string text) => new(new Paragraph(new Run(new Text(text))));
}
