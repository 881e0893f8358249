namespace ReplySearch.Api;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no referrer leaking queries (which may hold names),
/// and for the search page a Content Security Policy that allows only the site's own script and style —
/// no inline script, so injected text cannot run. The API reference (/scalar) brings its own inline
/// bootstrap and is left without the CSP.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            if (!context.Request.Path.StartsWithSegments("/scalar")) h.ContentSecurityPolicy = Policy;
            return Task.CompletedTask;
        });
        await next();
    });
}
