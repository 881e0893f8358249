using Microsoft.Playwright;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Tests.Browser;

/// <summary>
/// A delegate's page and the reader's 承诺事项 panel in Chromium (issue #18). 王建国 has proposals in 2017 (corpus 134)
/// and 2023 (101); the 主办 reply to 第0143号建议 (150) promises three things under 三、下一步工作打算, one by 2025年6月底.
/// </summary>
public sealed class DelegatePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> NewPage()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.Service.BaseUri.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        return page;
    }

    [Fact]
    public async Task A_delegates_name_in_the_reader_opens_their_page_with_their_replies_by_year()
    {
        var page = await NewPage();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("王建国") + "&id=" + DocumentMapper.IdFor("101_md_jiaoyu_2023.md"));
        await page.Locator("#reader").WaitForAsync(new() { State = WaitForSelectorState.Visible });

        await page.Locator("#reader-meta a", new() { HasText = "王建国" }).ClickAsync();
        await page.Locator("#delegate-view[data-shown='王建国']").WaitForAsync();
        await Assertions.Expect(page.Locator("#reader")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("main.layout")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#delegate-title")).ToHaveTextAsync("王建国 的建议与答复");
        // Newest year first, each with its replies.
        await Assertions.Expect(page.Locator("#delegate-years h4")).ToContainTextAsync(["2023 年", "2017 年"]);
        Assert.True(await page.Locator("#delegate-topics li").CountAsync() > 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(SearchPageTests.Screenshots, "delegate-page.png"), FullPage = true });

        // A reply on the page opens in the reader over the search.
        await page.Locator("#delegate-years section", new() { HasText = "2017 年" }).Locator("a").First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains(DocumentMapper.IdFor("134_letter_keji_2017.txt")));
        await Assertions.Expect(page.Locator("#reader")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#delegate-view")).ToBeHiddenAsync();

        // Back returns to the delegate's page.
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#delegate-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#reader")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_reader_lists_what_the_reply_promised_with_its_deadlines()
    {
        var page = await NewPage();
        await page.GotoAsync("/?id=" + DocumentMapper.IdFor("150_thread_chengguan_2024.txt"));
        await page.Locator("#reader").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var items = page.Locator("#commitments li");
        Assert.True(await items.CountAsync() >= 3);
        var pilot = items.Filter(new() { HasText = "试点片区" });
        await Assertions.Expect(pilot.Locator(".due")).ToHaveTextAsync("期限 2025-06-30（2025年6月底）");
        await Assertions.Expect(pilot).ToContainTextAsync("三、下一步工作打算");
    }
}
