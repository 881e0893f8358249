using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;
using Directory = Lucene.Net.Store.Directory;

namespace ReplySearch.Core.Indexing;

/// <summary>
/// The index on disk and the one owner of its Lucene lifecycles: the Directory, the IndexWriter (only
/// when opened for writing) and the SearcherManager that every search goes through.
/// </summary>
public sealed class ReplyIndex : IDisposable
{
    /// <summary>Parser and schema version together: an index built by another version is rebuilt on update.</summary>
    public string SchemaVersion => $"schema15-parser{Parsing.ReplyParser.Version}-lexicon{Analyzers.Lexicon.Fingerprint}";

    /// <summary>
    /// A measurement hook, internal to the library and its harnesses. The body fields a benchmark may build without (<see cref="OpenWithout"/>),
    /// to measure what each costs to index. Such an index answers searches wrongly: it is marked with its own
    /// version, so a normal run rebuilds it.
    /// </summary>
    internal static readonly IReadOnlySet<string> OmittableFields = new HashSet<string> { Schema.TextWords, Schema.TextGrams, Schema.TextChars };

    private readonly Directory _directory;
    private readonly IndexWriter? _writer;
    private readonly SearcherManager _searchers;
    private readonly object _commitLock = new();

    public string Path { get; }

    /// <summary>This index's analyzers and lexicon: what its documents and its queries are analysed with.</summary>
    public Analyzers Analyzers { get; }

    /// <summary>Body fields this writer leaves out (a benchmark's measurement); empty for a real index.</summary>
    public IReadOnlySet<string> OmittedFields { get; private init; } = new HashSet<string>();

    /// <summary>The version this writer commits: <see cref="SchemaVersion"/>, marked when fields are left out.</summary>
    public string BuildVersion => OmittedFields.Count == 0 ? SchemaVersion : $"{SchemaVersion}-without-{string.Join('+', OmittedFields.Order(StringComparer.Ordinal))}";

    private IndexLock? _lock;

    /// <summary>The writer before this one, when it died without closing (its lock was cleared by the OS).</summary>
    public string? StaleLockHolder => _lock?.StaleHolder;

    /// <summary>The common phrases' cached matches shared by this index's searchers; null when opened without.</summary>
    internal PhraseMatchCache? Phrases { get; }

    private ReplyIndex(string path, Analyzers analyzers, Directory directory, IndexWriter? writer, SearcherManager searchers, PhraseMatchCache? phrases)
    {
        Phrases = phrases;
        Path = path;
        Analyzers = analyzers;
        _directory = directory;
        _writer = writer;
        _searchers = searchers;
    }

