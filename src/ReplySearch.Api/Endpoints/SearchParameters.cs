using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Api.Endpoints;

/// <summary>
/// The query string of /api/search, /api/trend and /api/export.csv. Its parameters are
/// <see cref="SearchRequestParser.Parameters"/>, which follow the field table: they are read from the raw
/// query string by Core's one parser (so page=abc gets a problem naming it, not a bare 400) and documented
/// in OpenAPI by <see cref="Document"/>. Routes declare them with <see cref="WithSearchParameters"/>.
/// </summary>
internal static class SearchParameters
{
    private sealed record Marker(bool Paged, IReadOnlyList<string> Without);

    /// <summary>Marks a route as taking the search parameters (paged: with page and size), less those it has no use for.</summary>
    public static RouteHandlerBuilder WithSearchParameters(this RouteHandlerBuilder route, bool paged, params string[] without) =>
        route.WithMetadata(new Marker(paged, without));

    /// <summary>The request from the query string, or the problems, each under its parameter's name.</summary>
    public static SearchRequest? Read(HttpRequest http, bool paged, out Dictionary<string, string[]> errors)
    {
        var request = SearchRequestParser.Parse(name => http.Query.TryGetValue(name, out var v) ? v.ToString() : null, paged, out var problems);
        errors = problems.GroupBy(p => p.Parameter).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return request;
    }

    /// <summary>A size parameter of 1 to <paramref name="max"/> (suggestions, similar replies); the problems when it is not one.</summary>
    public static Dictionary<string, string[]>? ReadSize(string? text, int fallback, int max, out int size)
    {
        var errors = new List<(string Parameter, string Message)>();
        size = SearchRequestParser.Integer(text, SearchRequestParser.Size, fallback, errors);
        if (errors.Count == 0 && (size < 1 || size > max)) errors.Add((SearchRequestParser.Size, $"size must be between 1 and {max}"));
        return errors.Count == 0 ? null : errors.ToDictionary(e => e.Parameter, e => new[] { e.Message });
    }

    /// <summary>Documents the search parameters, ahead of the route's own, on every route that takes them.</summary>
    public static Task Document(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Marker>().FirstOrDefault() is not { } marker) return Task.CompletedTask;
        operation.Parameters ??= [];
        var at = 0;
        foreach (var p in SearchRequestParser.Parameters.Where(p => (marker.Paged || !p.PagedOnly) && !marker.Without.Contains(p.Name)))
        {
            operation.Parameters.Insert(at++, new OpenApiParameter
            {
                Name = p.Name,
                In = ParameterLocation.Query,
                Description = p.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        return Task.CompletedTask;
    }

    /// <summary>Facets are a component of their own, as every other result type (a dictionary would be inlined).</summary>
    public static string? SchemaId(System.Text.Json.Serialization.Metadata.JsonTypeInfo type) =>
        type.Type == typeof(Facets) ? nameof(Facets) : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    /// <summary>
    /// Facets serialise as an object keyed by facet name; the document lists those names (from the field
    /// table) as properties instead of leaving them open. A document transformer: by then the values'
    /// schema refers to the FacetValue component.
    /// </summary>
    public static Task DocumentFacets(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancel)
    {
        if (document.Components?.Schemas is not { } schemas || !schemas.TryGetValue(nameof(Facets), out var schema) || schema is not OpenApiSchema { AdditionalProperties: { } values } facets) return Task.CompletedTask;
        facets.Properties = FieldTable.Facets.ToDictionary(f => f.Name, _ => values);
        facets.AdditionalProperties = null;
        return Task.CompletedTask;
    }
}
