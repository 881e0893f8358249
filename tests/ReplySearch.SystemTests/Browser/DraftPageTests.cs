using Microsoft.Playwright;

namespace ReplySearch.Tests.Browser;

/// <summary>The 起草助手 page in Chromium (issue #18): paste a proposal, get the earlier replies and the paragraphs to reuse, each with a copy button.</summary>
public sealed class DraftPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Pasting_a_proposal_offers_earlier_replies_and_paragraphs_to_copy()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Service.BaseUri.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = fixture.Service.BaseUri.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/");
        await page.ClickAsync("#draft-link");
        await Assertions.Expect(page.Locator("#draft")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main.layout")).ToBeHiddenAsync();

        await page.FillAsync("#draft-text", "关于彻底解决城区道路积水问题的建议：强降雨时老城区多处路段积水，建议加快雨水管网改造和积水点整治。");
        await page.FillAsync("#draft-agency", "潍坊市水利局");
        await page.ClickAsync("#draft-form button[type=submit]");
        await Assertions.Expect(page.Locator("#draft-replies")).ToContainTextAsync("潍坊市城市管理局关于市十八届人大三次会议第0143号建议的答复");
        var first = page.Locator("#draft-paragraphs li").First;
        await Assertions.Expect(first).ToContainTextAsync("潍坊市水利局");

        var text = await first.Locator(".text").InnerTextAsync();
        await first.Locator("button").ClickAsync();
        await Assertions.Expect(first.Locator("button")).ToHaveTextAsync("已复制");
        Assert.Equal(text, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(SearchPageTests.Screenshots, "draft-page.png"), FullPage = true });
    }
}