    /// <summary>Opens an index for searching. Throws <see cref="NoIndexException"/> when there is none.</summary>
    public static ReplyIndex OpenForSearch(string path, Lexicon? lexicon = null, int phraseCacheMegabytes = PhraseMatchCache.DefaultMegabytes)
    {
        // Not FSDirectory.Open: it picks MMapDirectory on Linux, which is slow under concurrent search in
        // this Lucene.Net version and has crash bugs (lucenenet #1151, #1013). NIOFSDirectory was used
        // before; PositionalReadDirectory reads the same files without its per-read lock and seek.
        if (!System.IO.Directory.Exists(path)) throw new NoIndexException(path);
        var dir = new PositionalReadDirectory(new DirectoryInfo(path));
        try
        {
            if (!DirectoryReader.IndexExists(dir)) throw new NoIndexException(path);
            var phrases = Cache(phraseCacheMegabytes);
            var analyzers = new Analyzers(lexicon ?? Lexicon.LoadDefault());
            return new ReplyIndex(path, analyzers, dir, null, WhileWarming(analyzers, () => new SearcherManager(dir, new Factory(phrases))), phrases);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Opens (or creates) an index for writing; searches see each commit.</summary>
    /// <param name="phraseCacheMegabytes">What the common phrases' cached matches may hold (<see cref="PhraseMatchCache"/>); 0: none.</param>
    public static ReplyIndex OpenForWrite(string path, Lexicon? lexicon = null, int phraseCacheMegabytes = PhraseMatchCache.DefaultMegabytes) =>
        OpenForWrite(path, null, lexicon, phraseCacheMegabytes);

    /// <summary>A measurement hook: an index built without some of <see cref="OmittableFields"/>, to measure what each costs.</summary>
    internal static ReplyIndex OpenWithout(string path, IReadOnlySet<string> omitFields) => OpenForWrite(path, omitFields, null, 0);

    private static ReplyIndex OpenForWrite(string path, IReadOnlySet<string>? omitFields, Lexicon? lexicon, int phraseCacheMegabytes)
    {
        var omitted = new HashSet<string>(omitFields ?? new HashSet<string>(), StringComparer.Ordinal);
        if (omitted.FirstOrDefault(f => !OmittableFields.Contains(f)) is { } bad)
        {
            throw new ArgumentException($"'{bad}' cannot be left out; only {string.Join(", ", OmittableFields.Order(StringComparer.Ordinal))} can", nameof(omitFields));
        }
        var held = IndexLock.Acquire(path);
        var dir = new PositionalReadDirectory(new DirectoryInfo(path));
        IndexWriter? writer = null;
        try
        {
            var analyzers = new Analyzers(lexicon ?? Lexicon.LoadDefault());
            var config = new IndexWriterConfig(WordAnalyzer.Version, analyzers.ForIndex())
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Codec = new ReplyCodec(),
                Similarity = Similarity,
                RAMBufferSizeMB = 256,
                // Flushed segments are merged soon after; packing each into a compound file first is a copy for nothing.
                UseCompoundFile = false,
                MergePolicy = new ReplyMergePolicy(),
                // Lets a backup hold on to a commit's files while the writer goes on.
                IndexDeletionPolicy = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy()),
            };
            try
            {
                writer = new IndexWriter(dir, config);
            }
            catch (LockObtainFailedException e)
            {
                throw new IndexLockedException(path, null, e);
            }
            var phrases = Cache(phraseCacheMegabytes);
            var searchers = WhileWarming(analyzers, () => new SearcherManager(writer, true, new Factory(phrases)));
            return new ReplyIndex(path, analyzers, dir, writer, searchers, phrases) { _lock = held, OmittedFields = omitted };
        }
        catch
        {
            writer?.Dispose();
            dir.Dispose();
            held.Dispose();
            throw;
        }
    }

    internal static readonly Similarity Similarity = new BM25Similarity();

    /// <summary>
    /// Opens the searchers while SmartCn's dictionaries load on another core: the first searcher reads every
    /// segment's facet values and tie keys, the dictionaries are read for the first query, and together they
    /// are most of the time from start to a first answer (at a million replies, about 0.8 and 0.4 s).
    /// </summary>
    private static SearcherManager WhileWarming(Analyzers analyzers, Func<SearcherManager> open)
    {
        var warming = Task.Run(analyzers.Warm);
        SearcherManager searchers;
        try
        {
            searchers = open();
        }
        catch
        {
            // Joined before the open's own error goes up, so that nothing of a failed open runs on.
            ((IAsyncResult)warming).AsyncWaitHandle.WaitOne();
            throw;
        }
        try
        {
            warming.GetAwaiter().GetResult();
        }
        catch
        {
            searchers.Dispose();
            throw;
        }
        return searchers;
    }

    private static PhraseMatchCache? Cache(int megabytes) =>
        megabytes < 0 ? throw new ArgumentOutOfRangeException(nameof(megabytes), "the phrase cache's size cannot be negative")
        : megabytes == 0 ? null : new PhraseMatchCache(megabytes * 1024L * 1024);

