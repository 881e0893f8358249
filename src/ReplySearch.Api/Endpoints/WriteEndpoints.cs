using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Api.Endpoints;

/// <summary>What an upload or update answers: the reply's id and the parsed document with its warnings.</summary>
public sealed record WriteResult(string Id, string Source, string? Encoding, ReplyDocument Document);

/// <summary>Where a backup went and what it holds.</summary>
public sealed record BackupResult(string Folder, long Generation, int Replies, int Files, long Bytes);

/// <summary>What a reindex did.</summary>
public sealed record ReindexResult(int Indexed, int Unchanged, int Removed, IReadOnlyList<string> Failed, double Seconds);

/// <summary>
/// Changing the archive while it is searched: upload, replace, delete, reindex. Every route needs an API
/// key. Files are written into the corpus folder (so that a reindex keeps them), parsed, indexed and
/// committed before the answer, so a change is searchable when the call returns.
/// </summary>
public static class WriteEndpoints
{
    /// <summary>The OpenAPI tag of these routes (the ones that need the key).</summary>
    public const string Tag = "write";

    private static readonly HashSet<string> Extensions = new(CorpusIndexer.TextExtensions, StringComparer.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapWriteApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags(Tag).WithMetadata(new RequiresApiKey()).DisableAntiforgery();

        api.MapPost("/replies", Upload)
            .WithName("UploadReply")
            .WithSummary("Upload a reply file (multipart field \"file\"): parsed, indexed and returned with its warnings")
            .WriteProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        api.MapPut("/replies/{id}", Replace)
            .WithName("ReplaceReply")
            .WithSummary("Replace a reply's file with a new version (multipart field \"file\")")
            .WriteProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        api.MapDelete("/replies/{id}", Delete)
            .WithName("DeleteReply")
            .WithSummary("Delete a reply: its file and its index entry")
            .WriteProblems(StatusCodes.Status404NotFound);

        api.MapPost("/reindex", Reindex)
            .WithName("Reindex")
            .WithSummary("Re-read the corpus folder and apply only the changes")
            .WriteProblems();
        api.MapPost("/backup", Backup)
            .WithName("Backup")
            .WithSummary("Copy a consistent snapshot of the index to the backup folder while the service runs")
            .WriteProblems();
        return app;
    }

    /// <summary>Every write route may answer 401 and 403 (the key), its own problems, and 503 (starting).</summary>
    private static RouteHandlerBuilder WriteProblems(this RouteHandlerBuilder route, params int[] own)
    {
        route.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        foreach (var code in own) route.ProducesProblem(code);
        return route.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static Results<Ok<BackupResult>, ProblemHttpResult> Backup(IndexHost host, IOptions<ReplySearchOptions> options, IHostEnvironment environment)
    {
        if (host.Index is not { } index) return Problems.Starting(host);
        // The folder comes from configuration, never from the request.
        var root = ReplySearchOptions.Resolve(options.Value.BackupPath, environment.ContentRootPath);
        var folder = Path.Combine(root, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture));
        var report = index.Backup(folder);
        return TypedResults.Ok(new BackupResult(Path.GetFileName(folder), report.Generation, report.Replies, report.Files, report.Bytes));
    }

