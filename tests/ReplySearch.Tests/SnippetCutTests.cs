using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>Snippets are cut at character boundaries: a character outside the BMP (𠀀, emoji) is never halved (issue #22, item 9).</summary>
public class SnippetCutTests
{
    public static TheoryData<string> Astral => new() { "𠀀", "😀", "𪚥" };

    [Theory]
    [MemberData(nameof(Astral))]
    public void A_snippet_never_splits_a_surrogate_pair(string astral)
    {
        // One long sentence of two-unit characters around the term, so that every cut lands among them,
        // at odd and even offsets alike (the one-unit 甲 shifts the parity).
        var body = string.Concat(Enumerable.Repeat(astral, 150)) + "甲" + string.Concat(Enumerable.Repeat(astral, 3)) + "龙湖软件园" + string.Concat(Enumerable.Repeat(astral, 151)) + "。";
        using var index = new SmallIndex(("a.txt", SmallIndex.Reply("关于第1号建议的答复", body)));
        var hit = Assert.Single(index.Index.Search(new SearchRequest { Query = "龙湖软件园" }).Hits);
        var html = Assert.Single(hit.Snippets, s => s.Html.Contains("<mark>")).Html;
        Assert.True(html.Length < body.Length, "the sentence should have been cut");
        Assert.DoesNotContain('\uFFFD', html);
        for (var i = 0; i < html.Length; i++)
        {
            if (char.IsHighSurrogate(html[i])) Assert.True(i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]), $"lone high surrogate at {i}");
            else if (char.IsLowSurrogate(html[i])) Assert.True(i > 0 && char.IsHighSurrogate(html[i - 1]), $"lone low surrogate at {i}");
        }
    }
}
