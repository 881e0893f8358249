using System.Text.Json;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

public class CliTests
{
    [Fact]
    public void Parse_json_has_every_contract_key_and_the_seed_fields()
    {
        var run = CliProcess.Invoke("parse", "--json", Repo.Seed);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        foreach (var key in new[] { "source", "agency", "year", "date", "docNumber", "title", "kind", "session", "proposalNumber", "proposalTitle",
                     "delegates", "handlingType", "sections", "leader", "handler", "phone", "cc", "text", "warnings",
                     "handlingRole", "contentCategory", "indexNumber", "disclosure", "submittedDate", "encoding" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        }
        Assert.Equal("临沂市科学技术局", root.GetProperty("agency").GetString());
        Assert.Equal(2023, root.GetProperty("year").GetInt32());
        Assert.Equal(Repo.Seed, root.GetProperty("source").GetString());
        Assert.Equal("一、科技创新要素持续汇集", root.GetProperty("sections")[1].GetProperty("heading").GetString());
        Assert.Equal("utf-8", root.GetProperty("encoding").GetString());
    }

    [Theory]
    [InlineData("137_pdf_keji_2024.pdf", "pdf", "潍坊市科学技术局")]
    [InlineData("139_docx_weijian_2022.docx", "docx", "临沂市卫生健康委员会")]
    [InlineData("143_mhtml_wenlv_2023.mhtml", "utf-8 (mime)", "济宁市文化和旅游局")]
    [InlineData("144_gbk_huanbao_2019.txt", "gb18030", "聊城市生态环境局")]
    [InlineData("145_big5_jiaoyu_2021.txt", "big5", "广州市教育局")] // the canonical (simplified) name
    public void Parse_reports_the_format_or_encoding_it_read(string file, string encoding, string agency)
    {
        var run = CliProcess.Invoke("parse", "--json", Path.Combine(Repo.Corpus, file));
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(encoding, json.RootElement.GetProperty("encoding").GetString());
        Assert.Equal(agency, json.RootElement.GetProperty("agency").GetString());
    }

    [Fact]
    public void Parse_repeat_measures_files_per_second()
    {
        var run = CliProcess.Invoke("parse", "--repeat", "3", Path.Combine(Repo.Corpus, "137_pdf_keji_2024.pdf"));
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^parsed 137_pdf_keji_2024\.pdf \(pdf\) 3 times in [\d.]+ s: [\d.]+ files/s", run.Stdout);
    }

    [Fact]
    public void Index_reports_scans_and_old_doc_files_with_their_path_and_reason()
    {
        using var dir = new TempDir();
        var corpus = dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        File.Copy(Path.Combine(Repo.FormatFixtures, "126_keji_2019_scan.pdf"), Path.Combine(corpus, "scan.pdf"));
        File.Copy(Path.Combine(Repo.FormatFixtures, "000_keji_2023.pdf"), Path.Combine(corpus, "reply.pdf"));
        File.WriteAllBytes(Path.Combine(corpus, "old.doc"), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        var run = CliProcess.Invoke("index", "--corpus", corpus, "--index", dir.Combine("index"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("indexed 1,", run.Stdout);
        Assert.Contains("failed 2", run.Stdout);
        Assert.Contains("failed: scan.pdf: needs OCR", run.Stdout);
        Assert.Contains("failed: old.doc: an old binary Word .doc file: convert it to .docx", run.Stdout);
    }

    [Fact]
    public void Index_then_search_json_round_trip_on_the_corpus()
    {
        using var dir = new TempDir();
        var index = dir.Combine("index");
        var indexRun = CliProcess.Invoke("index", "--corpus", Repo.Corpus, "--index", index);
        Assert.Equal(0, indexRun.ExitCode);
        Assert.Contains("failed 0", indexRun.Stdout);

        var run = CliProcess.Invoke("search", "--index", index, "--json", "产学研");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("total").GetInt32() > 0);
        var hit = root.GetProperty("hits")[0];
        foreach (var key in new[] { "id", "source", "title", "agency", "year", "date", "delegates", "proposalNumber", "docNumber", "score", "snippets" })
        {
            Assert.True(hit.TryGetProperty(key, out _), $"missing hit key {key}");
        }
        Assert.Equal("000_692654a2db3241dc.txt", hit.GetProperty("source").GetString());
        var snippet = hit.GetProperty("snippets")[0];
        Assert.True(snippet.TryGetProperty("section", out _));
        Assert.True(snippet.TryGetProperty("html", out _));
        var facets = root.GetProperty("facets");
        foreach (var key in new[] { "agency", "year", "delegate", "kind", "handlingType" })
        {
            Assert.True(facets.GetProperty(key).GetArrayLength() > 0, $"empty facet {key}");
        }

        var show = CliProcess.Invoke("show", "--index", index, hit.GetProperty("id").GetString()!);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("临沂市科学技术局", show.Stdout);

        // A reply's history: the 主办 reply to a proposal finds the 协办 opinion on it (the JSON of the HTTP route).
        var lead = ReplySearch.Core.Indexing.DocumentMapper.IdFor("150_thread_chengguan_2024.txt");
        var history = CliProcess.Invoke("history", "--index", index, "--json", lead);
        Assert.Equal(0, history.ExitCode);
        var thread = JsonDocument.Parse(history.Stdout).RootElement;
        Assert.Equal(ReplySearch.Core.Indexing.DocumentMapper.IdFor("146_portal_xieban_2024.txt"), thread.GetProperty("proposal")[0].GetProperty("id").GetString());
        Assert.True(thread.GetProperty("topic")[0].TryGetProperty("similarity", out _));
        var readable = CliProcess.Invoke("history", "--index", index, lead);
        Assert.Equal(0, readable.ExitCode);
        Assert.Contains("潍坊市水利局", readable.Stdout);
        Assert.Equal(1, CliProcess.Invoke("history", "--index", index, "0000000000000000").ExitCode);

        // The drafting helper from a file: the earlier replies on the topic, and paragraphs worth reusing.
        var proposal = dir.Combine("proposal.txt");
        File.WriteAllText(proposal, "关于加快城区雨水管网改造、解决积水点问题的建议");
        var draft = CliProcess.Invoke("draft", "--index", index, "--json", "--agency", "潍坊市水利局", proposal);
        Assert.Equal(0, draft.ExitCode);
        var offer = JsonDocument.Parse(draft.Stdout).RootElement;
        Assert.Contains(offer.GetProperty("replies").EnumerateArray(), h => h.GetProperty("id").GetString() == lead);
        Assert.Equal("潍坊市水利局", offer.GetProperty("paragraphs")[0].GetProperty("source").GetProperty("agency").GetString());

        // What replies promised: JSON as GET /api/commitments, a readable list with deadlines, and CSV.
        var promisedRun = CliProcess.Invoke("commitments", "--index", index, "--json", "--year", "2024", "积水");
        Assert.Equal(0, promisedRun.ExitCode);
        var promised = JsonDocument.Parse(promisedRun.Stdout).RootElement;
        Assert.True(promised.GetProperty("total").GetInt32() > 0);
        Assert.All(promised.GetProperty("items").EnumerateArray(), c =>
        {
            Assert.Contains("积水", c.GetProperty("text").GetString());
            Assert.Equal(2024, c.GetProperty("year").GetInt32());
        });
        var listed = CliProcess.Invoke("commitments", "--index", index, "--agency", "城市管理");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("[期限 2025-06-30]", listed.Stdout);
        var csv = CliProcess.Invoke("commitments", "--index", index, "--csv", "积水");
        Assert.Equal(0, csv.ExitCode);
        var rows = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,title,agency,year,date", rows[0]);
        Assert.Equal(JsonDocument.Parse(CliProcess.Invoke("commitments", "--index", index, "--json", "积水").Stdout).RootElement.GetProperty("total").GetInt32() + 1, rows.Length);
        Assert.Equal(2, CliProcess.Invoke("commitments", "--index", index, "--page", "0").ExitCode);

        // Two tiers: the exact count by default, both with --scope all; each hit says its tier.
        var exact = JsonDocument.Parse(CliProcess.Invoke("search", "--index", index, "--json", "--size", "100", "产学研", "院士工作站").Stdout).RootElement;
        var allRun = CliProcess.Invoke("search", "--index", index, "--json", "--size", "100", "--scope", "all", "产学研", "院士工作站");
        Assert.Equal(0, allRun.ExitCode);
        var all = JsonDocument.Parse(allRun.Stdout).RootElement;
        Assert.Equal("all", all.GetProperty("scope").GetString());
        Assert.Equal(exact.GetProperty("total").GetInt32() + exact.GetProperty("relatedTotal").GetInt32(), all.GetProperty("total").GetInt32());
        Assert.Contains(all.GetProperty("hits").EnumerateArray(), h => h.GetProperty("match").GetString() == "related");
    }

    [Fact]
    public void Export_writes_the_archive_as_json_lines_a_bulk_file_with_its_template_and_csv()
    {
        using var dir = new TempDir();
        var index = dir.Combine("index");
        Assert.Equal(0, CliProcess.Invoke("index", "--corpus", Repo.Corpus, "--index", index).ExitCode);
        var total = JsonDocument.Parse(CliProcess.Invoke("search", "--index", index, "--json", "--size", "1").Stdout).RootElement.GetProperty("total").GetInt32();

        var jsonl = dir.Combine("replies.jsonl");
        Assert.Equal(0, CliProcess.Invoke("export", "--index", index, "--format", "jsonl", "--out", jsonl).ExitCode);
        var lines = File.ReadAllLines(jsonl);
        Assert.Equal(total, lines.Length);
        var seed = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(r => r.GetProperty("source").GetString() == "000_692654a2db3241dc.txt");
        // The parse --json shape, with the id in front (the path is the archive's relative one, and the encoding the
        // file was read in belongs to reading the file, not to the reply).
        var parsed = JsonDocument.Parse(CliProcess.Invoke("parse", "--json", Repo.Seed).Stdout).RootElement;
        Assert.Equal(ReplySearch.Core.Indexing.DocumentMapper.IdFor("000_692654a2db3241dc.txt"), seed.GetProperty("id").GetString());
        foreach (var key in parsed.EnumerateObject().Select(p => p.Name).Where(k => k is not ("source" or "encoding")))
        {
            Assert.True(JsonElement.DeepEquals(parsed.GetProperty(key), seed.GetProperty(key)), key);
        }

        var bulk = dir.Combine("bulk.ndjson");
        var template = dir.Combine("template.json");
        Assert.Equal(0, CliProcess.Invoke("export", "--index", index, "--format", "elasticsearch", "--out", bulk, "--mapping", template, "--es-index", "replies").ExitCode);
        Assert.Equal(2 * total, File.ReadAllLines(bulk).Length);
        Assert.Equal("replies", JsonDocument.Parse(File.ReadAllText(template)).RootElement.GetProperty("index_patterns")[0].GetString());

        var csv = dir.Combine("replies.csv");
        Assert.Equal(0, CliProcess.Invoke("export", "--index", index, "--format", "csv", "--out", csv).ExitCode);
        Assert.StartsWith("id,", File.ReadAllText(csv).TrimStart('\uFEFF'));
        Assert.Equal(2, CliProcess.Invoke("export", "--index", index, "--format", "jsonl", "--out", jsonl, "--mapping", template).ExitCode);
        Assert.Equal(2, CliProcess.Invoke("export", "--index", dir.Combine("none"), "--format", "jsonl", "--out", jsonl).ExitCode);
    }

    [Theory]
    [InlineData("--year", "20x3")]
    [InlineData("--sort", "sideways")]
    [InlineData("--scope", "most")]
    [InlineData("--size", "500")]
    [InlineData("--page", "0")]
    public void Bad_search_options_exit_non_zero_naming_the_option(string option, string value)
    {
        using var dir = new TempDir();
        var run = CliProcess.Invoke("search", "--index", dir.Path, option, value, "产学研");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(option, run.Stderr);
    }

    [Fact]
    public void Search_without_an_index_says_so()
    {
        using var dir = new TempDir();
        var run = CliProcess.Invoke("search", "--index", dir.Combine("nothing"), "产学研");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no index", run.Stderr);
    }

    [Fact]
    public void Generated_threads_and_their_ground_truth_measure_the_history()
    {
        using var dir = new TempDir();
        var archive = dir.Combine("threads");
        Assert.Equal(0, CliProcess.Invoke("generate", "--threads", "--count", "0", "--out", archive, "--from", Repo.Corpus).ExitCode);
        Assert.True(File.Exists(Path.Combine(archive, "threads.json")));
        var run = CliProcess.Invoke("eval-history", "--archive", archive, "--json");
        var scores = JsonDocument.Parse(run.Stdout).RootElement;
        foreach (var key in new[] { "proposalPrecision", "proposalRecall", "delegatePrecision", "delegateRecall", "topicPrecisionAt5" })
            Assert.InRange(scores.GetProperty(key).GetDouble(), 0, 1);
        Assert.Equal(scores.GetProperty("passed").GetBoolean() ? 0 : 1, run.ExitCode);
        Assert.Equal(2, CliProcess.Invoke("eval-history", "--archive", dir.Path).ExitCode); // no threads.json
    }
}
