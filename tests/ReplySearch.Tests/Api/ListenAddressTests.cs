using Microsoft.Extensions.Configuration;

namespace ReplySearch.Tests.Api;

/// <summary>The default address applies only when no standard setting names one (the processes are tried in SystemTests' AddressTests).</summary>
public class ListenAddressTests
{
    [Fact]
    public void Without_any_address_setting_the_default_is_localhost_5080()
    {
        var none = new ConfigurationBuilder().Build();
        Assert.False(ReplySearch.Api.ListenAddress.IsConfigured(none));
        Assert.Equal("http://localhost:5080", ReplySearch.Api.ListenAddress.Default);
        foreach (var (key, value) in new[] { ("urls", "http://127.0.0.1:1"), ("http_ports", "8080"), ("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:1") })
        {
            var some = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
            Assert.True(ReplySearch.Api.ListenAddress.IsConfigured(some), key);
        }
    }
}
