namespace ReplySearch.Core.Model;

/// <summary>What reading one file gave: a document, or the reason it could not be read.</summary>
public sealed record ReadResult(string Path, ReplyDocument? Document, string? Error, string? Encoding)
{
    /// <summary>Whether the file was read: then <see cref="Document"/> is set, otherwise <see cref="Error"/> says why not.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Document))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Ok => Document is not null;
}
