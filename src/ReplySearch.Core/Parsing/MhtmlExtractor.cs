using MimeKit;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// A page saved as one file (.mhtml/.mht, "Web archive, single file") → the text the reply parser reads.
/// The archive is a MIME message: its text/html part, decoded from quoted-printable or base64 and read in
/// the charset its part header names, goes the HTML path. Pure: bytes in, text out.
/// </summary>
public static class MhtmlExtractor
{
    public static TextDecoder.Decoded Extract(byte[] bytes, CancellationToken cancel = default)
    {
        MimeEntity entity;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            entity = MimeEntity.Load(stream);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"not a readable MHTML archive ({e.Message})");
        }
        // The page is the root part (multipart/related names its type); images and styles come after it.
        var html = Parts(entity).FirstOrDefault(p => p.ContentType.IsMimeType("text", "html"))
            ?? throw new InvalidDataException("an MHTML archive without a text/html part");
        using var content = new MemoryStream();
        html.Content?.DecodeTo(content);
        if (content.Length == 0) throw new InvalidDataException("an MHTML archive whose text/html part is empty");
        return HtmlExtractor.Extract(content.ToArray(), html.ContentType.Charset, cancel);
    }

    private static IEnumerable<MimePart> Parts(MimeEntity entity) => entity switch
    {
        Multipart multipart => multipart.SelectMany(Parts),
        MimePart part => [part],
        _ => [],
    };
}
