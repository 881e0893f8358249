namespace ReplySearch.Core.Model;

/// <summary>What reading one file gave: a document, or the reason it could not be read.</summary>
public sealed record ReadResult(string Path, ReplyDocument? Document, string? Error, string? Encoding)
{
    public bool Ok => Document is not null;
}
