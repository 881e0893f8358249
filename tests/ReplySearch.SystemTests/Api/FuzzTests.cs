using System.Net;
using System.Text;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

/// <summary>
/// Ten thousand generated queries and parameter sets against the real pipeline: every answer is a 200 or a
/// 4xx with a problem body, never a 500 and never a hang. Seeded, so a failure can be replayed.
/// </summary>
[Collection(ApiCollection.Name)]
public class FuzzTests(ApiFixture api)
{
    private const int Cases = 10_000;

    private static readonly string[] Pieces =
    [
        "产学研", "河长制", "高企", "OR", "or", "-", "--", "\"", "“", "”", "(", ")", "[", "]", "{", "}", "*", "?", "~", "^", ":", "：", "\\",
        "agency:", "year:", "delegate:", "kind:", "type:", "section:", "unknown:", "title:x", "year:2021..2023", "year:0..99999", "year:-5",
        "第091号", "２０２３", "〔2023〕", "AND", "NOT", "+", "&&", "||", "/", "%", "%00", "\t", "\n", "\u3000", "𠀀", "😀", "\u200b",
        "<script>", "&amp;", "'", "1e308", "NaN", "null", "..", "../..", "科技", "的",
    ];

    private static string RandomText(Random r)
    {
        var sb = new StringBuilder();
        var parts = r.Next(0, 12);
        for (var i = 0; i < parts; i++)
        {
            switch (r.Next(6))
            {
                case 0: sb.Append(Pieces[r.Next(Pieces.Length)]); break;
                case 1: sb.Append((char)r.Next(0x20, 0xD7FF)); break;                          // any BMP character
                case 2: sb.Append((char)r.Next(0, 0x20)); break;                                // control characters
                case 3: sb.Append(char.ConvertFromUtf32(r.Next(0x10000, 0x110000))); break;
                case 4: sb.Append(' '); break;
                default: sb.Append(Pieces[r.Next(Pieces.Length)]).Append(' '); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Percent-encodes text, sometimes with a lone surrogate's bytes (invalid UTF-8) spliced in.</summary>
    private static string Encode(Random r, string text)
    {
        var encoded = Uri.EscapeDataString(text.Length > 0 && char.IsSurrogate(text[^1]) ? text[..^1] : text);
        return r.Next(20) == 0 ? encoded + "%ED%A0%80" : encoded;
    }

    private static string RandomNumber(Random r) => r.Next(8) switch
    {
        0 => "-" + r.Next(),
        1 => "0",
        2 => "99999999999999999999",
        3 => "abc",
        4 => "1.5",
        5 => "",
        _ => r.Next(1, 120).ToString(),
    };

    private static string RandomUrl(Random r)
    {
        var path = r.Next(10) switch
        {
            0 => "/api/trend",
            1 => "/api/suggest",
            2 => "/api/replies/0b9c8183448b990d",
            // (The test server refuses a NUL in the path before the app sees it; Kestrel answers such a request 400.)
            3 => "/api/replies/" + Encode(r, RandomText(r).Replace("\0", "")).Replace("%00", ""),
            4 => "/api/replies/0b9c8183448b990d/similar",
            _ => "/api/search",
        };
        var q = new List<string>();
        foreach (var name in new[] { "q", "agency", "year", "delegate", "kind", "handlingType", "section", "sort", "page", "size", "prefix", "by", "unknown" })
        {
            if (r.Next(name == "q" ? 2 : 6) != 0) continue;
            var value = name is "page" or "size" ? RandomNumber(r) : RandomText(r);
            q.Add($"{name}={Encode(r, value)}");
        }
        if (r.Next(50) == 0) q.Add("q=" + Encode(r, string.Join(" OR ", Enumerable.Range(0, 3000).Select(i => "词" + i))));
        if (r.Next(50) == 0) q.Add("q=" + Encode(r, new string('"', 500) + new string('(', 500)));
        if (r.Next(100) == 0) q.Add("q=" + Encode(r, new string('研', 100_000)));
        return q.Count == 0 ? path : path + "?" + string.Join("&", q);
    }

    [Fact]
    public async Task Ten_thousand_generated_requests_never_get_a_500_or_hang()
    {
        await api.ReadyClient();
        var client = api.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10); // a hang fails the test
        var r = new Random(20230006);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Cases; i++)
        {
            var url = RandomUrl(r);
            var response = await client.GetAsync(url);
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            if (code >= 500) failures.Add($"{code} {url[..Math.Min(url.Length, 300)]}");
            else if (code >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{code} without a problem body: {url[..Math.Min(url.Length, 200)]}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(statuses.GetValueOrDefault(200) > Cases / 3, string.Join(", ", statuses.Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.Contains(statuses.Keys, k => k is >= 400 and < 500);
    }

    [Fact]
    public void Generated_queries_through_the_cli_exit_cleanly()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliProcess.Invoke("index", "--corpus", Repo.Corpus, "--index", dir.Combine("index")).ExitCode);
        var r = new Random(7);
        for (var i = 0; i < 25; i++)
        {
            var text = RandomText(r).Replace("\0", "");
            if (text.Length > 0 && char.IsSurrogate(text[^1])) text = text[..^1];
            var args = new List<string> { "search", "--index", dir.Combine("index"), "--json" };
            if (r.Next(3) == 0) args.AddRange(["--page", RandomNumber(r)]);
            if (r.Next(3) == 0) args.AddRange(["--year", RandomText(r).Replace("\0", "")]);
            args.Add("--");
            args.Add(text);
            var run = CliProcess.Invoke([.. args]);
            Assert.True(run.ExitCode is 0 or 1 or 2, $"exit {run.ExitCode} for {string.Join(' ', args)}: {run.Stderr}");
            Assert.DoesNotContain("Unhandled exception", run.Stderr);
        }
    }
}
