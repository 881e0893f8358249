using ReplySearch.Core.Model;
using ReplySearch.Core.Parsing;

namespace ReplySearch.Core.Indexing;

/// <summary>
/// Reads one file into a document: the only place parsing meets the file system. Every failure becomes
/// a <see cref="ReadResult"/> with the path and the reason, never an exception.
/// </summary>
public static class ReplyReader
{
    /// <summary>Files larger than this are not replies (a reply is a few KB); reading them would only waste memory.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>A reply is a few thousand characters; a million is a dump, and parsing it would only stall the run.</summary>
    public const int MaxChars = 1_000_000;

    /// <summary>
    /// How long one file may take to read. The caps on sizes, streams and nesting keep every file well
    /// inside it; the budget is the backstop for a shape nobody foresaw, checked between the reading stages
    /// (and per page, per element) so that a file over it is refused instead of holding up the run.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public static ReadResult Read(string fullPath, string source, TimeSpan? budget = null)
    {
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists) return new ReadResult(source, null, "file not found", null);
            if (info.Length > MaxBytes) return new ReadResult(source, null, $"too large for a reply ({info.Length:N0} bytes, limit {MaxBytes:N0})", null);
            var bytes = File.ReadAllBytes(fullPath);
            return Parse(bytes, source, budget);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ReadResult(source, null, e.Message, null);
        }
    }

    public static ReadResult Parse(byte[] bytes, string source, TimeSpan? budget = null)
    {
        var allowed = budget ?? Budget;
        using var deadline = new CancellationTokenSource(allowed);
        var overBudget = $"took more than {allowed.TotalSeconds:0.###} s to read (the time allowed for one file): refused";
        TextDecoder.Decoded decoded;
        try
        {
            var extension = Path.GetExtension(source);
            decoded = extension.ToLowerInvariant() switch
            {
                ".html" or ".htm" => HtmlExtractor.Extract(bytes, cancel: deadline.Token),
                ".mhtml" or ".mht" => MhtmlExtractor.Extract(bytes, deadline.Token),
                ".docx" or ".doc" => DocxExtractor.Extract(bytes, deadline.Token),
                ".pdf" => PdfExtractor.Extract(bytes, deadline.Token),
                _ => TextDecoder.Decode(bytes),
            };
            deadline.Token.ThrowIfCancellationRequested();
        }
        catch (InvalidDataException e)
        {
            return new ReadResult(source, null, e.Message, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new ReadResult(source, null, overBudget, null);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // A reader's library failing on a file it should have refused is still one bad file: reported
            // with its reason, never a crash of the run or a 500 for an upload.
            return new ReadResult(source, null, $"could not be read ({e.GetType().Name}: {e.Message})", null);
        }
        if (decoded.Text.Length > MaxChars)
        {
            return new ReadResult(source, null, $"too long for a reply ({decoded.Text.Length:N0} characters, limit {MaxChars:N0})", decoded.Encoding);
        }
        var doc = ReplyParser.Parse(decoded.Text, source);
        if (deadline.IsCancellationRequested) return new ReadResult(source, null, overBudget, decoded.Encoding);
        if (doc.Text.Trim().Length == 0) return new ReadResult(source, null, "no text after cleaning", decoded.Encoding);
        // A reply answers a proposal: it has a title, addresses someone, cites the proposal's number, or
        // says that it replies (收悉, 答复如下, 协办意见 …). Only a text with none of these is turned away.
        if (doc.Title is null && doc.Addressee is null && doc.ProposalNumber is null && !ReplyParser.HasReplySignal(doc.Text))
        {
            return new ReadResult(source, null, "not a reply: no reply title, salutation, proposal number or reply wording (收悉, 答复如下) found", decoded.Encoding);
        }
        if (decoded.Warning is not null) doc = doc with { Warnings = [decoded.Warning, .. doc.Warnings] };
        return new ReadResult(source, doc, null, decoded.Encoding);
    }
}
