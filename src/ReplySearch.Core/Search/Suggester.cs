using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Search;

/// <summary>A completion for the search box: the text, what it is, and how many replies hold it.</summary>
public sealed record Suggestion(string Text, string Kind, int Weight);

/// <summary>
/// Completions from agencies, delegates, proposal titles and frequent words, built from doc values and the
/// word field's term dictionary (no stored document is read) once per index version, then answered by a
/// binary search over folded keys: fast enough for every keystroke.
/// </summary>
public static class Suggester
{
    public const int MinWordDocFreq = 2;

    private sealed record Entry(string Key, string Text, string Kind, int Weight);

    private static readonly ConditionalWeakTable<IndexReader, Entry[]> Cache = new();

    public static IReadOnlyList<Suggestion> Suggest(IndexSearcher searcher, string prefix, int count)
    {
        var key = Key(prefix);
        if (key.Length == 0) return [];
        var entries = Cache.GetValue(searcher.IndexReader, Build);
        var lo = LowerBound(entries, key);
        var found = new List<Entry>();
        for (var i = lo; i < entries.Length && entries[i].Key.StartsWith(key, StringComparison.Ordinal); i++) found.Add(entries[i]);
        return found
            .GroupBy(e => e.Text).Select(g => g.OrderBy(e => KindRank(e.Kind)).ThenByDescending(e => e.Weight).First())
            .OrderBy(e => KindRank(e.Kind) > 1 ? 1 : 0)   // agencies and delegates before words and titles
            .ThenByDescending(e => e.Weight)
            .ThenBy(e => e.Text.Length)
            .ThenBy(e => e.Text, StringComparer.Ordinal)
            .Take(count)
            .Select(e => new Suggestion(e.Text, e.Kind, e.Weight))
            .ToList();
    }

    private static int KindRank(string kind) => kind switch { "agency" => 0, "delegate" => 1, "term" => 2, _ => 3 };

    private static string Key(string s) => new(CharFolding.Fold(s.Trim()).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static int LowerBound(Entry[] entries, string key)
    {
        int lo = 0, hi = entries.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(entries[mid].Key, key) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static Entry[] Build(IndexReader reader)
    {
        var counts = new Dictionary<(string Text, string Kind), int>();
        void Add(string text, string kind, int n)
        {
            if (text.Length == 0) return;
            counts[(text, kind)] = counts.GetValueOrDefault((text, kind)) + n;
        }
        var bytes = new BytesRef();
        foreach (var leaf in reader.Leaves)
        {
            var r = leaf.AtomicReader;
            var live = r.LiveDocs;
            CountSorted(r.GetSortedDocValues(FieldTable.Agency.IndexName), r.MaxDoc, live, bytes, t => Add(t, "agency", 1));
            CountSorted(r.GetSortedDocValues(Schema.ProposalTitle), r.MaxDoc, live, bytes, t => Add(t, "title", 1));
            if (r.GetSortedSetDocValues(FieldTable.Delegate.IndexName) is { } delegates)
            {
                for (var doc = 0; doc < r.MaxDoc; doc++)
                {
                    if (live is not null && !live.Get(doc)) continue;
                    delegates.SetDocument(doc);
                    long ord;
                    while ((ord = delegates.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                    {
                        delegates.LookupOrd(ord, bytes);
                        Add(bytes.Utf8ToString(), "delegate", 1);
                    }
                }
            }
            if (r.GetTerms(Schema.TextWords) is { } terms)
            {
                var e = terms.GetEnumerator();
                while (e.MoveNext())
                {
                    if (e.DocFreq < MinWordDocFreq) continue;
                    var t = e.Term.Utf8ToString();
                    // Words of two or more letters, not numbers: what people type into a search box.
                    if (t.Length >= 2 && t.Any(char.IsLetter)) Add(t, "term", e.DocFreq);
                }
            }
        }
        var entries = new List<Entry>(counts.Count);
        foreach (var ((text, kind), n) in counts)
        {
            entries.Add(new Entry(Key(text), text, kind, n));
            // A proposal title is found by its topic, after its 关于.
            if (kind == "title" && Key(text) is var k && k.StartsWith("关于", StringComparison.Ordinal)) entries.Add(new Entry(k[2..], text, kind, n));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return [.. entries];
    }

    private static void CountSorted(SortedDocValues? dv, int maxDoc, IBits? live, BytesRef bytes, Action<string> add)
    {
        if (dv is null) return;
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (live is not null && !live.Get(doc)) continue;
            var ord = dv.GetOrd(doc);
            if (ord < 0) continue;
            dv.LookupOrd(ord, bytes);
            add(bytes.Utf8ToString());
        }
    }
}
