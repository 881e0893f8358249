using System.Net;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Deployment;

/// <summary>
/// The service listens where the standard ASP.NET Core settings say (issue #20): appsettings.json used to
/// set Urls, which outranks ASPNETCORE_URLS, so the environment variable was ignored and a second instance
/// crashed on the same port.
/// </summary>
public class AddressTests
{
    [Theory]
    [InlineData(AddressSetting.Environment)]
    [InlineData(AddressSetting.CommandLine)]
    [InlineData(AddressSetting.KestrelEndpoint)]
    public async Task The_service_listens_where_the_standard_setting_says(AddressSetting how)
    {
        await using var service = await ServiceProcess.StartAsync(Repo.Corpus, address: how);
        using var client = new HttpClient { BaseAddress = service.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Two_instances_with_their_own_ASPNETCORE_URLS_run_side_by_side()
    {
        await using var first = await ServiceProcess.StartAsync(Repo.Corpus, address: AddressSetting.Environment);
        await using var second = await ServiceProcess.StartAsync(Repo.Corpus, address: AddressSetting.Environment);
        Assert.NotEqual(first.BaseUri, second.BaseUri);
        Assert.False(first.HasExited || second.HasExited);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(first.BaseUri, "health"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(second.BaseUri, "health"))).StatusCode);
    }
}
