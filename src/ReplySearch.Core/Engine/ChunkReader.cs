using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: a flushed segment of one field, as IndexWriter.AddIndexes reads it.
// Proved equal by: BulkLoaderTests.

/// <summary>
/// A sealed <see cref="TermChunk"/> as a Lucene segment holding its one field (no stored fields, no doc
/// values, no deletions): what <c>IndexWriter.AddIndexes</c> reads, beside the segment of the replies'
/// other fields, to write them as one segment. Only what a merge reads needs to be fast; the rest is
/// correct and simple.
/// </summary>
internal sealed class ChunkReader : AtomicReader
{
    private readonly TermChunk.SortedPostings _postings;
    private readonly FieldInfos _fieldInfos;
    private readonly ChunkFields _fields;

    public ChunkReader(TermChunk.SortedPostings postings)
    {
        _postings = postings;
        // As a TextField's with these index options: norms, no payloads or vectors.
        _fieldInfos = new FieldInfos([new FieldInfo(postings.Field, indexed: true, number: 0, storeTermVector: false, omitNorms: false,
            storePayloads: false, postings.Options, DocValuesType.NONE, DocValuesType.NUMERIC, null)]);
        _fields = new ChunkFields(postings);
    }

    public override Fields Fields => _fields;

    public override FieldInfos FieldInfos => _fieldInfos;

    public override IBits? LiveDocs => null;

    public override int NumDocs => _postings.DocCount;

    public override int MaxDoc => _postings.DocCount;

    public override NumericDocValues? GetNormValues(string field) => field == _postings.Field ? new Norms(_postings) : null;

    public override NumericDocValues? GetNumericDocValues(string field) => null;

    public override BinaryDocValues? GetBinaryDocValues(string field) => null;

    public override SortedDocValues? GetSortedDocValues(string field) => null;

    public override SortedSetDocValues? GetSortedSetDocValues(string field) => null;

    public override IBits? GetDocsWithField(string field) => null;

    public override Fields? GetTermVectors(int docID) => null;

    public override void Document(int docID, StoredFieldVisitor visitor)
    {
        // No stored fields: the other reader of the pair holds them.
    }

    public override void CheckIntegrity()
    {
    }

    protected override void DoClose()
    {
    }

    private sealed class Norms(TermChunk.SortedPostings postings) : NumericDocValues
    {
        public override long Get(int docID) => postings.Norm(docID);
    }

    private sealed class ChunkFields(TermChunk.SortedPostings postings) : Fields
    {
        private readonly ChunkTerms _terms = new(postings);

