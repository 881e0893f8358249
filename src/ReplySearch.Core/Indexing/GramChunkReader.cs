using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ReplySearch.Core.Indexing;

/// <summary>
/// A sealed <see cref="GramChunk"/> as a Lucene segment holding the one field <see cref="Schema.TextGrams"/>
/// (no stored fields, no doc values, no deletions): what <c>IndexWriter.AddIndexes</c> reads, beside the
/// segment of the replies' other fields, to write them as one segment. Only what a merge reads needs
/// to be fast; the rest is correct and simple.
/// </summary>
internal sealed class GramChunkReader : AtomicReader
{
    private readonly GramChunk.SortedGrams _grams;
    private readonly FieldInfos _fieldInfos;
    private readonly GramFields _fields;

    public GramChunkReader(GramChunk.SortedGrams grams)
    {
        _grams = grams;
        // As a TextField's: positions, norms, no payloads or vectors.
        _fieldInfos = new FieldInfos([new FieldInfo(Schema.TextGrams, indexed: true, number: 0, storeTermVector: false, omitNorms: false,
            storePayloads: false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS, DocValuesType.NONE, DocValuesType.NUMERIC, null)]);
        _fields = new GramFields(grams);
    }

    public override Fields Fields => _fields;

    public override FieldInfos FieldInfos => _fieldInfos;

    public override IBits? LiveDocs => null;

    public override int NumDocs => _grams.DocCount;

    public override int MaxDoc => _grams.DocCount;

    public override NumericDocValues? GetNormValues(string field) => field == Schema.TextGrams ? new Norms(_grams) : null;

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

    private sealed class Norms(GramChunk.SortedGrams grams) : NumericDocValues
    {
        public override long Get(int docID) => grams.Norm(docID);
    }

    private sealed class GramFields(GramChunk.SortedGrams grams) : Fields
    {
        private readonly GramTerms _terms = new(grams);

        public override IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)[Schema.TextGrams]).GetEnumerator();

        public override Terms? GetTerms(string field) => field == Schema.TextGrams ? _terms : null;

        public override int Count => 1;
    }

    private sealed class GramTerms(GramChunk.SortedGrams grams) : Terms
    {
        public override TermsEnum GetEnumerator() => new GramTermsEnum(grams);

        public override IComparer<BytesRef> Comparer => BytesRef.UTF8SortedAsUnicodeComparer;

        public override long Count => grams.TermCount;

        public override long SumTotalTermFreq => grams.SumTotalTermFreq;

        public override long SumDocFreq => grams.SumDocFreq;

        public override int DocCount => grams.DocsWithTerms;

        public override bool HasFreqs => true;

        public override bool HasOffsets => false;

        public override bool HasPositions => true;

        public override bool HasPayloads => false;
    }

    private sealed class GramTermsEnum(GramChunk.SortedGrams grams) : TermsEnum
    {
        private int _ord = -1;
        private readonly BytesRef _term = new(new byte[8]);
        private readonly byte[] _probe = new byte[8];

        public override IComparer<BytesRef> Comparer => BytesRef.UTF8SortedAsUnicodeComparer;

        public override bool MoveNext()
        {
            if (_ord + 1 >= grams.TermCount)
            {
                _ord = grams.TermCount;
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
            _term.Length = grams.TermBytes(ord, _term.Bytes);
            _term.Offset = 0;
        }

        public override SeekStatus SeekCeil(BytesRef text)
        {
            // Binary search for the first term ≥ text.
            int lo = 0, hi = grams.TermCount;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                var n = grams.TermBytes(mid, _probe);
                if (Compare(_probe, n, text) < 0) lo = mid + 1;
                else hi = mid;
            }
            if (lo == grams.TermCount)
            {
                _ord = grams.TermCount;
                return SeekStatus.END;
            }
            Position(lo);
            return _term.BytesEquals(text) ? SeekStatus.FOUND : SeekStatus.NOT_FOUND;
        }

        private static int Compare(byte[] a, int length, BytesRef b)
        {
            var common = Math.Min(length, b.Length);
            for (var i = 0; i < common; i++)
            {
                var d = a[i] - b.Bytes[b.Offset + i];
                if (d != 0) return d;
            }
            return length - b.Length;
        }

        public override void SeekExact(long ord) => Position((int)ord);

        public override int DocFreq
        {
            get
            {
                var (start, end) = grams.Range(_ord);
                var count = 0;
                for (int i = start, last = -1; i < end; i++)
                {
                    var doc = grams.DocAt(i);
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
                var (start, end) = grams.Range(_ord);
                return end - start;
            }
        }

        public override DocsEnum Docs(IBits? liveDocs, DocsEnum? reuse, DocsFlags flags) => Postings(liveDocs, reuse);

        public override DocsAndPositionsEnum DocsAndPositions(IBits? liveDocs, DocsAndPositionsEnum? reuse, DocsAndPositionsFlags flags) =>
            Postings(liveDocs, reuse);

        private GramPostings Postings(IBits? liveDocs, DocsEnum? reuse)
        {
            var postings = reuse as GramPostings ?? new GramPostings(grams);
            var (start, end) = grams.Range(_ord);
            postings.Reset(start, end, liveDocs);
            return postings;
        }
    }

    /// <summary>One term's replies and positions, read straight from the sorted tokens.</summary>
    private sealed class GramPostings(GramChunk.SortedGrams grams) : DocsAndPositionsEnum
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

        public override int Freq => _docEnd - _next;

        public override int NextDoc()
        {
            while (true)
            {
                _next = _docEnd;
                if (_next >= _end) return _doc = NO_MORE_DOCS;
                var doc = grams.DocAt(_next);
                var e = _next + 1;
                while (e < _end && grams.DocAt(e) == doc) e++;
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

        public override int NextPosition() => grams.PositionAt(_position++);

        public override int StartOffset => -1;

        public override int EndOffset => -1;

        public override BytesRef? GetPayload() => null;

        public override long GetCost() => _cost;
    }
}
