using System.Text.Json;
using System.Text.Json.Nodes;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Tests.Support;
using ModelJson = ReplySearch.Core.Model.Json;

namespace ReplySearch.Tests;

/// <summary>
/// The archive as data (issue #21): JSON Lines round-trip to the documents the parser reads from the corpus, the
/// Elasticsearch bulk file is NDJSON in action/source pairs, and the template names the analyzers and fields that
/// reproduce ReplySearch's semantics.
/// </summary>
[Collection(CorpusIndexCollection.Name)]
public class ArchiveExportTests(CorpusIndexFixture corpus)
{
    private static string Corpus(string source) => Path.Combine(Repo.Corpus, source);

    private List<string> Lines(Func<Lucene.Net.Search.IndexSearcher, TextWriter, int> write, out int count)
    {
        var output = new StringWriter();
        var n = corpus.Index.WithSearcher(s => write(s, output));
        count = n;
        Assert.EndsWith("\n", output.ToString());
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public void Json_lines_round_trip_to_the_documents_the_parser_reads()
    {
        var lines = Lines(ArchiveExport.WriteJsonLines, out var count);
        Assert.Equal(corpus.Index.Count, count);
        Assert.Equal(count, lines.Count);
        var ids = new HashSet<string>();
        foreach (var line in lines)
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var id = node["id"]!.GetValue<string>();
            Assert.True(ids.Add(id), $"{id} twice");
            var exported = JsonSerializer.Deserialize<ReplyDocument>(line, ModelJson.Options)!;
            Assert.Equal(DocumentMapper.IdFor(exported.Source), id);
            // The same document as parsing the file again: every field, the sections, the commitments and the text.
            var read = ReplyReader.Read(Corpus(exported.Source), exported.Source);
            Assert.True(read.Ok, read.Error);
            Assert.Equal(JsonSerializer.Serialize(read.Document, ModelJson.Options), JsonSerializer.Serialize(exported, ModelJson.Options));
        }
    }

    [Fact]
    public void The_bulk_file_is_ndjson_in_action_and_source_pairs_keyed_by_the_reply_id()
    {
        var lines = Lines((s, w) => ArchiveExport.WriteElasticsearchBulk(s, "replies-2026", w), out var count);
        Assert.Equal(corpus.Index.Count, count);
        Assert.Equal(2 * count, lines.Count);
        for (var i = 0; i < lines.Count; i += 2)
        {
            var action = JsonNode.Parse(lines[i])!.AsObject();
            var index = Assert.Single(action).Value!.AsObject();
            Assert.Equal("index", Assert.Single(action).Key);
            Assert.Equal("replies-2026", index["_index"]!.GetValue<string>());
            var source = JsonNode.Parse(lines[i + 1])!.AsObject();
            Assert.Equal(DocumentMapper.IdFor(source["source"]!.GetValue<string>()), index["_id"]!.GetValue<string>());
            Assert.False(source.ContainsKey("id"));
            Assert.False(string.IsNullOrEmpty(source["text"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void The_template_names_the_analyzers_and_a_keyword_field_for_every_facet()
    {
        var template = JsonNode.Parse(ArchiveExport.ElasticsearchTemplate("replies-*", corpus.Index.Analyzers.Lexicon).ToJsonString())!.AsObject();
        Assert.Equal("replies-*", template["index_patterns"]![0]!.GetValue<string>());
        var analysis = template["template"]!["settings"]!["analysis"]!;
        Assert.Equal("smartcn_tokenizer", analysis["analyzer"]![ArchiveExport.WordsAnalyzer]!["tokenizer"]!.GetValue<string>());
        var bigram = analysis["tokenizer"]![analysis["analyzer"]![ArchiveExport.BigramAnalyzer]!["tokenizer"]!.GetValue<string>()]!;
        Assert.Equal(("ngram", 2, 2), (bigram["type"]!.GetValue<string>(), bigram["min_gram"]!.GetValue<int>(), bigram["max_gram"]!.GetValue<int>()));
        // The fold, from the project's own table: full width, script, brackets.
        var rules = analysis["char_filter"]![ArchiveExport.FoldFilter]!["mappings"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet();
        foreach (var (from, to) in new[] { ('Ａ', 'a'), ('國', '国'), ('〔', '(') }) Assert.Contains($"\\u{(int)from:x4}=>\\u{(int)to:x4}", rules);
        Assert.Equal(CharFolding.Changes().Count(), rules.Count);
        var properties = template["template"]!["mappings"]!["properties"]!.AsObject();
        foreach (var facet in FieldTable.Facets.Where(f => f.Indexing != FieldIndexing.Year))
        {
            var key = facet.Name == "delegate" ? "delegates" : facet.Name;
            Assert.Equal("keyword", properties[key]!["type"]!.GetValue<string>());
            Assert.True(properties[key]!["doc_values"]!.GetValue<bool>(), key);
        }
        Assert.Equal("integer", properties["year"]!["type"]!.GetValue<string>());
        Assert.Equal(ArchiveExport.BigramAnalyzer, properties["text"]!["fields"]!["bigrams"]!["analyzer"]!.GetValue<string>());
        var chars = analysis["tokenizer"]![analysis["analyzer"]![properties["text"]!["fields"]!["chars"]!["analyzer"]!.GetValue<string>()]!["tokenizer"]!.GetValue<string>()]!;
        Assert.Equal(("ngram", 1, 1), (chars["type"]!.GetValue<string>(), chars["min_gram"]!.GetValue<int>(), chars["max_gram"]!.GetValue<int>()));
        // The lexicon as a synonym graph, applied to the words when searching: 高企 finds 高新技术企业.
        var searchWords = analysis["analyzer"]![properties["text"]!["search_analyzer"]!.GetValue<string>()]!;
        var lexicon = analysis["filter"]![searchWords["filter"]!.AsArray().Last()!.GetValue<string>()]!;
        Assert.Equal("synonym_graph", lexicon["type"]!.GetValue<string>());
        Assert.Contains("高企, 高新技术企业", lexicon["synonyms"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(corpus.Index.Analyzers.Lexicon.Groups.Count, lexicon["synonyms"]!.AsArray().Count);
    }
}
