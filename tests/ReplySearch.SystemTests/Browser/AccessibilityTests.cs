using System.Text.Json;
using Microsoft.Playwright;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Browser;

/// <summary>
/// The page meets web content accessibility (GB/T 37668, issue #20): axe-core (from npm, tests/tools) finds
/// no serious or critical violation in any state of the page, at desktop width and at 375 px, and the page
/// works with the keyboard alone.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string SeedId = "0b9c8183448b990d";

    private static string Axe => Path.Combine(Repo.Root, "tests", "tools", "node_modules", "axe-core", "axe.min.js");

    private async Task<IPage> NewPage(int width)
    {
        // axe runs as an injected script, which the page's CSP would refuse.
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 }, BaseURL = fixture.Service.BaseUri.ToString(), BypassCSP = true });
        page.SetDefaultTimeout(15_000);
        return page;
    }

    private static Task Rendered(IPage page) => page.WaitForFunctionAsync("document.body.dataset.rendered === location.search");

    /// <summary>The serious and critical violations axe finds on the page as it is, one line each.</summary>
    private static async Task<List<string>> Violations(IPage page)
    {
        Assert.True(File.Exists(Axe), $"axe-core is not installed: (cd tests/tools && npm ci), as .ci/run does ({Axe})");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Axe });
        var result = await page.EvaluateAsync<JsonElement>("async () => await axe.run(document, { resultTypes: ['violations'] })");
        return result.GetProperty("violations").EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} — " +
                         string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Take(3).Select(n => n.GetProperty("html").GetString())))
            .ToList();
    }

    public static TheoryData<string, string, int> States() => new()
    {
        { "the empty page", "/", 1280 },
        { "results with facets, chart and pager", "/?q=" + Uri.EscapeDataString("科技"), 1280 },
        { "the reader open on a reply", "/?q=" + Uri.EscapeDataString("产学研") + "&id=" + SeedId, 1280 },
        { "no results", "/?q=" + Uri.EscapeDataString("不存在的检索词组合乙丙丁"), 1280 },
        { "the drafting helper", "/#draft", 1280 },
        { "the empty page, narrow", "/", 375 },
        { "the drafting helper, narrow", "/#draft", 375 },
        { "a delegate's page", "/#delegate/" + Uri.EscapeDataString("王建国"), 1280 },
        { "a delegate's page, narrow", "/#delegate/" + Uri.EscapeDataString("王建国"), 375 },
        { "results, narrow", "/?q=" + Uri.EscapeDataString("科技"), 375 },
        { "the reader, narrow", "/?q=" + Uri.EscapeDataString("产学研") + "&id=" + SeedId, 375 },
    };

    [Theory]
    [MemberData(nameof(States))]
    public async Task Axe_finds_no_serious_or_critical_violation(string state, string url, int width)
    {
        var page = await NewPage(width);
        await page.GotoAsync(url);
        await Rendered(page);
        if (url.Contains("#delegate/", StringComparison.Ordinal)) await page.Locator("#delegate-view[data-shown]").WaitForAsync();
        var violations = await Violations(page);
        Assert.True(violations.Count == 0, $"{state} at {width} px:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task The_page_works_with_the_keyboard_alone()
    {
        var page = await NewPage(1280);
        await page.GotoAsync("/");
        await Rendered(page);
        // Tab from the top of the page reaches the search box first of the form controls.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("产学研");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => u.Contains("q="));
        await Rendered(page);
        // Down from the box moves into the results; Enter opens the focused one.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("hit", await page.EvaluateAsync<string>("document.activeElement.className.split(' ')[0]"));
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#reader").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        // The dialog takes the focus, and Escape closes it and gives the focus back to the result.
        Assert.True(await page.EvaluateAsync<bool>("document.getElementById('reader').contains(document.activeElement)"));
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("#reader").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        // The list is shown again by a new render (a search request): the focus returns when it is done.
        await Rendered(page);
        Assert.Equal("hit", await page.EvaluateAsync<string>("document.activeElement.className.split(' ')[0]"));
    }
}