        public override IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)[postings.Field]).GetEnumerator();

        public override Terms? GetTerms(string field) => field == postings.Field ? _terms : null;

        public override int Count => 1;
    }

    private sealed class ChunkTerms(TermChunk.SortedPostings postings) : Terms
    {
        public override TermsEnum GetEnumerator() => new ChunkTermsEnum(postings);

        public override IComparer<BytesRef> Comparer => BytesRef.UTF8SortedAsUnicodeComparer;

        public override long Count => postings.TermCount;

        public override long SumTotalTermFreq => postings.SumTotalTermFreq;

        public override long SumDocFreq => postings.SumDocFreq;

        public override int DocCount => postings.DocsWithTerms;

        public override bool HasFreqs => postings.Options >= IndexOptions.DOCS_AND_FREQS;

        public override bool HasOffsets => false;

        public override bool HasPositions => postings.Options >= IndexOptions.DOCS_AND_FREQS_AND_POSITIONS;

        public override bool HasPayloads => false;
    }

    private sealed class ChunkTermsEnum(TermChunk.SortedPostings postings) : TermsEnum
    {
        private int _ord = -1;
        private readonly BytesRef _term = new(new byte[16]);

        public override IComparer<BytesRef> Comparer => BytesRef.UTF8SortedAsUnicodeComparer;

        public override bool MoveNext()
        {
            if (_ord + 1 >= postings.TermCount)
            {
                _ord = postings.TermCount;
                return false;
            }
            Position(_ord + 1);
            return true;
        }

        [Obsolete("Lucene.Net's old enumeration; MoveNext and Term replace it.")]
        public override BytesRef? Next() => MoveNext() ? _term : null;

        public override BytesRef Term => _term;

        public override long Ord => _ord;

        private void Position(int ord)
        {
            _ord = ord;
            var bytes = postings.Term(ord);
            if (_term.Bytes.Length < bytes.Length) _term.Bytes = new byte[bytes.Length * 2];
            bytes.CopyTo(_term.Bytes);
            _term.Offset = 0;
            _term.Length = bytes.Length;
        }

        public override SeekStatus SeekCeil(BytesRef text)
        {
            // Binary search for the first term ≥ text.
            int lo = 0, hi = postings.TermCount;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (postings.Term(mid).SequenceCompareTo(text.Bytes.AsSpan(text.Offset, text.Length)) < 0) lo = mid + 1;
                else hi = mid;
            }
            if (lo == postings.TermCount)
            {
                _ord = postings.TermCount;
                return SeekStatus.END;
            }
            Position(lo);
            return _term.BytesEquals(text) ? SeekStatus.FOUND : SeekStatus.NOT_FOUND;
        }

        public override void SeekExact(long ord) => Position((int)ord);

        public override int DocFreq
        {
            get
            {
                var (start, end) = postings.Range(_ord);
                var count = 0;
                for (int i = start, last = -1; i < end; i++)
                {
                    var doc = postings.DocAt(i);
                    if (doc != last) count++;
                    last = doc;
                }
                return count;
            }
        }

        public override long TotalTermFreq
        {
            get
            {
                var (start, end) = postings.Range(_ord);
                return end - start;
            }
        }

        public override DocsEnum Docs(IBits? liveDocs, DocsEnum? reuse, DocsFlags flags) => Postings(liveDocs, reuse);

        // Null when the field has no positions, as Lucene's contract says.
        public override DocsAndPositionsEnum? DocsAndPositions(IBits? liveDocs, DocsAndPositionsEnum? reuse, DocsAndPositionsFlags flags) =>
            postings.Options >= IndexOptions.DOCS_AND_FREQS_AND_POSITIONS ? Postings(liveDocs, reuse) : null;

        private ChunkPostings Postings(IBits? liveDocs, DocsEnum? reuse)
        {
            var docs = reuse as ChunkPostings ?? new ChunkPostings(postings);
            var (start, end) = postings.Range(_ord);
            docs.Reset(start, end, liveDocs);
            return docs;
        }
    }

    /// <summary>One term's replies and positions, read straight from the sorted tokens.</summary>
    private sealed class ChunkPostings(TermChunk.SortedPostings postings) : DocsAndPositionsEnum
    {
        private int _next, _end, _docEnd, _position, _doc = -1, _cost;
        private IBits? _liveDocs;

        public void Reset(int start, int end, IBits? liveDocs)
        {
            _next = _docEnd = _position = start;
            _end = end;
            _cost = end - start;
            _doc = -1;
            _liveDocs = liveDocs;
        }

        public override int DocID => _doc;

        public override int Freq => postings.Options >= IndexOptions.DOCS_AND_FREQS ? _docEnd - _next : 1;

        public override int NextDoc()
        {
            while (true)
            {
                _next = _docEnd;
                if (_next >= _end) return _doc = NO_MORE_DOCS;
                var doc = postings.DocAt(_next);
                var e = _next + 1;
                while (e < _end && postings.DocAt(e) == doc) e++;
                _docEnd = e;
                _position = _next;
                if (_liveDocs is null || _liveDocs.Get(doc)) return _doc = doc;
            }
        }

        public override int Advance(int target)
        {
            int doc;
            while ((doc = NextDoc()) < target) { }
            return doc;
        }

        public override int NextPosition() => postings.PositionAt(_position++);

        public override int StartOffset => -1;

        public override int EndOffset => -1;

        public override BytesRef? GetPayload() => null;

        public override long GetCost() => _cost;
    }
}
