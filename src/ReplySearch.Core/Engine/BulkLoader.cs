using Lucene.Net.Index;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using Directory = Lucene.Net.Store.Directory;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: IndexWriter.AddDocument for the replies of a bulk build (Lucene's inverter for the body fields).
// Proved equal by: BulkLoaderTests (every posting, norm, doc value and stored field equal to adding through Lucene).

/// <summary>
/// Adds many new replies to an index fast (<see cref="ReplyIndex.BulkLoad"/>). Each indexing thread has a
/// lane: a private writer of its own for every field but the body's (words, bigrams, characters), which
/// <see cref="TermChunk"/>s invert instead, all taking the thread's replies in the same order. When a
/// lane's chunks are full, its writer's segment and the chunks, side by side (Lucene's
/// ParallelAtomicReader), are added to the index as one segment, and the index commits every
/// <see cref="CorpusIndexer.CommitEvery"/> replies: a build killed midway keeps what was committed, and the
/// index never holds a reply without its body fields. The lanes' writers live in a folder inside the index
/// folder, removed when the load ends.
/// </summary>
internal sealed class BulkLoader : IDisposable
{
    private readonly ReplyIndex _index;
    private readonly string _root;
    private readonly HashSet<string> _omitted;
    private readonly ThreadLocal<Lane> _lanes;
    private readonly int _chunkTokens;
    private int _laneCount;
    private int _sinceCommit;

    internal BulkLoader(ReplyIndex index, int chunkTokens)
    {
        _index = index;
        _chunkTokens = chunkTokens;
        _root = System.IO.Path.Combine(index.Path, WorkFolder);
        // A load killed before it ended leaves its lanes behind; they hold nothing the index needs.
        if (System.IO.Directory.Exists(_root)) System.IO.Directory.Delete(_root, recursive: true);
        _omitted = new HashSet<string>(index.OmittedFields, StringComparer.Ordinal) { Schema.TextWords, Schema.TextGrams, Schema.TextChars };
        _lanes = new ThreadLocal<Lane>(() => new Lane(this, Interlocked.Increment(ref _laneCount)), trackAllValues: true);
    }

    /// <summary>The folder, inside the index folder, that holds the lanes' writers while a load runs.</summary>
    public const string WorkFolder = ".bulk";

    /// <summary>Adds a reply whose id is not in the index, on the calling thread's lane.</summary>
    public void Add(string id, string contentHash, ReplyDocument document) => _lanes.Value!.Add(id, contentHash, document);

    /// <summary>Adds what the calling thread's lane holds to the index; each indexing thread calls it when it is done.</summary>
    public void FlushLane()
    {
        if (_lanes.IsValueCreated) _lanes.Value!.Flush();
    }

    /// <summary>Adds what every lane holds (those not flushed by their threads); only once the indexing threads have stopped.</summary>
    public void FlushAll()
    {
        foreach (var lane in _lanes.Values) lane.Flush();
    }

    private void Added(int replies)
    {
        if (Interlocked.Add(ref _sinceCommit, replies) < CorpusIndexer.CommitEvery) return;
        Interlocked.Exchange(ref _sinceCommit, 0);
        _index.Commit();
    }

    public void Dispose()
    {
        foreach (var lane in _lanes.Values) lane.Dispose();
        _lanes.Dispose();
        try
        {
            if (System.IO.Directory.Exists(_root)) System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Removed by the next load.
        }
        // The lanes' token buffers (hundreds of MB of large objects) are unreferenced from here on. Whether
        // to hand that memory back to the OS at once is the host's decision (a service that goes on serving
        // does; a command that exits need not), so no collection is forced here.
    }

    /// <summary>One thread's writer and body chunks, holding the same replies in the same order.</summary>
    private sealed class Lane : IDisposable
    {
        private readonly BulkLoader _loader;
        private readonly Directory _directory;
        private readonly IndexWriter _writer;
        private readonly TermChunk[] _chunks;
        private readonly List<string> _ids = [];

        public Lane(BulkLoader loader, int number)
        {
            _loader = loader;
            _directory = new PositionalReadDirectory(new DirectoryInfo(System.IO.Path.Combine(loader._root, $"lane{number}")));
            _writer = new IndexWriter(_directory, new IndexWriterConfig(WordAnalyzer.Version, loader._index.Analyzers.ForIndex())
            {
                OpenMode = OpenMode.CREATE,
                Codec = new ReplyCodec(),
                Similarity = ReplyIndex.Similarity,
                // One segment a chunk, written when the chunk is added: no flush, no merge before.
                RAMBufferSizeMB = 1024,
                UseCompoundFile = false,
                MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
            });
            var omitted = loader._index.OmittedFields;
            var units = new FoldedUnits();
            _chunks = new TermChunk[]
            {
                new WordChunk(ReplyIndex.Similarity, loader._chunkTokens, loader._index.Analyzers.Words),
                new BigramChunk(ReplyIndex.Similarity, loader._chunkTokens, units),
                new CharChunk(ReplyIndex.Similarity, loader._chunkTokens, units),
            }.Where(c => !omitted.Contains(c.Field)).ToArray();
        }

        public void Add(string id, string contentHash, ReplyDocument document)
        {
            _ids.Add(id);
            foreach (var chunk in _chunks) chunk.Add(document.Text);
            _writer.AddDocument(DocumentMapper.ToLucene(id, contentHash, document, _loader._omitted));
            if (_chunks.Any(c => c.IsFull)) Flush();
        }

        public void Flush()
        {
            if (_ids.Count == 0) return;
            using (var reader = DirectoryReader.Open(_writer, applyAllDeletes: false))
            {
                var others = SlowCompositeReaderWrapper.Wrap(reader);
                CheckOrder(others);
                var sealedChunks = _chunks.Select(c => c.Seal()).ToArray();
                var readers = sealedChunks.Select(p => (AtomicReader)new ChunkReader(p)).Prepend(others).ToArray();
                _loader._index.AddSegment(new ParallelAtomicReader(false, readers));
                for (var i = 0; i < _chunks.Length; i++) _chunks[i].Recycle(sealedChunks[i]);
            }
            var added = _ids.Count;
            _ids.Clear();
            _writer.DeleteAll();
            _loader.Added(added);
        }

        /// <summary>The writer's replies must be the chunk's, in its order: pairing them is what makes the segment right.</summary>
        private void CheckOrder(AtomicReader reader)
        {
            var ids = reader.GetBinaryDocValues(Schema.Id);
            if (reader.MaxDoc != _ids.Count || reader.NumDocs != _ids.Count || ids is null)
            {
                throw new InvalidOperationException($"bulk load: the lane's writer holds {reader.NumDocs} of {reader.MaxDoc} replies, its body chunks {_ids.Count}");
            }
            var id = new Lucene.Net.Util.BytesRef();
            for (var doc = 0; doc < _ids.Count; doc++)
            {
                ids.Get(doc, id);
                if (id.Utf8ToString() != _ids[doc]) throw new InvalidOperationException($"bulk load: reply {doc} of the lane is {id.Utf8ToString()}, its body chunks' is {_ids[doc]}");
            }
        }

        public void Dispose()
        {
            foreach (var chunk in _chunks) chunk.Release();
            _writer.Rollback();
            _writer.Dispose();
            _directory.Dispose();
        }
    }
}
