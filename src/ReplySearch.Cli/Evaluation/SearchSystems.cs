using System.Diagnostics;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace ReplySearch.Cli.Evaluation;

/// <summary>What the evaluation asks of a search system.</summary>
public interface ISearchSystem : IDisposable
{
    string Name { get; }

    long IndexBytes { get; }

    /// <summary>Does the query, typed as is, find this reply?</summary>
    bool Finds(string query, string source);

    /// <summary>Every reply the query finds.</summary>
    IReadOnlySet<string> All(string query);

    /// <summary>The top n sources, best first.</summary>
    IReadOnlyList<string> Rank(string query, int n);

    /// <summary>Runs the query as a user would get it and returns the milliseconds it took.</summary>
    double Time(string query);
}

/// <summary>ReplySearch itself: its query language, query builder and searcher on its own index.</summary>
public sealed class ReplySearchSystem(ReplyIndex index) : ISearchSystem
{
    public string Name => "ReplySearch";

    public long IndexBytes => EvalIo.DirectorySize(index.Path);

    public bool Finds(string query, string source) => index.WithSearcher(s =>
    {
        var built = Core.Search.QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest(), index.Analyzers);
        var q = new BooleanQuery
        {
            { built.Query, Occur.MUST },
            { new TermQuery(new Term(Schema.Id, DocumentMapper.IdFor(source))), Occur.MUST },
        };
        return s.Search(q, 1).TotalHits > 0;
    });

    public IReadOnlySet<string> All(string query) =>
        index.Search(new SearchRequest { Query = query, Size = SearchRequest.MaxSize }).Hits.Select(h => h.Source).ToHashSet();

    public IReadOnlyList<string> Rank(string query, int n) =>
        index.Search(new SearchRequest { Query = query, Size = n }).Hits.Select(h => h.Source).ToList();

    /// <summary>The same work as the plain build: parse, build, top 10, load the stored documents.</summary>
    public double Time(string query) => index.WithSearcher(s =>
    {
        var watch = Stopwatch.StartNew();
        var built = Core.Search.QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest(), index.Analyzers);
        foreach (var sd in s.Search(built.Query, 10).ScoreDocs) _ = s.Doc(sd.Doc);
        return watch.Elapsed.TotalMilliseconds;
    });

    /// <summary>What a user waits for: the query plus facets over all hits and the snippets of the top 10.</summary>
    public double TimeFull(string query)
    {
        var watch = Stopwatch.StartNew();
        index.Search(new SearchRequest { Query = query, Size = 10 });
        return watch.Elapsed.TotalMilliseconds;
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// The plain build a user would otherwise make: one body field analysed by the stock
/// SmartChineseAnalyzer and the classic QueryParser, top 10. Two readings of a search box: AND between
/// words with Lucene's default TF-IDF (the "before" of every figure the evaluation reports), and OR with
/// BM25, which is what an Elasticsearch <c>match</c> query does by default.
/// </summary>
public sealed class PlainSmartCnSystem : ISearchSystem
{
    /// <summary>How the baseline reads a query.</summary>
    public enum Reading
    {
        /// <summary>Every word must occur; TF-IDF.</summary>
        And,

        /// <summary>Any word may occur; BM25 (k1 1.2, b 0.75): Elasticsearch's default match query.</summary>
        OrBm25,
    }

    private const string Body = "body";
    private const string SourceField = "source";
    private readonly string _path;
    private readonly Lucene.Net.Store.Directory _dir;
    private readonly SmartChineseAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Reading _reading;

    public string Name => _reading == Reading.And ? "plain SmartCn" : "SmartCn OR BM25";

    public long IndexBytes => EvalIo.DirectorySize(_path);

    public PlainSmartCnSystem(string path, IEnumerable<ReplyDocument> documents, Reading reading = Reading.And)
    {
        _path = path;
        _reading = reading;
        Similarity similarity = reading == Reading.OrBm25 ? new BM25Similarity() : new DefaultSimilarity();
        System.IO.Directory.CreateDirectory(path);
        _dir = new NIOFSDirectory(new DirectoryInfo(path));
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { OpenMode = OpenMode.CREATE, Similarity = similarity };
        using (var writer = new IndexWriter(_dir, config))
        {
            foreach (var d in documents)
            {
                writer.AddDocument(new LuceneDocument
                {
                    new StringField(SourceField, d.Source, Field.Store.YES),
                    new TextField(Body, d.Text, Field.Store.YES),
                });
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_dir);
        _searcher = new IndexSearcher(_reader) { Similarity = similarity };
    }

    private Query? Parse(string query)
    {
        try
        {
            var parser = new QueryParser(LuceneVersion.LUCENE_48, Body, _analyzer) { DefaultOperator = _reading == Reading.And ? Operator.AND : Operator.OR };
            return parser.Parse(query.Trim().Length == 0 ? "*:*" : query);
        }
        catch (ParseException)
        {
            return null;
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            return null;
        }
    }

    public bool Finds(string query, string source)
    {
        if (Parse(query) is not { } q) return false;
        var filtered = new BooleanQuery { { q, Occur.MUST }, { new TermQuery(new Term(SourceField, source)), Occur.MUST } };
        return _searcher.Search(filtered, 1).TotalHits > 0;
    }

    public IReadOnlySet<string> All(string query)
    {
        if (Parse(query) is not { } q) return new HashSet<string>();
        return _searcher.Search(q, Math.Max(1, _reader.MaxDoc)).ScoreDocs.Select(sd => _searcher.Doc(sd.Doc).Get(SourceField)).ToHashSet();
    }

    public IReadOnlyList<string> Rank(string query, int n)
    {
        if (Parse(query) is not { } q) return [];
        return _searcher.Search(q, n).ScoreDocs.Select(sd => _searcher.Doc(sd.Doc).Get(SourceField)).ToList();
    }

    public double Time(string query)
    {
        var watch = Stopwatch.StartNew();
        if (Parse(query) is { } q)
        {
            foreach (var sd in _searcher.Search(q, 10).ScoreDocs) _ = _searcher.Doc(sd.Doc);
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _dir.Dispose();
        _analyzer.Dispose();
    }
}

internal static class EvalIo
{
    public static long DirectorySize(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
