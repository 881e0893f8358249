namespace ReplySearch.Api;

/// <summary>
/// Where the service listens when nobody says: http://localhost:5080. It was set in appsettings.json as
/// Urls, which outranks ASPNETCORE_URLS, so the standard setting was ignored; now it is a fallback applied
/// only when none of the standard settings is present.
/// </summary>
public static class ListenAddress
{
    public const string Default = "http://localhost:5080";

    /// <summary>Whether any standard address setting is given (environment, command line or a settings file).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
