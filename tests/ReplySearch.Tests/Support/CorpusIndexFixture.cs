using ReplySearch.Core.Indexing;

namespace ReplySearch.Tests.Support;

/// <summary>One real on-disk index of the bundled corpus, built once and shared by the search tests.</summary>
public sealed class CorpusIndexFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public ReplyIndex Index { get; }

    public IndexReport Report { get; }

    public CorpusIndexFixture()
    {
        Index = ReplyIndex.OpenForWrite(_dir.Combine("index"));
        Report = CorpusIndexer.Run(Index, Repo.Corpus);
    }

    public void Dispose()
    {
        Index.Dispose();
        _dir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CorpusIndexCollection : ICollectionFixture<CorpusIndexFixture>
{
    public const string Name = "corpus index";
}
