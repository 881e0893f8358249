using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// How far a PDF's Flate streams expand, measured before the PDF library reads them: a 200 KB file can hold
/// a stream that inflates to hundreds of megabytes, which the library would expand in full and then parse
/// into operators (gigabytes). Each stream is inflated into a small reused buffer, counting, and the count
/// stops at the cap, so measuring costs at most the cap in time and nothing in memory.
/// </summary>
public static partial class PdfStreams
{
    /// <summary>
    /// A reply's page descriptions, fonts and metadata expand to a few megabytes even over dozens of pages.
    /// Images are left out: the reader never decodes them.
    /// </summary>
    public const long MaxExpandedBytes = 48L * 1024 * 1024;

    /// <summary>
    /// Page descriptions (content streams and form XObjects) alone: the library turns every operator into
    /// objects, about 25 bytes of memory and 0.2 µs per byte of stream (16 MB: 3.5 s and 400 MB). A dense
    /// page is 10–50 KB, so this is a hundred-page document.
    /// </summary>
    public const long MaxContentBytes = 8L * 1024 * 1024;

    private static readonly byte[] Keyword = "stream"u8.ToArray();

    /// <summary>Throws <see cref="InvalidDataException"/> when the non-image Flate streams, or the page descriptions among them, expand to more than their caps.</summary>
    public static void CheckExpandedSize(byte[] pdf, long max = MaxExpandedBytes, long maxContent = MaxContentBytes)
    {
        long total = 0, content = 0;
        var buffer = new byte[64 * 1024];
        var span = pdf.AsSpan();
        for (var at = span.IndexOf(Keyword); at >= 0;)
        {
            var keyword = at;
            var next = span[(keyword + Keyword.Length)..].IndexOf(Keyword);
            at = next < 0 ? -1 : keyword + Keyword.Length + next;
            if (!OpensStream(span, keyword, out var dictionary)) continue;
            if (dictionary.Contains("/Image", StringComparison.Ordinal) || !Flate().IsMatch(dictionary)) continue;
            // A page's content stream names nothing but its length and filters; a form XObject is a page description too.
            var describesPage = dictionary.Contains("/Form", StringComparison.Ordinal) || !OtherStream().IsMatch(dictionary);
            var data = keyword + Keyword.Length;
            if (data < pdf.Length && pdf[data] == '\r') data++;
            if (data < pdf.Length && pdf[data] == '\n') data++;
            // Like the library: the two zlib header bytes are skipped, the rest is raw deflate.
            if (data + 2 >= pdf.Length) continue;
            try
            {
                using var inflate = new DeflateStream(new MemoryStream(pdf, data + 2, pdf.Length - data - 2, writable: false), CompressionMode.Decompress);
                int read;
                while ((read = inflate.Read(buffer)) > 0)
                {
                    total += read;
                    if (describesPage) content += read;
                    if (total > max)
                        throw new InvalidDataException($"a PDF whose streams expand to more than {max / (1024 * 1024)} MB (a reply's are a few MB): refused unread");
                    if (content > maxContent)
                        throw new InvalidDataException($"a PDF whose page descriptions expand to more than {maxContent / (1024 * 1024)} MB (a reply's pages take tens of KB each): refused unread");
                }
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith("a PDF whose", StringComparison.Ordinal))
            {
                // A damaged stream inflates only so far; the library reports it, or skips it, in its turn.
            }
        }
    }

    /// <summary>Whether "stream" at this offset opens a stream (after a dictionary's &gt;&gt;, not inside "endstream"), and that dictionary.</summary>
    private static bool OpensStream(ReadOnlySpan<byte> pdf, int keyword, out string dictionary)
    {
        dictionary = "";
        var i = keyword - 1;
        while (i >= 0 && pdf[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0 or 12) i--;
        if (i < 1 || pdf[i] != '>' || pdf[i - 1] != '>') return false;
        // The dictionary starts after its object header ("12 0 obj"); a dictionary is a few hundred bytes.
        var from = Math.Max(0, i - 4096);
        var window = pdf[from..(i + 1)];
        var obj = window.LastIndexOf("obj"u8);
        dictionary = Encoding.Latin1.GetString(obj >= 0 ? window[(obj + 3)..] : window);
        return true;
    }

    /// <summary>Keys of streams that are not page descriptions: fonts, object and cross-reference streams, colour profiles, metadata.</summary>
    [GeneratedRegex(@"/(?:Type|Subtype|Length[123]|N)(?![A-Za-z0-9])")]
    private static partial Regex OtherStream();

    /// <summary>The Flate filter, by its name or its inline-image abbreviation.</summary>
    [GeneratedRegex(@"/Fl(?:ateDecode)?(?![A-Za-z])")]
    private static partial Regex Flate();
}