    // Every searcher of one index shares its phrase cache: entries are per segment core, which outlives searchers.
    private sealed class Factory(PhraseMatchCache? phrases) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            // Facet values and tie keys are read into memory as a searcher opens, so that no query pays for it.
            FacetOrdinals.Warm(reader);
            HitOrder.Warm(reader);
            return phrases is null ? new IndexSearcher(reader) { Similarity = Similarity } : new CachingSearcher(reader, phrases) { Similarity = Similarity };
        }
    }

    private IndexWriter Writer => _writer ?? throw new InvalidOperationException("the index was opened for searching only");

    /// <summary>The schema version the last commit was written with, or null for an empty index.</summary>
    public string? CommittedSchema()
    {
        if (!DirectoryReader.IndexExists(_directory)) return null;
        var commits = DirectoryReader.ListCommits(_directory);
        var last = commits.Count > 0 ? commits[^1] : null;
        return last is not null && last.UserData.TryGetValue(Schema.SchemaVersionKey, out var v) ? v : null;
    }

    /// <summary>id → content hash of every reply in the index.</summary>
    public Dictionary<string, string> StoredHashes()
    {
        var result = new Dictionary<string, string>();
        var searcher = _searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var ids = reader.GetBinaryDocValues(Schema.Id);
                var hashes = reader.GetBinaryDocValues(Schema.ContentHash);
                if (ids is null || hashes is null) continue;
                var live = reader.LiveDocs;
                var id = new BytesRef();
                var hash = new BytesRef();
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    if (live is not null && !live.Get(doc)) continue;
                    ids.Get(doc, id);
                    hashes.Get(doc, hash);
                    result[id.Utf8ToString()] = hash.Utf8ToString();
                }
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
        return result;
    }

    /// <summary>Adds or replaces one reply (thread-safe: analysis runs on the calling thread).</summary>
    public void Upsert(string id, string contentHash, ReplyDocument document) =>
        Writer.UpdateDocument(new Term(Schema.Id, id), DocumentMapper.ToLucene(id, contentHash, document, OmittedFields));

    /// <summary>
    /// Adds a reply whose id is not in the index: no delete by id is buffered, which at every flush would
    /// be looked up in every segment (a bulk build holds dozens). Adding an id twice makes two documents.
    /// </summary>
    public void Add(string id, string contentHash, ReplyDocument document) =>
        Writer.AddDocument(DocumentMapper.ToLucene(id, contentHash, document, OmittedFields));

    /// <summary>
    /// A fast way to fill an index that holds none of the replies to come (<see cref="BulkLoader"/>); the
    /// caller adds through it on every indexing thread, flushes it, then merges and commits as usual.
    /// </summary>
    internal BulkLoader BulkLoad(int chunkTokens = 16 << 20) => new(this, chunkTokens);

    /// <summary>Adds a segment's worth of replies read from elsewhere (a bulk load's lane), as one new segment.</summary>
    internal void AddSegment(IndexReader reader) => Writer.AddIndexes(reader);

    public void Delete(string id) => Writer.DeleteDocuments(new Term(Schema.Id, id));

    public void DeleteAll() => Writer.DeleteAll();

    /// <summary>
    /// Merges the index into one segment: every term is then looked up once per query, a search splits
    /// its one segment evenly across cores, and facets count by one set of ordinals. Two segments merged
    /// side by side would end a large build sooner but make every search slower and more wasteful (measured in
    /// docs/performance.md). Worth it after a bulk build of a read-mostly
    /// archive; incremental updates leave merging to the merge policy.
    /// </summary>
    public void MergeSegments() => Writer.ForceMerge(1);

    /// <summary>
    /// Holds background merges back until disposed: for a bulk build, which ends with
    /// <see cref="MergeSegments"/> and would otherwise rewrite the same data several times over.
    /// </summary>
    public IDisposable DeferMerges()
    {
        var policy = (ReplyMergePolicy)Writer.Config.MergePolicy;
        policy.Deferred = true;
        return new Resume(policy);
    }

    private sealed class Resume(ReplyMergePolicy policy) : IDisposable
    {
        public void Dispose() => policy.Deferred = false;
    }

    /// <summary>Commits (a crash afterwards leaves this state readable) and makes it visible to searches.</summary>
    public void Commit()
    {
        lock (_commitLock)
        {
            Writer.SetCommitData(new Dictionary<string, string> { [Schema.SchemaVersionKey] = BuildVersion });
            Writer.Commit();
            _searchers.MaybeRefreshBlocking();
        }
    }

    /// <summary>
    /// Copies a consistent snapshot of the last commit to target while writes go on: the snapshot keeps the
    /// commit's files from deletion until the copy is done.
    /// </summary>
    public BackupReport Backup(string target)
    {
        var policy = (SnapshotDeletionPolicy)Writer.Config.IndexDeletionPolicy;
        IndexCommit snapshot;
        lock (_commitLock) snapshot = policy.Snapshot();
        try
        {
            return IndexBackup.CopyCommit(Path, target, snapshot);
        }
        finally
        {
            policy.Release(snapshot);
            Writer.DeleteUnusedFiles();
        }
    }

    public int Count
    {
        get
        {
            var s = _searchers.Acquire();
            try { return s.IndexReader.NumDocs; }
            finally { _searchers.Release(s); }
        }
    }

    /// <summary>Runs a function against the current point-in-time searcher.</summary>
    public T WithSearcher<T>(Func<IndexSearcher, T> f)
    {
        var s = _searchers.Acquire();
        try { return f(s); }
        finally { _searchers.Release(s); }
    }

    private readonly SearchLoad _load = new();

    public SearchResult Search(SearchRequest request) => WithSearcher(s => ReplySearcher.Search(s, Analyzers, request, _load));

    /// <summary>The estimated cost of a search (<see cref="QueryCost"/>), found without running it.</summary>
    public int SearchCost(SearchRequest request) => WithSearcher(s =>
        QueryCost.Estimate(ReplySearch.Core.Search.QueryBuilder.Build(QueryLanguage.Parse(request.Query), request, Analyzers).Query, s.IndexReader));

    public ReplyDocument? Get(string id) => WithSearcher(s => FindDoc(s, id));

    /// <summary>The reply's proposal thread, its delegates' other replies and its topic in other years; null for an unknown id.</summary>
    public ReplyHistory? History(string id) => WithSearcher(s =>
        FindDoc(s, id) is { } doc ? ReplyHistories.Find(s, Analyzers, doc, id) : null);

    /// <summary>Each paragraph of the reply and the replies that hold it near-verbatim; null for an unknown id.</summary>
    public IReadOnlyList<ParagraphReuse>? Paragraphs(string id) => WithSearcher(s =>
        FindDoc(s, id) is { } doc ? ReplyParagraphs.Find(s, doc, id) : null);

    /// <summary>
    /// The drafting helper (<see cref="DraftHelper"/>): for a new proposal's text, the most similar earlier
    /// replies as search hits, and the paragraphs most worth reusing, the given agency's first.
    /// </summary>
    public DraftResult Draft(string text, string? agency)
    {
        var (words, query) = WithSearcher(s => DraftHelper.DistinctiveWords(s, Analyzers, text));
        if (words.Count == 0) return new DraftResult([], []);
        var result = Search(new SearchRequest { Query = query, Size = DraftHelper.Replies, Scope = SearchScope.All });
        var docs = result.Hits.Select(h => Get(h.Id)).OfType<ReplyDocument>().ToList();
        return new DraftResult(result.Hits, DraftHelper.Paragraphs(docs, words, agency));
    }

    /// <summary>A delegate's or organisation's replies, newest first, and what they asked about; null when no reply names them.</summary>
    public DelegateProfile? Delegate(string name) => WithSearcher(s => ReplyHistories.Delegate(s, Analyzers, name));

    public ReplyView? View(string id, string? query) => WithSearcher(s =>
        FindDoc(s, id) is { } doc ? ReplyView.Build(id, doc, query, Analyzers) : null);

    public IReadOnlyList<SimilarReply>? Similar(string id, int count) => WithSearcher(s =>
        FindDoc(s, id) is { } doc ? SimilarReplies.Find(s, Analyzers, doc, id, count) : null);

    /// <summary>Writes up to limit hits of a request as CSV (<see cref="CsvExport"/>); returns the number of rows.</summary>
    public int ExportCsv(SearchRequest request, int limit, TextWriter output) => WithSearcher(s => CsvExport.Write(s, Analyzers, request, limit, output));

    public CommitmentPage Commitments(SearchRequest request) => WithSearcher(s => CommitmentList.Page(s, request));

    /// <summary>Every commitment of a request (up to limit), handed to <paramref name="write"/> while the searcher is held.</summary>
    public int EachCommitment(SearchRequest request, int limit, Action<CommitmentItem> write) => WithSearcher(s =>
    {
        var n = 0;
        foreach (var item in CommitmentList.All(s, request, limit))
        {
            write(item);
            n++;
        }
        return n;
    });

    public TrendResult Trend(SearchRequest request, bool byAgency) => WithSearcher(s => TrendCounter.Count(s, Analyzers, request, byAgency));

    public IReadOnlyList<Suggestion> Suggest(string prefix, int count) => WithSearcher(s => Suggester.Suggest(s, prefix, count));

    private static ReplyDocument? FindDoc(IndexSearcher s, string id)
    {
        var hits = s.Search(new TermQuery(new Term(Schema.Id, id)), 1);
        return hits.TotalHits == 0 ? null : DocumentMapper.FromStored(s.Doc(hits.ScoreDocs[0].Doc));
    }

    public void Dispose()
    {
        _searchers.Dispose();
        if (_writer is not null)
        {
            // Uncommitted changes are rolled back rather than half-written: the last commit stays the truth.
            _writer.Rollback();
            _writer.Dispose();
        }
        _directory.Dispose();
        _lock?.Dispose();
    }
}
