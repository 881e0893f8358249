using Microsoft.Playwright;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Tests.Browser;

/// <summary>
/// The reader's history panels in Chromium (issue #18): the 主办 reply to 市十八届人大三次会议第0143号建议 (corpus 150)
/// shows the 协办意见 on the same proposal (146), the same topic a year later (151), and the paragraph it took from
/// 146 with a badge that opens the list of replies holding it.
/// </summary>
public sealed class HistoryPanelTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Lead = DocumentMapper.IdFor("150_thread_chengguan_2024.txt");

    [Fact]
    public async Task The_reader_shows_the_thread_the_topic_over_the_years_and_reused_paragraphs()
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.Service.BaseUri.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("积水点") + "&id=" + Lead);
        await page.Locator("#reader").WaitForAsync(new() { State = WaitForSelectorState.Visible });

        await Assertions.Expect(page.Locator("#history-proposal li")).ToContainTextAsync(["对市十八届人大三次会议第0143号建议的协办意见"]);
        await Assertions.Expect(page.Locator("#history-topic")).ToContainTextAsync("关于市十八届人大四次会议第0057号建议的答复");
        await Assertions.Expect(page.Locator("#history-delegates")).ToContainTextAsync("于秀梅");

        var badge = page.Locator("#reuse .badge").First;
        await Assertions.Expect(badge).ToHaveTextAsync("在 1 份答复中出现");
        var list = page.Locator("#reuse li ol").First;
        await Assertions.Expect(list).ToBeHiddenAsync();
        await badge.ClickAsync();
        await Assertions.Expect(list).ToBeVisibleAsync();
        await Assertions.Expect(list).ToContainTextAsync("潍坊市水利局");
        await Assertions.Expect(badge).ToHaveAttributeAsync("aria-expanded", "true");

        // A link in a panel opens that reply in the reader.
        await page.Locator("#history-proposal a").First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains(DocumentMapper.IdFor("146_portal_xieban_2024.txt")));
        await Assertions.Expect(page.Locator("#reader-title")).ToHaveTextAsync("对市十八届人大三次会议第0143号建议的协办意见");
        await page.ScreenshotAsync(new() { Path = Path.Combine(SearchPageTests.Screenshots, "history-panels.png"), FullPage = true });
    }
}
