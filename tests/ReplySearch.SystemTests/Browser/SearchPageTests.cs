using Microsoft.Playwright;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Browser;

/// <summary>
/// The search page in real Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the real
/// service on loopback. Screenshots go to artifacts/screenshots/.
/// </summary>
public sealed class SearchPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string SeedId = "0b9c8183448b990d";

    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Repo.Root, "artifacts", "screenshots")).FullName;

    /// <summary>Waits until the page shows the state of its current URL (the page sets data-rendered when done).</summary>
    private static Task Rendered(IPage page) =>
        page.WaitForFunctionAsync("document.body.dataset.rendered === location.search");

    // The page forbids eval in its CSP, and Playwright's WaitForFunction evaluates strings: these tests
    // bypass the CSP; The_page_runs_under_its_content_security_policy checks the page with it in force.
    private async Task<IPage> NewPage(int width = 1280, int height = 900, bool bypassCsp = true)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = fixture.Service.BaseUri.ToString(), BypassCSP = bypassCsp });
        page.SetDefaultTimeout(15_000);
        return page;
    }

    [Fact]
    public async Task Typing_chanxueyan_shows_the_seed_first_then_a_year_bar_filters_and_the_reply_opens_marked()
    {
        var page = await NewPage();
        await page.GotoAsync("/");

        // 1–3: type the query, Enter, the seed ranks first with a marked snippet.
        await page.FillAsync("#q", "产学研");
        await page.PressAsync("#q", "Enter");
        await page.WaitForURLAsync(url => url.Contains("q="));
        await Rendered(page);
        var first = page.Locator(".hit").First;
        Assert.Equal(SeedId, await first.GetAttributeAsync("data-id"));
        Assert.Contains("产学研", await first.Locator(".snippet mark").First.InnerTextAsync());
        var count = await page.Locator("#count").InnerTextAsync();
        Assert.Matches(@"共 \d+ 条答复，用时 [\d.]+ 毫秒", count);
        Assert.Contains("q=%E4%BA%A7%E5%AD%A6%E7%A0%94", page.Url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "1-search.png"), FullPage = true });

        // 4: a click on a year bar filters to that year.
        var bar = page.Locator(".bar[data-year='2023']");
        var inYear = int.Parse(await bar.Locator(".n").InnerTextAsync());
        await bar.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("year=2023"));
        await Rendered(page);
        await page.WaitForFunctionAsync($"document.querySelectorAll('.hit').length === {inYear}");
        foreach (var meta in await page.Locator(".hit .meta").AllInnerTextsAsync()) Assert.Contains("2023", meta);
        Assert.Equal("true", await page.Locator(".bar[data-year='2023']").GetAttributeAsync("aria-pressed"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "2-year-filter.png"), FullPage = true });

        // 5: open the reply: every match marked, an outline of its sections, similar replies.
        await page.Locator($".hit[data-id='{SeedId}']").ClickAsync();
        await page.WaitForSelectorAsync("#reader:not([hidden])");
        await page.WaitForFunctionAsync("document.querySelectorAll('#reader-text mark').length > 0");
        Assert.Equal(5, await page.Locator("#reader-text mark").CountAsync());
        var outline = await page.Locator("#outline a").AllInnerTextsAsync();
        Assert.Equal(7, outline.Count);
        Assert.Contains(outline, o => o.StartsWith("一、科技创新要素持续汇集"));
        await page.WaitForFunctionAsync("document.querySelectorAll('#similar li a').length > 0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "3-reply.png"), FullPage = false });

        // The state is in the URL: back closes the reply, back again drops the year filter.
        Assert.Contains("id=" + SeedId, page.Url);
        await page.GoBackAsync();
        await page.WaitForSelectorAsync("#reader", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await page.GoBackAsync();
        await page.WaitForURLAsync(url => !url.Contains("year="));
    }

    [Fact]
    public async Task Suggestions_appear_while_typing_and_keys_navigate_the_results()
    {
        var page = await NewPage();
        await page.GotoAsync("/");
        await page.Locator("#q").PressSequentiallyAsync("产学", new LocatorPressSequentiallyOptions { Delay = 50 });
        // The list for 产 shows first (it may hold 产学研 too, after 产业); wait for the one for 产学.
        await page.WaitForSelectorAsync("#suggestions[data-prefix='产学']:not([hidden]) li");
        Assert.Equal("产学研", await page.Locator("#suggestions li").First.GetAttributeAsync("data-text"));
        await page.PressAsync("#q", "ArrowDown");
        await page.PressAsync("#q", "Enter");
        await page.WaitForURLAsync(url => url.Contains("q="));
        await Rendered(page);
        Assert.Equal("产学研", await page.InputValueAsync("#q"));

        // Keyboard: leave the box, ↓ selects the first result, Enter opens it, Esc closes it.
        await page.Locator("body").ClickAsync(new LocatorClickOptions { Position = new Position { X = 5, Y = 890 } });
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(SeedId, await page.EvaluateAsync<string>("document.activeElement.dataset.id"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#reader:not([hidden])");
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForSelectorAsync("#reader", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
    }

    [Fact]
    public async Task Facets_sort_paging_and_export_follow_the_query()
    {
        var page = await NewPage();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("科技"));
        await Rendered(page);
        await page.Locator(".facet[data-facet='kind'] button").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("kind="));
        await Rendered(page);
        Assert.Equal(1, await page.Locator(".chip").CountAsync());
        var export = await page.Locator("#export").GetAttributeAsync("href");
        Assert.Contains("kind=", export);
        Assert.Contains("q=", export);
        await page.Locator(".chip").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("kind="));
        await Rendered(page);
        await page.SelectOptionAsync("#sort", "date");
        await page.WaitForURLAsync(url => url.Contains("sort=date"));
        await Rendered(page);
        var firstPage = await page.Locator(".hit").First.GetAttributeAsync("data-id");
        await page.Locator(".pager button", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^2$") }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("page=2"));
        await Rendered(page);
        Assert.NotEqual(firstPage, await page.Locator(".hit").First.GetAttributeAsync("data-id"));
    }

    [Fact]
    public async Task A_topic_without_an_exact_match_shows_related_replies_and_says_so()
    {
        var page = await NewPage();
        // No reply holds 产学研院士 as typed; replies on 产学研 and on 院士 do.
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("产学研院士"));
        await Rendered(page);
        Assert.True(await page.Locator("#empty").IsHiddenAsync());
        var note = await page.Locator("#tier-note").InnerTextAsync();
        Assert.Contains("没有与「产学研院士」完全一致的结果", note);
        Assert.True(await page.Locator(".hit").CountAsync() > 0);
        Assert.Equal(await page.Locator(".hit").CountAsync(), await page.Locator(".hit[data-match='related']").CountAsync());
        Assert.Matches(@"共 0 条答复包含全部检索词，另有 \d+ 条相关答复", await page.Locator("#count").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "6-related-tier.png"), FullPage = true });

        // A quoted query is strict: nothing related, the empty message instead.
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("\"产学研院士\""));
        await Rendered(page);
        Assert.False(await page.Locator("#empty").IsHiddenAsync());
        Assert.Equal(0, await page.Locator(".hit").CountAsync());
    }

    [Fact]
    public async Task The_page_runs_under_its_content_security_policy()
    {
        var page = await NewPage(bypassCsp: false);
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy")) violations.Add(m.Text); };
        var response = await page.GotoAsync("/?q=" + Uri.EscapeDataString("产学研"));
        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"]);
        await page.Locator(".hit").First.WaitForAsync();
        Assert.Equal(SeedId, await page.Locator(".hit").First.GetAttributeAsync("data-id"));
        await page.Locator(".hit").First.ClickAsync();
        await page.Locator("#reader-text mark").First.WaitForAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_page_works_on_a_narrow_screen()
    {
        var page = await NewPage(375, 800);
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("产学研"));
        await Rendered(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "4-narrow.png"), FullPage = false });
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 376).slice(0, 5).map(e => e.tagName + '.' + e.className).join(' ')");
        Assert.True(width <= 375, $"the page scrolls sideways ({width}px): {wide}");
    }
}