    private static async Task<Results<Created<WriteResult>, ProblemHttpResult>> Upload(
        [Description("The reply file (.txt, .md).")] IFormFile file, IndexHost host, IOptions<ReplySearchOptions> options)
    {
        if (host.Index is null) return Problems.Starting(host);
        if (Check(file, options.Value) is { } problem) return problem;
        var name = SafeName(file.FileName);
        var folder = Path.Combine(host.CorpusPath, options.Value.UploadFolder);
        return await host.Exclusive<Results<Created<WriteResult>, ProblemHttpResult>>(async index =>
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) return TypedResults.Problem(title: "A reply with this file name exists", detail: $"{options.Value.UploadFolder}/{name} exists; replace it with PUT /api/replies/{{id}}.", statusCode: StatusCodes.Status409Conflict);
            var (id, read) = await Write(file, path, index, host.CorpusPath);
            if (!read.Ok) return Unprocessable(read, path, deleteOnFailure: true);
            return TypedResults.Created($"/api/replies/{id}", new WriteResult(id, read.Path, read.Encoding, read.Document));
        });
    }

    private static async Task<Results<Ok<WriteResult>, ProblemHttpResult>> Replace(
        [Description("The reply's id.")] string id, [Description("The new version of the file.")] IFormFile file, IndexHost host, IOptions<ReplySearchOptions> options)
    {
        if (host.Index is null) return Problems.Starting(host);
        if (Check(file, options.Value) is { } problem) return problem;
        return await host.Exclusive<Results<Ok<WriteResult>, ProblemHttpResult>>(async index =>
        {
            if (!Problems.IsId(id) || index.Get(id) is not { } existing) return Problems.NotFound(id);
            var path = InCorpus(host.CorpusPath, existing.Source);
            if (path is null) return Problems.NotFound(id);
            var previous = File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
            var (newId, read) = await Write(file, path, index, host.CorpusPath);
            if (!read.Ok)
            {
                // The new version is unreadable: the old one stays, on disk and in the index.
                if (previous is not null) await File.WriteAllBytesAsync(path, previous);
                return Unprocessable(read, path, deleteOnFailure: false);
            }
            return TypedResults.Ok(new WriteResult(newId, read.Path, read.Encoding, read.Document));
        });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete([Description("The reply's id.")] string id, IndexHost host)
    {
        if (host.Index is null) return Problems.Starting(host);
        return await host.Exclusive<Results<NoContent, ProblemHttpResult>>(index =>
        {
            if (!Problems.IsId(id) || index.Get(id) is not { } existing) return Task.FromResult<Results<NoContent, ProblemHttpResult>>(Problems.NotFound(id));
            if (InCorpus(host.CorpusPath, existing.Source) is { } path && File.Exists(path)) File.Delete(path);
            index.Delete(id);
            index.Commit();
            return Task.FromResult<Results<NoContent, ProblemHttpResult>>(TypedResults.NoContent());
        });
    }

    private static async Task<Results<Ok<ReindexResult>, ProblemHttpResult>> Reindex(IndexHost host)
    {
        if (host.Index is null) return Problems.Starting(host);
        return await host.Exclusive<Results<Ok<ReindexResult>, ProblemHttpResult>>(async index =>
        {
            var report = await Task.Run(() => host.Reindex(index));
            // New replies may have come through a bulk load and its large buffers.
            if (report.Indexed > 0) IndexHost.ReturnIndexingMemory();
            return TypedResults.Ok(new ReindexResult(report.Indexed, report.Unchanged, report.Removed,
                report.Failed.Select(f => $"{f.Path}: {f.Reason}").ToList(), Math.Round(report.Elapsed.TotalSeconds, 2)));
        });
    }

    private static ProblemHttpResult? Check(IFormFile? file, ReplySearchOptions options)
    {
        if (file is null) return TypedResults.Problem(title: "Invalid parameter: file", detail: "Send the reply as a multipart form field named file.", statusCode: StatusCodes.Status400BadRequest);
        if (file.Length > options.MaxUploadBytes)
            return TypedResults.Problem(title: "File too large", detail: $"{file.Length:N0} bytes; the limit is {options.MaxUploadBytes:N0}.", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (!Extensions.Contains(Path.GetExtension(SafeName(file.FileName))))
            return TypedResults.Problem(title: "Invalid parameter: file", detail: $"Accepted: {string.Join(", ", Extensions.Order())}.", statusCode: StatusCodes.Status400BadRequest);
        // The indexer never reads a README: accepted, it would vanish from the index at the next reindex.
        if (CorpusIndexer.IsFolderDocumentation(SafeName(file.FileName)))
            return TypedResults.Problem(title: "Invalid parameter: file", detail: "A file named README… documents the corpus folder and is never indexed; rename it.", statusCode: StatusCodes.Status400BadRequest);
        return null;
    }

    private static async Task<(string Id, ReadResult Read)> Write(IFormFile file, string path, ReplyIndex index, string corpus)
    {
        await using (var target = File.Create(path)) await file.CopyToAsync(target);
        return CorpusIndexer.IndexOne(index, corpus, path);
    }

    private static ProblemHttpResult Unprocessable(ReadResult read, string path, bool deleteOnFailure)
    {
        if (deleteOnFailure && File.Exists(path)) File.Delete(path);
        return TypedResults.Problem(title: "Not a readable reply", detail: $"{read.Path}: {read.Error}", statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The file name alone, without any folder part a client may have sent (../../x).</summary>
    private static string SafeName(string name)
    {
        var n = Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string(n.Where(c => !char.IsControl(c) && c is not ('/' or ':' or '*' or '?' or '"' or '<' or '>' or '|')).ToArray()).Trim().TrimStart('.');
        return clean.Length == 0 ? "upload.txt" : FitName(clean);
    }

    /// <summary>File systems take names of up to 255 bytes (85 Chinese characters in UTF-8): a longer title is shortened, its extension kept.</summary>
    internal const int MaxNameBytes = 255;

    private static string FitName(string name)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(name) <= MaxNameBytes) return name;
        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        var budget = MaxNameBytes - System.Text.Encoding.UTF8.GetByteCount(extension);
        var cut = 0;
        var bytes = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > budget) break;
            bytes += rune.Utf8SequenceLength;
            cut += rune.Utf16SequenceLength;
        }
        return stem[..cut] + extension;
    }

    /// <summary>A source path inside the corpus folder, or null if it would point outside it.</summary>
    private static string? InCorpus(string corpus, string source)
    {
        var root = Path.GetFullPath(corpus) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(corpus, source));
        if (!full.StartsWith(root, StringComparison.Ordinal)) return null;
        // A symbolic link that leads out of the corpus is never written through.
        var file = new FileInfo(full);
        return file.Exists && file.LinkTarget is not null && !CorpusIndexer.LinksInside(file, corpus) ? null : full;
    }
}
