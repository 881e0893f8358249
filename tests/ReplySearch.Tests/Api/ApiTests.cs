using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Api;

[Collection(ApiCollection.Name)]
public class ApiTests(ApiFixture api)
{
    private const string SeedId = "0b9c8183448b990d";

    private async Task<JsonElement> Get(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var client = await api.ReadyClient();
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Q(string s) => Uri.EscapeDataString(s);

    [Fact]
    public async Task Health_is_ok_once_the_index_is_open()
    {
        var health = await Get("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(Directory.GetFiles(Repo.Corpus).Count(f => !f.EndsWith("README.md")), health.GetProperty("replies").GetInt32());
    }

    [Fact]
    public async Task Search_returns_the_cli_shape_with_the_seed_first_and_the_time_taken()
    {
        var r = await Get("/api/search?q=" + Q("产学研"));
        Assert.True(r.GetProperty("total").GetInt32() > 1);
        Assert.True(r.GetProperty("tookMs").GetDouble() >= 0);
        var top = r.GetProperty("hits")[0];
        Assert.Equal(SeedId, top.GetProperty("id").GetString());
        Assert.Equal("000_692654a2db3241dc.txt", top.GetProperty("source").GetString());
        Assert.Contains(top.GetProperty("snippets").EnumerateArray(), s => s.GetProperty("html").GetString()!.Contains("<mark>产学研</mark>"));
        foreach (var f in new[] { "agency", "year", "delegate", "kind", "handlingType" }) Assert.True(r.GetProperty("facets").GetProperty(f).GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("agency=" + "%E4%B8%B4%E6%B2%82%E5%B8%82%E7%A7%91%E5%AD%A6%E6%8A%80%E6%9C%AF%E5%B1%80", "agency", "临沂市科学技术局")]
    [InlineData("year=2016..2018", null, null)]
    [InlineData("year=2023", null, null)]
    [InlineData("kind=%E6%94%BF%E5%8D%8F%E6%8F%90%E6%A1%88", "kind", "政协提案")]
    [InlineData("handlingType=A", "handlingType", "A")]
    [InlineData("delegate=%E7%8E%8B%E5%BB%BA%E5%9B%BD", null, null)]
    [InlineData("section=%E4%BA%BA%E6%89%8D", null, null)]
    [InlineData("contentCategory=%E7%A7%91%E6%8A%80", null, null)]  // 科技
    [InlineData("disclosure=%E4%B8%BB%E5%8A%A8%E5%85%AC%E5%BC%80", null, null)]  // 主动公开
    public async Task Filters_narrow_every_hit(string filter, string? field, string? value)
    {
        var all = await Get("/api/search?size=100");
        var r = await Get("/api/search?size=100&" + filter);
        Assert.InRange(r.GetProperty("total").GetInt32(), 1, all.GetProperty("total").GetInt32() - 1);
        if (field is not null) Assert.All(r.GetProperty("hits").EnumerateArray(), h => Assert.Equal(value, h.GetProperty(field).GetString()));
        if (filter.StartsWith("year=2016")) Assert.All(r.GetProperty("hits").EnumerateArray(), h => Assert.InRange(h.GetProperty("year").GetInt32(), 2016, 2018));
        if (filter.StartsWith("contentCategory")) Assert.All(r.GetProperty("hits").EnumerateArray(), h => Assert.Equal("科技", ContentCategoryOf(h.GetProperty("id").GetString()!)));
        if (filter.StartsWith("delegate")) Assert.All(r.GetProperty("hits").EnumerateArray(), h => Assert.Contains("王建国", h.GetProperty("delegates").EnumerateArray().Select(d => d.GetString())));
    }

    private static string? ContentCategoryOf(string id) =>
        CorpusOracle.Documents.Single(d => DocumentMapper.IdFor(d.Source) == id).ContentCategory;

    [Fact]
    public async Task The_reply_shows_its_portal_metadata_fields_and_the_facets_count_them()
    {
        var id = DocumentMapper.IdFor("106_portal_shengtai_2020.txt");
        var d = (await Get($"/api/replies/{id}")).GetProperty("document");
        Assert.Equal("生态环境", d.GetProperty("contentCategory").GetString());
        Assert.Equal("主办", d.GetProperty("handlingRole").GetString());
        Assert.Equal("002487031/2020-18876", d.GetProperty("indexNumber").GetString());
        Assert.Equal("主动公开", d.GetProperty("disclosure").GetString());
        Assert.Equal("2020-01-09", d.GetProperty("submittedDate").GetString());
        var facets = (await Get("/api/search?size=1")).GetProperty("facets");
        foreach (var f in new[] { "contentCategory", "handlingRole", "disclosure" }) Assert.True(facets.GetProperty(f).GetArrayLength() > 0, f);
    }

    [Fact]
    public async Task Hits_and_the_export_carry_the_portal_fields()
    {
        var hits = (await Get("/api/search?contentCategory=" + Q("生态环境") + "&size=50")).GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("生态环境", h.GetProperty("contentCategory").GetString()));
        var shengtai = hits.Single(h => h.GetProperty("source").GetString() == "106_portal_shengtai_2020.txt");
        Assert.Equal("主办", shengtai.GetProperty("handlingRole").GetString());
        Assert.Equal("主动公开", shengtai.GetProperty("disclosure").GetString());
        Assert.Equal("002487031/2020-18876", shengtai.GetProperty("indexNumber").GetString());
        Assert.Equal("2020-01-09", shengtai.GetProperty("submittedDate").GetString());

        var client = await api.ReadyClient();
        var csv = Encoding.UTF8.GetString((await client.GetByteArrayAsync("/api/export.csv?contentCategory=" + Q("生态环境")))[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",snippet,handlingRole,contentCategory,disclosure,indexNumber,submittedDate,match", lines[0]);
        Assert.Equal(hits.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.EndsWith("\"002487031/2020-18876\",\"2020-01-09\",\"exact\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commitments_list_what_replies_promised_with_their_deadlines_and_export_them()
    {
        var all = await Get("/api/commitments?size=100");
        var total = all.GetProperty("total").GetInt32();
        Assert.True(total > 0);
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("text").GetString())));
        Assert.Contains(items, c => c.TryGetProperty("due", out var due) && due.ValueKind == JsonValueKind.String);

        var water = await Get("/api/commitments?q=" + Q("积水") + "&agency=" + Q("城市管理"));
        var found = water.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(found);
        Assert.All(found, c =>
        {
            Assert.Contains("积水", c.GetProperty("text").GetString());
            Assert.Contains("城市管理", c.GetProperty("agency").GetString());
        });

        var client = await api.ReadyClient();
        var csv = Encoding.UTF8.GetString((await client.GetByteArrayAsync("/api/commitments.csv?q=" + Q("积水")))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,title,agency,year,date,kind,handlingRole,section,due,dueText,text", csv[0]);
        Assert.Equal((await Get("/api/commitments?q=" + Q("积水"))).GetProperty("total").GetInt32() + 1, csv.Length);
    }

    [Fact]
    public async Task Scope_all_counts_and_exports_the_related_tier_after_the_exact_one()
    {
        const string topic = "产学研 院士工作站";
        var exact = await Get("/api/search?q=" + Q(topic) + "&size=100");
        var all = await Get("/api/search?q=" + Q(topic) + "&size=100&scope=all");
        var exactTotal = exact.GetProperty("total").GetInt32();
        var related = exact.GetProperty("relatedTotal").GetInt32();
        Assert.True(related > 0);
        Assert.Equal("exact", exact.GetProperty("scope").GetString());
        Assert.Equal(exactTotal + related, all.GetProperty("total").GetInt32());
        var matches = all.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("match").GetString()).ToList();
        Assert.Equal(exactTotal, matches.Count(m => m == "exact"));
        Assert.Equal(matches.OrderBy(m => m == "related"), matches);

        var client = await api.ReadyClient();
        var exactCsv = Encoding.UTF8.GetString((await client.GetByteArrayAsync("/api/export.csv?q=" + Q(topic)))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var allCsv = Encoding.UTF8.GetString((await client.GetByteArrayAsync("/api/export.csv?scope=all&q=" + Q(topic)))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(exactTotal + 1, exactCsv.Length);
        Assert.Equal(exactTotal + related + 1, allCsv.Length);
        Assert.EndsWith(",\"related\"", allCsv[^1]);

        // The trend counts what the search counts.
        Assert.Equal(exactTotal, (await Get("/api/trend?q=" + Q(topic))).GetProperty("total").GetInt32());
        Assert.Equal(exactTotal + related, (await Get("/api/trend?scope=all&q=" + Q(topic))).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("scope=most")]
    [InlineData("scope=1")]
    public async Task An_unknown_scope_is_a_problem_naming_the_parameter(string query)
    {
        var client = await api.ReadyClient();
        var response = await client.GetAsync("/api/search?q=" + Q("科技") + "&" + query);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("scope", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sort_by_date_and_paging_work()
    {
        var r = await Get("/api/search?q=" + Q("科技") + "&sort=date&size=5&page=2");
        Assert.Equal(2, r.GetProperty("page").GetInt32());
        var dates = r.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("date").GetString() ?? "").ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    [Theory]
    [InlineData("/api/search?size=101", "size")]
    [InlineData("/api/search?size=0", "size")]
    [InlineData("/api/search?size=abc", "size")]
    [InlineData("/api/search?page=0", "page")]
    [InlineData("/api/search?page=-3", "page")]
    [InlineData("/api/search?page=99999999999", "page")]
    [InlineData("/api/search?page=2000&size=100", "page")]
    [InlineData("/api/search?sort=sideways", "sort")]
    [InlineData("/api/search?year=20x3", "year")]
    [InlineData("/api/search?year=2023..2021", "year")]
    [InlineData("/api/trend?q=a&by=month", "by")]
    [InlineData("/api/suggest?prefix=a&size=50", "size")]
    [InlineData("/api/replies/" + SeedId + "/similar?size=0", "size")]
    [InlineData("/api/export.csv?year=x", "year")]
    [InlineData("/api/commitments?page=0", "page")]
    [InlineData("/api/commitments.csv?year=x", "year")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string url, string parameter)
    {
        var client = await api.ReadyClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors should name {parameter}");
        Assert.Contains(parameter, problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/replies/0000000000000000")]
    [InlineData("/api/replies/not-an-id")]
    [InlineData("/api/replies/0000000000000000/similar")]
    [InlineData("/api/replies/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/replies/%2E%2E")]
    public async Task An_unknown_id_is_a_404_problem(string url)
    {
        var client = await api.ReadyClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_reply_comes_whole_with_every_match_marked()
    {
        var r = await Get($"/api/replies/{SeedId}?q=" + Q("产学研"));
        var d = r.GetProperty("document");
        Assert.Equal("临沂市科学技术局", d.GetProperty("agency").GetString());
        Assert.Contains("龙湖软件园", d.GetProperty("text").GetString());
        var sections = r.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(7, sections.Count);
        var marked = sections.Sum(s => s.GetProperty("html").GetString()!.Split("<mark>产学研</mark>").Length - 1);
        Assert.Equal(5, marked);
        Assert.Equal(5, r.GetProperty("matches").GetInt32());
        Assert.Equal(4, sections[1].GetProperty("matches").GetInt32());
    }

    [Fact]
    public async Task Similar_replies_give_a_reason()
    {
        var r = await Get($"/api/replies/{SeedId}/similar");
        var list = r.EnumerateArray().ToList();
        Assert.InRange(list.Count, 1, 5);
        Assert.DoesNotContain(list, x => x.GetProperty("id").GetString() == SeedId);
        Assert.All(list, x => Assert.StartsWith("共同关键词：", x.GetProperty("reason").GetString()));
        // Earlier replies come first: the seed is from 2023-07-24.
        var dates = list.Select(x => x.GetProperty("date").GetString() ?? "").ToList();
        var firstLater = dates.FindIndex(d => string.CompareOrdinal(d, "2023-07-24") > 0);
        if (firstLater >= 0) Assert.All(dates.Skip(firstLater), d => Assert.True(string.CompareOrdinal(d, "2023-07-24") > 0));
    }

    [Fact]
    public async Task Trend_counts_replies_and_occurrences_per_year_and_agency()
    {
        var r = await Get("/api/trend?q=" + Q("产学研") + "&by=agency");
        var years = r.GetProperty("years").EnumerateArray().ToList();
        var search = await Get("/api/search?q=" + Q("产学研"));
        Assert.Equal(search.GetProperty("total").GetInt32(), r.GetProperty("total").GetInt32());
        Assert.Equal(r.GetProperty("total").GetInt32(), years.Sum(y => y.GetProperty("replies").GetInt32()));
        var y2023 = years.Single(y => y.GetProperty("key").GetString() == "2023");
        // 2023 holds the seed (5 times) and two samples; each occurrence is counted.
        var expected2023 = CorpusOracle.Documents.Where(d => d.Year == 2023)
            .Sum(d => System.Text.RegularExpressions.Regex.Matches(ReplySearch.Core.Analysis.CharFolding.Fold(d.Text), "产学研").Count);
        Assert.Equal(expected2023, y2023.GetProperty("occurrences").GetInt64());
        var agencies = r.GetProperty("agencies").EnumerateArray().ToList();
        Assert.Equal(r.GetProperty("total").GetInt32(), agencies.Sum(a => a.GetProperty("replies").GetInt32()));
    }

    [Theory]
    [InlineData("产学", "产学研", "term")]
    [InlineData("王", "王建国", "delegate")]
    [InlineData("临沂市", "临沂市科学技术局", "agency")]
    public async Task Suggest_completes_from_words_delegates_and_agencies(string prefix, string expected, string kind)
    {
        var r = await Get("/api/suggest?prefix=" + Q(prefix));
        Assert.Contains(r.EnumerateArray(), s => s.GetProperty("text").GetString() == expected && s.GetProperty("kind").GetString() == kind);
    }

    [Fact]
    public async Task Export_writes_every_hit_as_utf8_csv_with_a_bom()
    {
        var client = await api.ReadyClient();
        var response = await client.GetAsync("/api/export.csv?q=" + Q("科技"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var total = (await Get("/api/search?q=" + Q("科技"))).GetProperty("total").GetInt32();
        Assert.True(total > 10, "more hits than a page, so the export is not paged");
        Assert.Equal(total + 1, lines.Length);
        Assert.StartsWith("id,source,title,agency,year", lines[0]);
        Assert.DoesNotContain("<mark>", string.Concat(lines));
    }

    [Fact]
    public async Task The_schema_lists_every_field_of_the_table_with_its_filter_and_facet()
    {
        var schema = await Get("/api/schema");
        var fields = schema.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(FieldTable.All.Select(f => f.Name), fields.Select(f => f.GetProperty("name").GetString()));
        foreach (var (field, json) in FieldTable.All.Zip(fields))
        {
            Assert.Equal(field.Label, json.GetProperty("label").GetString());
            Assert.Equal(field.Filter is null, json.GetProperty("filter").ValueKind == JsonValueKind.Null);
            Assert.Equal(field.Facet is null, json.GetProperty("facet").ValueKind == JsonValueKind.Null);
        }
        Assert.Equal(SearchRequestParser.Parameters.Select(p => p.Name), schema.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
    }

    /// <summary>
    /// Every facet of the table, every value of it: filtering by the value finds exactly the replies the facet
    /// counted (at least those, for a substring filter, each holding the value). A facet added to the table is
    /// checked here with no new test.
    /// </summary>
    [Fact]
    public async Task Every_facet_value_filters_to_the_replies_it_counts()
    {
        var all = await Get("/api/search?size=1");
        foreach (var field in FieldTable.Facets.Where(f => f.Filter is not null))
        {
            var values = all.GetProperty("facets").GetProperty(field.Name).EnumerateArray().ToList();
            Assert.NotEmpty(values);
            foreach (var v in values)
            {
                var value = v.GetProperty("value").GetString()!;
                var count = v.GetProperty("count").GetInt32();
                var r = await Get($"/api/search?size=100&{field.Name}={Q(value)}");
                var total = r.GetProperty("total").GetInt32();
                if (field.Filter == FilterMatch.Contains) Assert.True(total >= count, $"{field.Name}={value}: {total} < {count}");
                else Assert.True(total == count, $"{field.Name}={value}: {total} != {count}");
                Assert.Contains(r.GetProperty("facets").GetProperty(field.Name).EnumerateArray(),
                    f => f.GetProperty("value").GetString() == value && f.GetProperty("count").GetInt32() == count);
            }
        }
    }

    public static TheoryData<string> UserInput() => new()
    {
        "/api/search?q=%22%E4%BA%A7%E5%AD%A6%E7%A0%94",
        "/api/search?q=-",
        "/api/search?q=OR",
        "/api/search?q=" + new string('a', 20000),
        "/api/search?q=%00%01%02",
        "/api/search?q=%ED%A0%80",
        "/api/search?q=agency%3A&year=&size=",
        "/api/search?q=((((((",
        "/api/trend?q=%E2%80%9C",
        "/api/suggest?prefix=%E2%80%9C%22",
        "/api/suggest",
        "/api/replies/" + SeedId + "?q=%22",
        "/api/export.csv?q=-%E4%BA%A7",
    };

    [Theory]
    [MemberData(nameof(UserInput))]
    public async Task Nothing_a_user_can_type_gives_a_500(string url)
    {
        var client = await api.ReadyClient();
        var response = await client.GetAsync(url);
        Assert.True((int)response.StatusCode < 500, $"{url} gave {(int)response.StatusCode}");
    }
}
