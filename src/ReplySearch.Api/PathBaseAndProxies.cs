using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ReplySearch.Api;

/// <summary>
/// Running under a sub-path behind a reverse proxy (issue #20), the way intranet servers host many
/// applications: ReplySearch:PathBase (e.g. /replysearch) is stripped from requests and put before every
/// link, redirect and problem document; X-Forwarded-For, -Proto, -Host and -Prefix are believed only from
/// the addresses in ReplySearch:KnownProxies (addresses or networks), never from anyone else, so the rate
/// limits count the real client and a client cannot pose as another. Routing runs after both, so routes
/// match the path without the prefix.
/// </summary>
public static class PathBaseAndProxies
{
    public static WebApplication UsePathBaseAndProxies(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ReplySearchOptions>>().Value;
        if (Forwarding(options.KnownProxies) is { } forwarding) app.UseForwardedHeaders(forwarding);
        var pathBase = Normalize(options.PathBase);
        if (pathBase.HasValue)
        {
            app.UsePathBase(pathBase);
            // The page's links are relative: at /replysearch (no slash) they would resolve against the root.
            app.Use(async (context, next) =>
            {
                if (context.Request.PathBase == pathBase && !context.Request.Path.HasValue)
                {
                    context.Response.Redirect(pathBase + "/" + context.Request.QueryString);
                    return;
                }
                await next(context);
            });
        }
        app.UseRouting();
        return app;
    }

    /// <summary>"/replysearch" from "replysearch/", "/replysearch/" or "/replysearch"; empty for none or "/".</summary>
    public static PathString Normalize(string? pathBase)
    {
        var trimmed = (pathBase ?? "").Trim().Trim('/');
        return trimmed.Length == 0 ? PathString.Empty : new PathString("/" + trimmed);
    }

    /// <summary>Forwarded headers from the configured proxies only; null (headers ignored) when none is configured.</summary>
    public static ForwardedHeadersOptions? Forwarding(IEnumerable<string>? knownProxies)
    {
        var proxies = (knownProxies ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (proxies.Count == 0) return null;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix,
        };
        // The framework trusts loopback by default: here only what the operator names.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (IPAddress.TryParse(proxy, out var address)) options.KnownProxies.Add(address);
            else if (System.Net.IPNetwork.TryParse(proxy, out var network)) options.KnownIPNetworks.Add(network);
            else throw new InvalidOperationException($"ReplySearch:KnownProxies: '{proxy}' is neither an IP address nor a network (10.0.0.0/8)");
        }
        return options;
    }
}
