using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ReplySearch.Api.Endpoints;

/// <summary>
/// Write endpoints need an API key in X-Api-Key: none is 401, a wrong one 403. Keys are compared as
/// SHA-256 digests in constant time, so neither their length nor their content leaks through timing.
/// </summary>
public sealed class ApiKeyFilter(IOptions<ReplySearchOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] _keys = options.Value.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Select(Digest).ToArray();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var sent = context.HttpContext.Request.Headers[Header].ToString();
        if (sent.Length == 0)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + Header + "\"";
            return TypedResults.Problem(title: "API key required", detail: $"Send a key in the {Header} header to change the index.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var digest = Digest(sent);
        var ok = false;
        foreach (var key in _keys) ok |= CryptographicOperations.FixedTimeEquals(digest, key);
        if (!ok) return TypedResults.Problem(title: "API key not accepted", detail: "This key may not change the index.", statusCode: StatusCodes.Status403Forbidden);
        return await next(context);
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
