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

    /// <summary>Tokenized text with term counts but no positions (<see cref="Schema.TextChars"/>).</summary>
    private static readonly FieldType CountedText = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_AND_FREQS });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    public static LuceneDocument ToLucene(string id, string contentHash, ReplyDocument d)
    {
        var doc = new LuceneDocument
        {
            new StringField(Schema.Id, id, Field.Store.NO),
            new BinaryDocValuesField(Schema.Id, new BytesRef(id)),
            new BinaryDocValuesField(Schema.ContentHash, new BytesRef(contentHash)),
            // The text is stored once, as UTF-16: two bytes a Chinese character where UTF-8 takes three, and
            // Lucene's stored-field compression barely shrinks either. The fields beside it are compact JSON.
            // Section bodies are cut from the text again on load: storing them would store the text twice.
            new StoredField(Schema.StoredText, new BytesRef(MemoryMarshal.AsBytes(d.Text.AsSpan()).ToArray())),
            new StoredField(Schema.Stored, JsonSerializer.SerializeToUtf8Bytes(
                d with { Text = "", Sections = d.Sections.Select(s => s with { Text = "" }).ToList() }, StoredJson.Default.ReplyDocument)),
            new TextField(Schema.TextWords, CharFolding.FoldWords(d.Text), Field.Store.NO),
            new TextField(Schema.TextGrams, d.Text, Field.Store.NO),
            new Field(Schema.TextChars, d.Text, CountedText),
        };
        if (d.Title is { } title) doc.Add(new TextField(Schema.HeadGrams, title, Field.Store.NO));
        foreach (var s in d.Sections)
        {
            if (s.Heading is not { } heading) continue;
            doc.Add(new TextField(Schema.HeadGrams, heading, Field.Store.NO));
            doc.Add(new TextField(Schema.HeadingGrams, heading, Field.Store.NO));
        }
        Keyword(doc, Schema.Agency, d.Agency);
        if (d.Agency is not null) doc.Add(new TextField(Schema.AgencyGrams, d.Agency, Field.Store.NO));
        Keyword(doc, Schema.Kind, d.Kind);
        Keyword(doc, Schema.HandlingType, d.HandlingType);
        Keyword(doc, Schema.Session, d.Session);
        Keyword(doc, Schema.DocNumber, d.DocNumberNormalized);
        Keyword(doc, Schema.ProposalNumber, d.ProposalNumber);
        // Folded, so that 主動公開 and 主动公开 count as one facet value.
        Keyword(doc, Schema.ContentCategory, d.ContentCategory is null ? null : CharFolding.Fold(d.ContentCategory));
        Keyword(doc, Schema.HandlingRole, d.HandlingRole);
        Keyword(doc, Schema.Disclosure, d.Disclosure is null ? null : CharFolding.Fold(d.Disclosure));
        Keyword(doc, Schema.IndexNumber, d.IndexNumber);
        Keyword(doc, Schema.SubmittedDate, d.SubmittedDate);
        if (d.ProposalTitle is { Length: > 0 and < 200 } pt) doc.Add(new SortedDocValuesField(Schema.ProposalTitle, new BytesRef(pt)));
        foreach (var name in d.Delegates.Distinct())
        {
            doc.Add(new StringField(Schema.Delegate, name, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(Schema.Delegate, new BytesRef(name)));
            doc.Add(new TextField(Schema.DelegateGrams, name, Field.Store.NO));
        }
        if (d.Year is { } year)
        {
            doc.Add(new Int32Field(Schema.Year, year, Field.Store.NO));
            doc.Add(new NumericDocValuesField(Schema.Year, year));
        }
        doc.Add(new NumericDocValuesField(Schema.DateSort, DateKey(d)));
        return doc;
    }

    private static void Keyword(LuceneDocument doc, string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    /// <summary>yyyyMMdd, or the year alone when only the year is known, so undated replies still sort by year.</summary>
    private static long DateKey(ReplyDocument d)
    {
        if (d.Date is { } s && DateOnly.TryParse(s, out var date)) return date.Year * 10000L + date.Month * 100 + date.Day;
        return d.Year is { } y ? y * 10000L : 0;
    }

    /// <summary>
    /// The document back from its stored fields. Section bodies are cut from the text only when asked:
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
        return d with { Sections = d.Sections.Select(s => s with { Text = Section.BodyOf(d.Text, s.Heading, s.Start, s.Length) }).ToList() };
    }
}

/// <summary>Source-generated JSON for the stored fields: no reflection on the hot path of every hit.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReplyDocument))]
internal sealed partial class StoredJson : JsonSerializerContext;
