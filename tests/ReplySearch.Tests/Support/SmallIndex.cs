using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;

namespace ReplySearch.Tests.Support;

/// <summary>A real on-disk index of a few replies written for one test.</summary>
public sealed class SmallIndex : IDisposable
{
    private readonly TempDir _dir = new();
    public ReplyIndex Index { get; }

    public SmallIndex(params (string File, string Text)[] replies)
    {
        var corpus = _dir.Combine("corpus");
        Directory.CreateDirectory(corpus);
        foreach (var (file, text) in replies) File.WriteAllText(Path.Combine(corpus, file), text);
        Index = ReplyIndex.OpenForWrite(_dir.Combine("index"));
        CorpusIndexer.Run(Index, corpus);
    }

    public IReadOnlyList<string> Ranked(string query) =>
        Index.Search(new SearchRequest { Query = query, Size = 100 }).Hits.Select(h => h.Source).ToList();

    /// <summary>A minimal reply around a body, so that tests state only what matters to them.</summary>
    public static string Reply(string title, string body, string heading = "一、工作开展情况") =>
        $"{title}\n\n王建国代表：\n\n您提出的建议收悉。现答复如下：\n\n{heading}\n\n{body}\n\n潍坊市科学技术局\n\n2023年7月1日\n";

    public void Dispose()
    {
        Index.Dispose();
        _dir.Dispose();
    }
}
