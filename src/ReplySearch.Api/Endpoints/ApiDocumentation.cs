using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReplySearch.Api.Endpoints;

/// <summary>
/// What the OpenAPI document says beyond what the framework infers, so that it tells the whole truth:
/// tags described; searching open to all (an explicit anonymous requirement, the writes name the key in
/// <see cref="ApiKeyDocumentation"/>); the 414 of <see cref="RequestTargetLimit"/> on every operation; and
/// every property of the service's own types required, since the service writes them all, nulls included.
/// OpenApiResponseTests validates real answers of every route against the document.
/// </summary>
public static class ApiDocumentation
{
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["health"] = "Whether the index is open: starting, ok or failed.",
        ["search"] = "Ranked, highlighted, faceted search; trends; completions; the field table; CSV export. Limited per client by count, concurrency and cost (429).",
        ["replies"] = "One reply: its fields, sections and marked text; similar replies.",
        [WriteEndpoints.Tag] = "Changes to the corpus and the index: upload, replace, delete, reindex, backup. Each needs an API key (X-Api-Key).",
    };

    public static Task Document(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancel)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
        }
        // Anonymous by default: an empty requirement. Operations that need the key say so themselves.
        document.Security = [new OpenApiSecurityRequirement()];
        var problem = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), document);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd(StatusCodes.Status414RequestUriTooLong.ToString(), new OpenApiResponse
            {
                Description = $"URI Too Long: the path and query string over {RequestTargetLimit.MaxBytes / 1024} KB",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            });
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Marks as required every property the service always writes: all properties of its own types (it writes
    /// nulls, never omits them), and a problem document's title and status (the framework and the service
    /// always set both; a validation problem also its errors).
    /// </summary>
    public static Task Schema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancel)
    {
        // An enum used as nullable somewhere got null among its values, and its nullable uses say
        // oneOf [null, the enum]: a null then matched both, which oneOf forbids. Null belongs to the use.
        if (schema.Enum is { } values)
        {
            foreach (var none in values.Where(v => v is null || v.GetValueKind() == System.Text.Json.JsonValueKind.Null).ToList()) values.Remove(none);
        }
        var info = context.JsonTypeInfo;
        if (info.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties) return Task.CompletedTask;
        IEnumerable<string>? required = info.Type switch
        {
            var t when t == typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails) => ["title", "status", "errors"],
            var t when t == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails) => ["title", "status"],
            var t when t.Namespace?.StartsWith("ReplySearch", StringComparison.Ordinal) == true => properties.Keys,
            _ => null,
        };
        if (required is null) return Task.CompletedTask;
        schema.Required ??= new HashSet<string>();
        foreach (var name in required.Where(properties.ContainsKey)) schema.Required.Add(name);
        return Task.CompletedTask;
    }
}
