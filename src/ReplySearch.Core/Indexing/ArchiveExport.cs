using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Indexing;

/// <summary>
/// The archive as data for other tools, streamed from the index one reply at a time (a million replies never
/// sit in memory): JSON Lines for pandas, R and Excel, and an Elasticsearch bulk file with an index template that
/// reproduces ReplySearch's semantics on Elasticsearch or OpenSearch (see docs/scaling.md).
/// </summary>
public static class ArchiveExport
{
    /// <summary>Every reply of the index, in index order: its id and its document with sections and text.</summary>
    public static IEnumerable<(string Id, ReplyDocument Document)> Replies(IndexSearcher searcher)
    {
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var live = reader.LiveDocs;
            for (var d = 0; d < reader.MaxDoc; d++)
            {
                if (live is not null && !live.Get(d)) continue;
                var doc = DocumentMapper.FromStored(reader.Document(d));
                yield return (DocumentMapper.IdFor(doc.Source), doc);
            }
        }
    }

    /// <summary>One reply as a JSON object: the <c>parse --json</c> shape with <c>id</c> first.</summary>
    public static JsonObject ToJson(string id, ReplyDocument doc)
    {
        var node = JsonSerializer.SerializeToNode(doc, Json.Options)!.AsObject();
        node.Insert(0, "id", id);
        return node;
    }

    /// <summary>Writes one reply per line (<see cref="ToJson"/>); returns how many.</summary>
    public static int WriteJsonLines(IndexSearcher searcher, TextWriter output)
    {
        var n = 0;
        foreach (var (id, doc) in Replies(searcher))
        {
            output.Write(ToJson(id, doc).ToJsonString(Json.Options));
            output.Write('\n');
            n++;
        }
        return n;
    }

    /// <summary>
    /// Writes an Elasticsearch bulk file: for each reply an <c>index</c> action naming <paramref name="index"/> and
    /// the reply's id, then the reply as <see cref="ToJson"/> writes it; returns how many replies.
    /// </summary>
    public static int WriteElasticsearchBulk(IndexSearcher searcher, string index, TextWriter output)
    {
        var n = 0;
        foreach (var (id, doc) in Replies(searcher))
        {
            output.Write(new JsonObject { ["index"] = new JsonObject { ["_index"] = index, ["_id"] = id } }.ToJsonString());
            output.Write('\n');
            var source = ToJson(id, doc);
            source.Remove("id");
            output.Write(source.ToJsonString(Json.Options));
            output.Write('\n');
            n++;
        }
        return n;
    }

    /// <summary>The analyzers of the template, by name.</summary>
    public const string WordsAnalyzer = "replysearch_words", WordsSearchAnalyzer = "replysearch_words_lexicon",
        BigramAnalyzer = "replysearch_bigrams", CharAnalyzer = "replysearch_chars", FoldFilter = "replysearch_fold", LexiconFilter = "replysearch_lexicon";

    /// <summary>
    /// The index template (PUT _index_template/NAME) for indices named <paramref name="index"/>: the fold as a
    /// mapping char filter generated from <see cref="CharFolding.Changes"/>; words through the analysis-smartcn
    /// plugin's tokenizer; a bigram subfield (an ngram tokenizer, 2 to 2) for exact substrings through
    /// match_phrase, and on the body a one-character subfield (ReplySearch's text_chars: a bigram index cannot
    /// find a single character); the lexicon's abbreviation groups as a synonym graph applied when searching
    /// words (高企 finds 高新技术企业); a keyword field with doc values for every facet of the field table.
    /// </summary>
    public static JsonObject ElasticsearchTemplate(string index, Lexicon lexicon)
    {
        var textField = new Func<bool, JsonObject>(chars =>
        {
            var fields = new JsonObject { ["bigrams"] = new JsonObject { ["type"] = "text", ["analyzer"] = BigramAnalyzer } };
            if (chars) fields["chars"] = new JsonObject { ["type"] = "text", ["analyzer"] = CharAnalyzer };
            return new JsonObject { ["type"] = "text", ["analyzer"] = WordsAnalyzer, ["search_analyzer"] = WordsSearchAnalyzer, ["fields"] = fields };
        });
        var properties = new JsonObject
        {
            ["source"] = new JsonObject { ["type"] = "keyword" },
            ["title"] = textField(false),
            ["text"] = textField(true),
            ["date"] = new JsonObject { ["type"] = "date", ["format"] = "yyyy-MM-dd", ["ignore_malformed"] = true },
            ["sections"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["heading"] = textField(false), ["text"] = textField(false), ["label"] = new JsonObject { ["type"] = "keyword" } },
            },
            ["commitments"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["text"] = textField(false), ["due"] = new JsonObject { ["type"] = "date", ["format"] = "yyyy-MM-dd", ["ignore_malformed"] = true } },
            },
        };
        // Every facet and filter of the field table, under its JSON name in the document.
        foreach (var field in FieldTable.All.Where(f => f.Facet is not null || f.Indexing != FieldIndexing.None))
        {
            var name = DocumentKey(field);
            if (properties.ContainsKey(name)) continue;
            properties[name] = field.Indexing == FieldIndexing.Year
                ? new JsonObject { ["type"] = "integer" }
                : new JsonObject { ["type"] = "keyword", ["doc_values"] = true, ["fields"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "text", ["analyzer"] = BigramAnalyzer } } };
        }
        var mappings = new JsonArray();
        foreach (var (from, to) in CharFolding.Changes()) mappings.Add(Escape(from) + "=>" + Escape(to));
        // Equivalence rules (no =>): every form finds the others, as the lexicon's groups do when ReplySearch expands a query.
        var synonyms = new JsonArray();
        foreach (var group in lexicon.Groups) synonyms.Add(string.Join(", ", group.Forms));
        return new JsonObject
        {
            ["index_patterns"] = new JsonArray(index),
            ["template"] = new JsonObject
            {
                ["settings"] = new JsonObject
                {
                    ["analysis"] = new JsonObject
                    {
                        ["char_filter"] = new JsonObject { [FoldFilter] = new JsonObject { ["type"] = "mapping", ["mappings"] = mappings } },
                        ["tokenizer"] = new JsonObject
                        {
                            ["replysearch_bigram"] = new JsonObject { ["type"] = "ngram", ["min_gram"] = 2, ["max_gram"] = 2, ["token_chars"] = new JsonArray("letter", "digit") },
                            ["replysearch_char"] = new JsonObject { ["type"] = "ngram", ["min_gram"] = 1, ["max_gram"] = 1, ["token_chars"] = new JsonArray("letter", "digit") },
                        },
                        ["filter"] = new JsonObject
                        {
                            [LexiconFilter] = new JsonObject { ["type"] = "synonym_graph", ["lenient"] = true, ["synonyms"] = synonyms },
                        },
                        ["analyzer"] = new JsonObject
                        {
                            [WordsAnalyzer] = new JsonObject { ["type"] = "custom", ["char_filter"] = new JsonArray(FoldFilter), ["tokenizer"] = "smartcn_tokenizer", ["filter"] = new JsonArray("lowercase") },
                            [WordsSearchAnalyzer] = new JsonObject { ["type"] = "custom", ["char_filter"] = new JsonArray(FoldFilter), ["tokenizer"] = "smartcn_tokenizer", ["filter"] = new JsonArray("lowercase", LexiconFilter) },
                            [BigramAnalyzer] = new JsonObject { ["type"] = "custom", ["char_filter"] = new JsonArray(FoldFilter), ["tokenizer"] = "replysearch_bigram", ["filter"] = new JsonArray("lowercase") },
                            [CharAnalyzer] = new JsonObject { ["type"] = "custom", ["char_filter"] = new JsonArray(FoldFilter), ["tokenizer"] = "replysearch_char", ["filter"] = new JsonArray("lowercase") },
                        },
                    },
                },
                ["mappings"] = new JsonObject { ["properties"] = properties },
            },
            ["_meta"] = new JsonObject { ["description"] = "ReplySearch's semantics on Elasticsearch 9 / OpenSearch: needs the analysis-smartcn plugin. Written by replysearch export." },
        };
    }

    // The field's key in the exported document: the parse --json name (delegate is the delegates array).
    private static string DocumentKey(ReplyField field) => field.Name switch
    {
        "delegate" => "delegates",
        "section" => "sections",
        _ => field.Name,
    };

    // Elasticsearch's mapping rules take \uXXXX escapes: no character needs quoting then.
    private static string Escape(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
}
