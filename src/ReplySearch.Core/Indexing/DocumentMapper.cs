using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace ReplySearch.Core.Indexing;

/// <summary>ReplyDocument ⇄ Lucene document, following <see cref="Schema"/>.</summary>
public static class DocumentMapper
{
    /// <summary>A stable id from the path relative to the corpus: the same file keeps its id across runs.</summary>
    public static string IdFor(string relativePath)
    {
        var normalized = relativePath.Replace('\\', '/');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>Which terms occur, nothing more (<see cref="Schema.TextChars"/>).</summary>
    private static readonly FieldType OccurringTerms = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_ONLY });

    /// <summary>Terms to look up, nothing to score: no positions, no norms (<see cref="Schema.ParagraphBands"/>).</summary>
    private static readonly FieldType TermsOnly = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_ONLY, OmitNorms = true });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>
    /// The Lucene document for a reply. Its Field instances belong to the calling thread and are reused by
    /// its next call, so hand the document to the writer before mapping another: a new Field builds a new
    /// token stream, and Lucene.Net's attribute factory takes a process-wide lock for each one, which held
    /// the indexing threads up on one another.
    /// </summary>
    internal static LuceneDocument ToLucene(string id, string contentHash, ReplyDocument d, IReadOnlySet<string>? omitted = null)
    {
        bool Keep(string field) => omitted is null || !omitted.Contains(field);
        var f = _fields ??= new ReusedFields();
        f.Start();
        f.Keyword(Schema.Id, id, docValues: false);
        f.Binary(Schema.Id, new BytesRef(id));
        f.Binary(Schema.ContentHash, new BytesRef(contentHash));
        // The text is stored once, as UTF-16: two bytes a Chinese character where UTF-8 takes three, and
        // Lucene's stored-field compression barely shrinks either. The fields beside it are compact JSON.
        // Section bodies are cut from the text again on load: storing them would store the text twice.
        f.Stored(Schema.StoredText, f.Utf16(d.Text));
        f.Stored(Schema.Stored, new BytesRef(JsonSerializer.SerializeToUtf8Bytes(
            d with { Text = "", Sections = d.Sections.Select(s => s with { Text = "" }).ToList(), Commitments = d.Commitments.Select(c => c with { Text = "" }).ToList() },
            StoredJson.Default.ReplyDocument)));
        if (Keep(Schema.TextWords)) f.Text(Schema.TextWords, CharFolding.FoldWords(d.Text));
        if (Keep(Schema.TextGrams)) f.Text(Schema.TextGrams, d.Text);
        if (Keep(Schema.TextChars)) f.Text(Schema.TextChars, d.Text, OccurringTerms);
        if (d.Title is { } title) f.Text(Schema.HeadGrams, title);
        foreach (var s in d.Sections)
        {
            if (s.Heading is { } heading) f.Text(Schema.HeadGrams, heading);
        }
        if (d.ProposalTitle is { Length: > 0 and < 200 } pt) f.Sorted(Schema.ProposalTitle, new BytesRef(pt));
        foreach (var field in FieldTable.All) Map(f, field, d);
        if (Keep(Schema.ParagraphBands) && d.Sections.Count > 0)
        {
            // One field for all of a reply's band terms (about 57), split on the spaces by its analyzer, rather
            // than a field object per term; the terms are computed in one pass per paragraph (the bands' share
            // of a build is in docs/performance.md).
            var bands = string.Join(' ', Search.ParagraphFingerprints.Paragraphs(d)
                .SelectMany(p => Search.ParagraphFingerprints.BandTerms(p.Text)).Distinct());
            if (bands.Length > 0) f.Text(Schema.ParagraphBands, bands, TermsOnly);
        }
        f.Numeric(Schema.DateSort, DateKey(d));
        f.Numeric(Schema.CommitmentCount, d.Commitments.Count);
        return f.Document;
    }

    /// <summary>One field of the table, indexed as its entry says.</summary>
    private static void Map(ReusedFields f, ReplyField field, ReplyDocument d)
    {
        switch (field.Indexing)
        {
            case FieldIndexing.Keyword:
                // Sorted doc values hold one value per reply.
                if (field.IndexedValues(d).FirstOrDefault() is { } single) f.Keyword(field.IndexName!, single);
                break;
            case FieldIndexing.KeywordSet:
                foreach (var each in field.IndexedValues(d))
                {
                    f.Keyword(field.IndexName!, each, docValues: false);
                    f.SortedSet(field.IndexName!, new BytesRef(each));
                }
                break;
            case FieldIndexing.Year:
                if (field.IndexedValues(d).FirstOrDefault() is { } text && int.TryParse(text, out var year))
                {
                    f.Int32(field.IndexName!, year);
                    f.Numeric(field.IndexName!, year);
                }
                break;
        }
        if (field.GramsField is not { } grams) return;
        foreach (var value in field.Read(d))
        {
            if (value.Length > 0) f.Text(grams, value);
        }
    }

    [ThreadStatic] private static ReusedFields? _fields;

    /// <summary>One thread's Field instances, by field name and kind, handed out again for each document.</summary>
    private sealed class ReusedFields
    {
        private enum Kind { Keyword, Text, Binary, Sorted, SortedSet, Numeric, Int32, Stored }

        private readonly Dictionary<(string, Kind, FieldType?), List<Field>> _pool = [];
        private readonly Dictionary<(string, Kind, FieldType?), int> _used = [];
        private byte[] _textBytes = new byte[16 * 1024];

        public LuceneDocument Document { get; private set; } = [];

        public void Start()
        {
            _used.Clear();
            Document = [];
        }

        /// <summary>The text as UTF-16 bytes, in a buffer this thread reuses (the writer copies it).</summary>
        public BytesRef Utf16(string text)
        {
            var bytes = MemoryMarshal.AsBytes(text.AsSpan());
            if (_textBytes.Length < bytes.Length) _textBytes = new byte[Math.Max(bytes.Length, _textBytes.Length * 2)];
            bytes.CopyTo(_textBytes);
            return new BytesRef(_textBytes, 0, bytes.Length);
        }

        public void Keyword(string name, string? value, bool docValues = true)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (Reuse(name, Kind.Keyword) is { } f) f.SetStringValue(value);
            else Add(name, Kind.Keyword, new StringField(name, value, Field.Store.NO));
            if (docValues) Sorted(name, new BytesRef(value));
        }

        public void Text(string name, string value, FieldType? type = null)
        {
            if (Reuse(name, Kind.Text, type) is { } f) f.SetStringValue(value);
            else Add(name, Kind.Text, type is null ? new TextField(name, value, Field.Store.NO) : new Field(name, value, type), type);
        }

        public void Binary(string name, BytesRef value) => Bytes(name, Kind.Binary, value);

        public void Sorted(string name, BytesRef value) => Bytes(name, Kind.Sorted, value);

        public void SortedSet(string name, BytesRef value) => Bytes(name, Kind.SortedSet, value);

        public void Stored(string name, BytesRef value) => Bytes(name, Kind.Stored, value);

        public void Numeric(string name, long value)
        {
            if (Reuse(name, Kind.Numeric) is { } f) f.SetInt64Value(value);
            else Add(name, Kind.Numeric, new NumericDocValuesField(name, value));
        }

        public void Int32(string name, int value)
        {
            if (Reuse(name, Kind.Int32) is { } f) f.SetInt32Value(value);
            else Add(name, Kind.Int32, new Int32Field(name, value, Field.Store.NO));
        }

        private void Bytes(string name, Kind kind, BytesRef value)
        {
            if (Reuse(name, kind) is { } f)
            {
                f.SetBytesValue(value);
                return;
            }
            Add(name, kind, kind switch
            {
                Kind.Binary => new BinaryDocValuesField(name, value),
                Kind.Sorted => new SortedDocValuesField(name, value),
                Kind.SortedSet => new SortedSetDocValuesField(name, value),
                _ => new StoredField(name, value),
            });
        }

        private Field? Reuse(string name, Kind kind, FieldType? type = null)
        {
            var key = (name, kind, type);
            _used.TryGetValue(key, out var n);
            if (!_pool.TryGetValue(key, out var list) || n >= list.Count) return null;
            _used[key] = n + 1;
            Document.Add(list[n]);
            return list[n];
        }

        private void Add(string name, Kind kind, Field field, FieldType? type = null)
        {
            var key = (name, kind, type);
            if (!_pool.TryGetValue(key, out var list)) _pool[key] = list = [];
            list.Add(field);
            _used[key] = list.Count;
            Document.Add(field);
        }
    }

    /// <summary>yyyyMMdd, or the year alone when only the year is known, so undated replies still sort by year.</summary>
    private static long DateKey(ReplyDocument d)
    {
        if (d.Date is { } s && DateOnly.TryParse(s, out var date)) return date.Year * 10000L + date.Month * 100 + date.Day;
        return d.Year is { } y ? y * 10000L : 0;
    }

    /// <summary>
    /// The document back from its stored fields. Section bodies and commitments are cut from the text only when asked:
    /// a search hit needs their offsets, not copies of their text.
    /// </summary>
    public static ReplyDocument FromStored(LuceneDocument stored, bool sectionTexts = true)
    {
        var bytes = stored.GetBinaryValue(Schema.Stored);
        var d = JsonSerializer.Deserialize(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length), StoredJson.Default.ReplyDocument)
            ?? throw new InvalidDataException("stored document is empty");
        var text = stored.GetBinaryValue(Schema.StoredText);
        d = d with { Text = text is null ? "" : new string(MemoryMarshal.Cast<byte, char>(text.Bytes.AsSpan(text.Offset, text.Length))) };
        if (!sectionTexts) return d;
        return d with
        {
            Sections = d.Sections.Select(s => s with { Text = Section.BodyOf(d.Text, s.Heading, s.Start, s.Length) }).ToList(),
            Commitments = d.Commitments.Where(c => c.Start >= 0 && c.Start + c.Length <= d.Text.Length)
                .Select(c => c with { Text = d.Text.Substring(c.Start, c.Length) }).ToList(),
        };
    }
}

/// <summary>Source-generated JSON for the stored fields: no reflection on the hot path of every hit.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReplyDocument))]
internal sealed partial class StoredJson : JsonSerializerContext;
