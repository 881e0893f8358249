using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Tests.Support;

/// <summary>An index as sorted lines of text, for comparing two builds of the same replies.</summary>
public static class IndexDump
{
    /// <summary>
    /// Everything an index holds, a line per fact, keyed by reply id rather than document number (the two
    /// builds number replies differently): postings with positions, norms, doc values, stored fields.
    /// </summary>
    public static List<string> Lines(ReplyIndex index) => index.WithSearcher(searcher =>
    {
        var lines = new List<string>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var idValues = reader.GetBinaryDocValues(Schema.Id);
            var ids = new string[reader.MaxDoc];
            var scratch = new BytesRef();
            for (var d = 0; d < reader.MaxDoc; d++)
            {
                idValues.Get(d, scratch);
                ids[d] = scratch.Utf8ToString();
            }
            foreach (var info in reader.FieldInfos.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                lines.Add($"field|{info.Name}|{info.IsIndexed}|{info.IndexOptions}|{info.HasNorms}|{info.HasPayloads}|{info.HasVectors}|{info.DocValuesType}");
                if (info.IsIndexed && reader.GetTerms(info.Name) is { } terms)
                {
                    lines.Add($"stats|{info.Name}|{terms.Count}|{terms.SumDocFreq}|{terms.SumTotalTermFreq}|{terms.DocCount}");
                    var te = terms.GetEnumerator();
                    DocsAndPositionsEnum? positions = null;
                    DocsEnum? docs = null;
                    while (te.MoveNext())
                    {
                        var term = info.Name.StartsWith("year", StringComparison.Ordinal) ? BitConverter.ToString(te.Term.Bytes, te.Term.Offset, te.Term.Length) : te.Term.Utf8ToString();
                        var postings = new List<string>();
                        if (info.IndexOptions >= IndexOptions.DOCS_AND_FREQS_AND_POSITIONS)
                        {
                            positions = te.DocsAndPositions(null, positions);
                            while (positions.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                            {
                                var at = new StringBuilder();
                                for (var k = 0; k < positions.Freq; k++) at.Append(positions.NextPosition()).Append(',');
                                postings.Add($"{ids[positions.DocID]}:{positions.Freq}:{at}");
                            }
                        }
                        else
                        {
                            docs = te.Docs(null, docs);
                            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) postings.Add($"{ids[docs.DocID]}:{docs.Freq}");
                        }
                        lines.Add($"{info.Name}|{term}|{te.DocFreq}|{te.TotalTermFreq}|{string.Join(' ', postings.Order(StringComparer.Ordinal))}");
                    }
                }
                if (info.HasNorms && reader.GetNormValues(info.Name) is { } norms)
                {
                    for (var d = 0; d < reader.MaxDoc; d++) lines.Add($"norm|{info.Name}|{ids[d]}|{norms.Get(d)}");
                }
                switch (info.DocValuesType)
                {
                    case DocValuesType.NUMERIC:
                        var numeric = reader.GetNumericDocValues(info.Name);
                        for (var d = 0; d < reader.MaxDoc; d++) lines.Add($"dv|{info.Name}|{ids[d]}|{numeric.Get(d)}");
                        break;
                    case DocValuesType.BINARY:
                    case DocValuesType.SORTED:
                        // Sorted values are binary values with ordinals: the value is what both builds must agree on.
                        BinaryDocValues binary = info.DocValuesType == DocValuesType.SORTED ? reader.GetSortedDocValues(info.Name) : reader.GetBinaryDocValues(info.Name);
                        for (var d = 0; d < reader.MaxDoc; d++)
                        {
                            binary.Get(d, scratch);
                            lines.Add($"dv|{info.Name}|{ids[d]}|{scratch.Utf8ToString()}");
                        }
                        break;
                    case DocValuesType.SORTED_SET:
                        var set = reader.GetSortedSetDocValues(info.Name);
                        for (var d = 0; d < reader.MaxDoc; d++)
                        {
                            set.SetDocument(d);
                            var values = new List<string>();
                            long ord;
                            while ((ord = set.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                            {
                                set.LookupOrd(ord, scratch);
                                values.Add(scratch.Utf8ToString());
                            }
                            lines.Add($"dv|{info.Name}|{ids[d]}|{string.Join('+', values)}");
                        }
                        break;
                }
            }
            for (var d = 0; d < reader.MaxDoc; d++)
            {
                var stored = reader.Document(d);
                foreach (var field in stored.Fields.OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    var value = field.GetBinaryValue() is { } b ? Convert.ToHexString(SHA256.HashData(b.Bytes.AsSpan(b.Offset, b.Length))) : field.GetStringValue();
                    lines.Add($"stored|{ids[d]}|{field.Name}|{value}");
                }
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    });
}
