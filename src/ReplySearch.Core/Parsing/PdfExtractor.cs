using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// A PDF with a text layer → the text the reply parser reads. Lines are rebuilt from PdfPig's letters
/// (grouped by baseline, ordered by x); running headers, footers and page numbers are dropped; lines
/// that a wrap or a page break cut are joined back into paragraphs, and a title set over two centred
/// lines becomes one line. A scan without text is refused as "needs OCR". Pure: bytes in, text out.
/// </summary>
public static partial class PdfExtractor
{
    /// <summary>One line of one page, in points from the page's bottom left.</summary>
    public sealed record PdfLine(int Page, string Text, double Left, double Right, double Baseline, double Size, double PageHeight);

    public static TextDecoder.Decoded Extract(byte[] bytes, CancellationToken cancel = default)
    {
        if (!LooksLikePdf(bytes)) throw new InvalidDataException("not a PDF (no %PDF- header)");
        PdfStreams.CheckExpandedSize(bytes);
        List<List<PdfLine>> pages;
        int images;
        try
        {
            using var document = PdfDocument.Open(bytes);
            pages = [];
            images = 0;
            foreach (var page in document.GetPages())
            {
                cancel.ThrowIfCancellationRequested();
                pages.Add(Lines(page));
                images += page.NumberOfImages;
            }
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new InvalidDataException($"an encrypted PDF that needs a password ({e.Message})");
        }
        catch (Exception e) when (e is not (InvalidDataException or OutOfMemoryException or OperationCanceledException))
        {
            // PdfPig reports damage through many exception types; each is the file's fault, not ours.
            throw new InvalidDataException($"not a readable PDF ({e.GetType().Name}: {e.Message})");
        }
        if (pages.Count == 0) throw new InvalidDataException("a PDF without pages");
        var characters = pages.Sum(p => p.Sum(l => l.Text.Count(c => !char.IsWhiteSpace(c))));
        // A scan carries its text as pictures: a page number or two of text is still a scan.
        if (characters < 10 * pages.Count)
        {
            throw new InvalidDataException(images > 0
                ? $"needs OCR: a scanned PDF without a text layer ({pages.Count} page(s), {images} image(s), {characters} characters of text)"
                : $"needs OCR: a PDF without a text layer ({pages.Count} page(s), {characters} characters of text)");
        }
        // Fonts embedded without a Unicode map give codes, not characters: the text layer is there but unreadable.
        if (UnmappedShare(pages.SelectMany(p => p).Select(l => l.Text)) > 0.3)
        {
            throw new InvalidDataException($"needs OCR: the PDF's text layer does not map to characters (fonts without a Unicode map; {pages.Count} page(s))");
        }
        var body = DropRunningLines(pages);
        return new TextDecoder.Decoded(Paragraphs(body), "pdf");
    }

    /// <summary>The share of characters that are replacement marks, private-use codes or controls.</summary>
    internal static double UnmappedShare(IEnumerable<string> texts)
    {
        int all = 0, unmapped = 0;
        foreach (var c in texts.SelectMany(t => t))
        {
            if (char.IsWhiteSpace(c)) continue;
            all++;
            if (c is '\uFFFD' or >= '\uE000' and <= '\uF8FF' || char.IsControl(c)) unmapped++;
        }
        return all == 0 ? 0 : unmapped / (double)all;
    }

    private static bool LooksLikePdf(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
        return head.Contains("%PDF-", StringComparison.Ordinal);
    }

    // ---- lines from letters ---------------------------------------------------------------------

    /// <summary>The page's horizontal letters grouped by baseline, each line ordered by x.</summary>
    internal static List<PdfLine> Lines(Page page)
    {
        // Rotated letters are seals, watermarks and margin notes, not the reply's text.
        var letters = page.Letters.Where(l => l.TextOrientation == TextOrientation.Horizontal && l.Value.Length > 0)
            .OrderByDescending(l => l.StartBaseLine.Y).ThenBy(l => l.StartBaseLine.X).ToList();
        var lines = new List<PdfLine>();
        var group = new List<Letter>();
        foreach (var letter in letters)
        {
            if (group.Count > 0 && Math.Abs(group[0].StartBaseLine.Y - letter.StartBaseLine.Y) > 0.4 * Size(group[0]))
            {
                AddLine(page, group, lines);
                group = [];
            }
            group.Add(letter);
        }
        AddLine(page, group, lines);
        return lines;
    }

    private static double Size(Letter l) => l.PointSize > 0 ? l.PointSize : Math.Max(1, l.BoundingBox.Height);

