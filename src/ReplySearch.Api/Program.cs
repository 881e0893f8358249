using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using ReplySearch.Api;
using ReplySearch.Api.Endpoints;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

// Started from anywhere (dotnet run --project …), the service finds its settings and page beside itself.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
});

builder.Services.Configure<ReplySearchOptions>(builder.Configuration.GetSection(ReplySearchOptions.Section));
// The address comes from the standard settings (ASPNETCORE_URLS, --urls, Urls, ASPNETCORE_HTTP_PORTS,
// Kestrel:Endpoints) as in any ASP.NET Core service; only when none is given, the documented default.
if (!ListenAddress.IsConfigured(builder.Configuration)) builder.WebHost.UseUrls(ListenAddress.Default);
if (!builder.Configuration.GetValue<bool>($"{ReplySearchOptions.Section}:LogQueries"))
{
    // Request lines carry the query string, and queries may hold personal names.
    builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
    builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
    builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
}
// Start, stop and readiness through systemd (Type=notify) or the Windows service manager; no-ops otherwise.
builder.Services.AddSystemd();
builder.Services.AddWindowsService();
builder.Services.AddSingleton<IndexHost>();
builder.Services.AddSingleton<ServiceMetrics>();
builder.Services.AddOpenTelemetry().WithMetrics(m => m
    .AddAspNetCoreInstrumentation()                       // http.server.request.duration by route
    .AddMeter("Microsoft.AspNetCore.RateLimiting")         // requests held and refused by the rate limiter
    .AddMeter(ServiceMetrics.MeterName)
    .AddPrometheusExporter());
builder.Services.AddHostedService(sp => sp.GetRequiredService<IndexHost>());
// A problem document names the request it answers, path base included.
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
    c.ProblemDetails.Instance ??= c.HttpContext.Request.PathBase + c.HttpContext.Request.Path);
// A request the binder cannot read (a form without its file, a malformed body) is a 400 in every
// environment; Development's default throws instead, and the exception handler made that a 500.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
    // Numbers are numbers: the web default also reads them from strings, which the document then had to allow.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddOpenApi(o =>
{
    o.AddOperationTransformer(SearchParameters.Document);
    o.AddDocumentTransformer(SearchParameters.DocumentFacets);
    o.AddDocumentTransformer(ApiKeyDocumentation.Document);
    o.AddDocumentTransformer(ApiDocumentation.Document);
    o.AddSchemaTransformer(ApiDocumentation.Schema);
    o.CreateSchemaReferenceId = SearchParameters.SchemaId;
});
builder.Services.AddRateLimiter(SearchRateLimit.Configure);
builder.Services.AddSingleton<SearchCostLimiter>();
builder.Services.AddSingleton<ApiKeyFilter>();
builder.WebHost.ConfigureKestrel((context, kestrel) =>
{
    // Uploads beyond the limit are refused by the server before they are read; the endpoint answers 413 too.
    kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>($"{ReplySearchOptions.Section}:MaxUploadBytes") is { } max ? max + 64 * 1024 : 20 * 1024 * 1024 + 64 * 1024;
    // A query may be 1,000 Chinese characters: 9 KB percent-encoded, over Kestrel's default 8 KB request
    // line, which answered a bare 414 before the query's own cap could. Longer lines get the service's 414.
    kestrel.Limits.MaxRequestLineSize = RequestTargetLimit.KestrelLineBytes;
});

var app = builder.Build();

app.UsePathBaseAndProxies();      // ReplySearch:PathBase, X-Forwarded-* from ReplySearch:KnownProxies only; then routing
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestTargetLimit();      // 414 as a problem document
app.UseMetricsAccess();           // /metrics: ReplySearch:MetricsAllowedFrom only, when set
app.UseSecurityHeaders();         // CSP, nosniff, no referrer
app.UseRateLimiter();             // per-client limits on searching (count, concurrency): 429 with Retry-After
app.UseApiKeyGate();              // write routes: 401/403 before the body is read
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapOpenApi();                 // /openapi/v1.json
app.MapScalarApiReference();      // /scalar: a readable API reference
app.MapHealth();                  // /health
app.MapSearchApi();               // /api/search, /api/trend, /api/suggest, /api/export.csv
app.MapReplyApi();                // /api/replies/{id}, /api/replies/{id}/similar
app.MapWriteApi();                // POST/PUT/DELETE /api/replies, POST /api/reindex (API key)
app.MapPrometheusScrapingEndpoint(MetricsAccess.Path); // /metrics, Prometheus text format
app.Services.GetRequiredService<ServiceMetrics>();     // its gauges observe from the start

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
