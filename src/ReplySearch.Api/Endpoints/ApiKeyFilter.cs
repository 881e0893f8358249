using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ReplySearch.Api.Endpoints;

/// <summary>
/// Write endpoints need an API key in X-Api-Key: none is 401, a wrong one 403. Keys are compared as
/// SHA-256 digests in constant time, so neither their length nor their content leaks through timing.
/// Checked by <see cref="ApiKeyGate"/> before the endpoint runs, so a refused upload's body is never read.
/// </summary>
public sealed class ApiKeyFilter(IOptions<ReplySearchOptions> options)
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] _keys = options.Value.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Select(Digest).ToArray();

    /// <summary>The problem to answer a request without an accepted key, or null when it may pass.</summary>
    public IResult? Refusal(HttpContext context)
    {
        var sent = context.Request.Headers[Header].ToString();
        if (sent.Length == 0)
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + Header + "\"";
            return TypedResults.Problem(title: "API key required", detail: $"Send a key in the {Header} header to change the index.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var digest = Digest(sent);
        var ok = false;
        foreach (var key in _keys) ok |= CryptographicOperations.FixedTimeEquals(digest, key);
        return ok ? null : TypedResults.Problem(title: "API key not accepted", detail: "This key may not change the index.", statusCode: StatusCodes.Status403Forbidden);
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>Endpoint metadata: the route changes the index and needs an API key.</summary>
public sealed record RequiresApiKey;

/// <summary>
/// Checks the key of routes marked <see cref="RequiresApiKey"/> as soon as routing has chosen the endpoint,
/// before model binding reads the body: an endpoint filter ran after a 20 MB upload had been buffered.
/// </summary>
public static class ApiKeyGate
{
    public static IApplicationBuilder UseApiKeyGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresApiKey>() is not null
            && context.RequestServices.GetRequiredService<ApiKeyFilter>().Refusal(context) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}

/// <summary>
/// The API key in the OpenAPI document: a security scheme (an X-Api-Key header) and a requirement on every
/// operation of the write routes, so that clients generated from the document send it.
/// </summary>
public static class ApiKeyDocumentation
{
    public const string Scheme = "ApiKey";

    public static Task Document(Microsoft.OpenApi.OpenApiDocument document, Microsoft.AspNetCore.OpenApi.OpenApiDocumentTransformerContext context, CancellationToken cancel)
    {
        document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new Microsoft.OpenApi.OpenApiSecurityScheme
        {
            Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
            In = Microsoft.OpenApi.ParameterLocation.Header,
            Name = ApiKeyFilter.Header,
            Description = "One of ReplySearch:ApiKeys; needed to change the index (upload, replace, delete, reindex, backup).",
        };
        foreach (var path in document.Paths.Values)
        {
            if (path.Operations is null) continue;
            foreach (var operation in path.Operations.Values)
            {
                if (operation.Tags?.Any(t => t.Name == WriteEndpoints.Tag) != true) continue;
                operation.Security ??= [];
                operation.Security.Add(new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(Scheme, document)] = [] });
            }
        }
        return Task.CompletedTask;
    }
}