    private static void AddLine(Page page, List<Letter> group, List<PdfLine> lines)
    {
        var visible = group.Where(l => !string.IsNullOrWhiteSpace(l.Value)).OrderBy(l => l.StartBaseLine.X).ToList();
        if (visible.Count == 0) return;
        var spaces = group.Where(l => string.IsNullOrWhiteSpace(l.Value)).Select(l => l.StartBaseLine.X).Order().ToList();
        var size = visible.Select(Size).Order().ElementAt(visible.Count / 2);
        // Justified lines spread every letter a little: what counts as a gap is relative to the line's usual spacing.
        var gaps = new List<double>(visible.Count);
        for (var i = 1; i < visible.Count; i++) gaps.Add(visible[i].StartBaseLine.X - visible[i - 1].EndBaseLine.X);
        var usual = gaps.Count == 0 ? 0 : Math.Max(0, gaps.Order().ElementAt(gaps.Count / 2));
        var sb = new StringBuilder();
        for (var i = 0; i < visible.Count; i++)
        {
            if (i > 0)
            {
                var prev = visible[i - 1];
                var gap = visible[i].StartBaseLine.X - prev.EndBaseLine.X;
                var drawnSpace = spaces.Any(x => x >= prev.StartBaseLine.X && x < visible[i].StartBaseLine.X);
                var latinBoth = IsLatin(sb[^1]) && IsLatin(visible[i].Value[0]);
                // Chinese has no spaces between characters. A space drawn as such, or a wide gap, is kept
                // and the cleaner decides: it drops spaces beside Chinese, keeping those before a label (李振 电话：).
                if (drawnSpace || gap - usual > (latinBoth ? 0.2 : 0.6) * size) sb.Append(' ');
            }
            sb.Append(visible[i].Value);
        }
        var right = visible.Max(l => l.EndBaseLine.X);
        lines.Add(new PdfLine(page.Number, sb.ToString().Trim(), visible[0].StartBaseLine.X, right, visible[0].StartBaseLine.Y, size, page.Height));
    }

    private static bool IsLatin(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '%' or '-' or '/' or ',';

    // ---- running headers, footers and page numbers ------------------------------------------------

    /// <summary>
    /// Lines near the top or bottom of a page that are page numbers, or that repeat (digits aside) on most
    /// pages, are the page's furniture, not the reply.
    /// </summary>
    internal static List<PdfLine> DropRunningLines(List<List<PdfLine>> pages)
    {
        static bool InBand(PdfLine l) => l.Baseline > l.PageHeight * 0.88 || l.Baseline < l.PageHeight * 0.12;
        var pagesWith = new Dictionary<string, HashSet<int>>();
        foreach (var l in pages.SelectMany(p => p).Where(InBand))
        {
            var key = RunningKey(l.Text);
            if (!pagesWith.TryGetValue(key, out var set)) pagesWith[key] = set = [];
            set.Add(l.Page);
        }
        var need = Math.Max(2, (pages.Count + 1) / 2);
        return pages.SelectMany(p => p)
            .Where(l => !(InBand(l) && (PageNumber().IsMatch(Analysis.CharFolding.Fold(l.Text)) || pagesWith[RunningKey(l.Text)].Count >= need)))
            .ToList();
    }

    private static string RunningKey(string text) => Digits().Replace(text.Replace(" ", ""), "#");

    // ---- paragraphs ---------------------------------------------------------------------------------

    /// <summary>
    /// Lines joined into paragraphs. A line that fills the measure continues on the next line unless it
    /// ends a sentence and the next line is indented (a new paragraph); a title set over consecutive
    /// centred lines larger than the body is one title. Everything else ends its paragraph.
    /// </summary>
    internal static string Paragraphs(List<PdfLine> lines)
    {
        if (lines.Count == 0) return "";
        var bodySize = Median(lines.SelectMany(l => Enumerable.Repeat(l.Size, l.Text.Length)).ToList());
        var measured = lines.Where(l => l.Text.Length >= 10 && Math.Abs(l.Size - bodySize) < 0.15 * bodySize).ToList();
        if (measured.Count == 0) measured = lines;
        var left = measured.GroupBy(l => Math.Round(l.Left)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var rights = measured.Where(l => l.Left - left <= 2.5 * bodySize).Select(l => l.Right).Order().ToList();
        var right = rights[(int)Math.Floor((rights.Count - 1) * 0.9)];
        var middle = (left + right) / 2;

        // Centred: equal margins on both sides, and not the full measure (an indented full line is off by half its indent).
        bool Centred(PdfLine l) => l.Left - left > 0.5 * l.Size && Math.Abs((l.Left + l.Right) / 2 - middle) < 0.6 * l.Size;
        bool Full(PdfLine l) => l.Right >= right - 1.5 * l.Size && l.Left - left <= 2.5 * l.Size && !Centred(l);
        bool Indented(PdfLine l) => l.Left - left > 1.0 * l.Size;
        bool Larger(PdfLine l) => l.Size > bodySize * 1.1;

        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i > 0)
            {
                var prev = lines[i - 1];
                var endsSentence = EndsSentence().IsMatch(Analysis.CharFolding.Fold(prev.Text));
                var sameSize = Math.Abs(prev.Size - line.Size) < 0.15 * Math.Max(prev.Size, line.Size);
                var title = Centred(prev) && Centred(line) && Larger(prev) && Larger(line) && sameSize && !endsSentence;
                var wrapped = Full(prev) && sameSize && !Centred(line) && !(endsSentence && Indented(line));
                sb.Append(title || wrapped ? "" : "\n");
            }
            sb.Append(line.Text);
        }
        return sb.ToString();
    }

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // — 2 —, -2-, 2, 2/5, 第2页 共5页, Page 2 of 5 (on folded text: full-width forms are half-width).
    [GeneratedRegex(@"^(?:[-—–―‒_~·\s]*\d{1,4}[-—–―‒_~·\s]*|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"[。!?;:…]$")]
    private static partial Regex EndsSentence();
}
