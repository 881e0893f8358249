using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReplySearch.Api;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>The real service pipeline (WebApplicationFactory) over a real index built from corpus/ in a temp folder.</summary>
public sealed class ApiFixture : WebApplicationFactory<IndexHost>
{
    private readonly TempDir _dir = new();

    public string IndexPath => _dir.Combine("index");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ReplySearch:CorpusPath", Repo.Corpus);
        builder.UseSetting("ReplySearch:IndexPath", IndexPath);
        builder.UseSetting("ReplySearch:SearchPermitLimit", "1000000"); // the fuzz test is one very busy client
        builder.UseSetting("ReplySearch:SearchCostLimit", "100000000");
        builder.UseSetting("ReplySearch:SearchConcurrencyPerClient", "64");
    }

    /// <summary>A client once the index is open.</summary>
    public async Task<HttpClient> ReadyClient()
    {
        var client = CreateClient();
        await Health.WaitUntilHealthy(client);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
