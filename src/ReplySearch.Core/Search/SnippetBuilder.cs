using System.Buffers;
using System.Text;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>
/// Builds a hit's snippets from its stored clean text without re-analysing it: the marks are the folded
/// strings the query matched as substrings, found directly in the folded text (the fold keeps offsets,
/// so a match in folded text is a match at the same place in the original). Passages are sentences,
/// cut at 。！？；, and those holding the most distinct query terms win.
/// </summary>
public static class SnippetBuilder
{
    public const int MaxSnippets = 3;
    public const int MaxSnippetLength = 160;
    private const int LeadContext = 40;

    /// <summary>A marked range of the text; <see cref="Term"/> is the query term it answers.</summary>
    public readonly record struct Span(int Start, int End, int Term, int Mark);

    public static IReadOnlyList<Snippet> Build(ReplyDocument doc, IReadOnlyList<Mark> marks, Analyzers analyzers) =>
        Build(doc, FindSpans(doc.Text, marks, analyzers));

    public static IReadOnlyList<Snippet> Build(ReplyDocument doc, List<Span> spans)
    {
        var text = doc.Text;
        var sentences = Sentences(text);
        if (spans.Count == 0) return Lead(doc, sentences);

        var scored = new List<(int Start, int End, int Distinct, int Count)>();
        var si = 0;
        var distinct = new HashSet<int>();
        foreach (var (s, e) in sentences)
        {
            while (si < spans.Count && spans[si].Start < s) si++;
            distinct.Clear();
            var count = 0;
            for (var k = si; k < spans.Count && spans[k].Start < e; k++)
            {
                distinct.Add(spans[k].Term);
                count++;
            }
            if (count > 0) scored.Add((s, e, distinct.Count, count));
        }
        return scored
            .OrderByDescending(x => x.Distinct).ThenByDescending(x => x.Count).ThenBy(x => x.Start)
            .Take(MaxSnippets)
            .OrderBy(x => x.Start)
            .Select(x => Render(doc, x.Start, x.End, spans))
            .ToList();
    }

    /// <summary>
    /// Every occurrence of every mark, overlapping ones merged so that each match is one span. A
    /// whole-word mark counts only where the word analyzer, run over its sentence alone, sees a word.
    /// </summary>
    public static List<Span> FindSpans(string text, IReadOnlyList<Mark> marks, Analyzers analyzers)
    {
        if (marks.Count == 0 || text.Length == 0) return [];
        // White space is not part of a match (the gram field skips it), so search a folded, compacted copy
        // and map back. Buffers come from the pool: this runs for every hit of every search.
        var n = text.Length;
        var folded = ArrayPool<char>.Shared.Rent(n);
        var compact = ArrayPool<char>.Shared.Rent(n);
        var map = ArrayPool<int>.Shared.Rent(n);
        var raw = new List<Span>();
        try
        {
            text.CopyTo(0, folded, 0, n);
            CharFolding.Fold(folded, n);
            var m = 0;
            for (var i = 0; i < n; i++)
            {
                var c = folded[i];
                if (char.IsWhiteSpace(c) || char.IsControl(c)) continue;
                compact[m] = c;
                map[m++] = i;
            }
            var hay = new ReadOnlySpan<char>(compact, 0, m);
            for (var k = 0; k < marks.Count; k++)
            {
                var needle = marks[k].Text.AsSpan();
                if (needle.Length == 0) continue;
                var at = 0;
                while (at <= m - needle.Length)
                {
                    var found = hay[at..].IndexOf(needle, StringComparison.Ordinal);
                    if (found < 0) break;
                    at += found;
                    var span = new Span(map[at], map[at + needle.Length - 1] + 1, marks[k].Term, k);
                    if (!marks[k].WholeWord || IsWord(analyzers, text, span.Start, span.End)) raw.Add(span);
                    at += needle.Length;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
            ArrayPool<char>.Shared.Return(compact);
            ArrayPool<int>.Shared.Return(map);
        }
        raw.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var merged = new List<Span>(raw.Count);
        foreach (var s in raw)
        {
            if (merged.Count > 0 && s.Start < merged[^1].End)
            {
                var last = merged[^1];
                // Keep the longer match's identity; a contained shorter match adds nothing.
                merged[^1] = last with { End = Math.Max(last.End, s.End) };
                continue;
            }
            merged.Add(s);
        }
        return merged;
    }

    /// <summary>Is [start, end) one token when its sentence is segmented? Only the sentence is analysed.</summary>
    private static bool IsWord(Analyzers analyzers, string text, int start, int end)
    {
        var s = start;
        while (s > 0 && !IsSentenceEnd(text[s - 1])) s--;
        var e = end;
        while (e < text.Length && !IsSentenceEnd(text[e])) e++;
        var sentence = text[s..e];
        foreach (var (_, ts, te) in analyzers.WordTokensWithOffsets(sentence))
        {
            if (ts + s == start && te + s == end) return true;
            if (ts + s > start) break;
        }
        return false;
    }

    private static bool IsSentenceEnd(char c) => c is '。' or '！' or '？' or '；' or '\n' or '!' or '?' or ';';

    /// <summary>Which form of each query term the reply holds: what a hit reports as matched.</summary>
    public static IReadOnlyList<MatchedForm> Matched(IReadOnlyList<string> terms, IReadOnlyList<Mark> marks, List<Span> spans, string text)
    {
        var result = new List<MatchedForm>();
        foreach (var group in spans.GroupBy(s => s.Mark).OrderBy(g => g.Key))
        {
            var mark = marks[group.Key];
            if (mark.Term < 0 || mark.Term >= terms.Count) continue;
            var first = group.First();
            result.Add(new MatchedForm(terms[mark.Term], text[first.Start..first.End], mark.Kind, group.Count()));
        }
        return result;
    }

    /// <summary>Sentence ranges: cut after 。！？；!?; and at line ends.</summary>
    public static List<(int Start, int End)> Sentences(string text)
    {
        var result = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (i > start) result.Add((start, i));
                start = i + 1;
            }
            else if (c is '。' or '！' or '？' or '；' or '!' or '?' or ';')
            {
                // Keep a closing quote with its sentence: …。”
                var end = i + 1;
                while (end < text.Length && text[end] is '”' or '’' or '」' or '』') end++;
                result.Add((start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < text.Length) result.Add((start, text.Length));
        return result;
    }

    private static Snippet Render(ReplyDocument doc, int s, int e, List<Span> spans)
    {
        var inside = spans.Where(x => x.Start >= s && x.End <= e).ToList();
        var from = s;
        var to = e;
        if (e - s > MaxSnippetLength && inside.Count > 0)
        {
            from = Math.Max(s, inside[0].Start - LeadContext);
            to = Math.Min(e, from + MaxSnippetLength);
            // Never cut a mark in half: end before a span that would straddle the cut, or after it.
            foreach (var x in inside)
            {
                if (x.Start < to && x.End > to) to = x.Start > from + LeadContext ? x.Start : x.End;
            }
        }
        // Never cut a character in half: 𠀀 or an emoji is two UTF-16 units, and half of one is U+FFFD.
        from = WholeCharacter(doc.Text, from);
        to = WholeCharacter(doc.Text, to);
        var html = new StringBuilder();
        if (from > s) html.Append('…');
        Html.AppendMarked(html, doc.Text, from, to, inside);
        if (to < e) html.Append('…');
        return new Snippet(doc.SectionAt(s)?.Label ?? "正文", html.ToString().Trim());
    }

    /// <summary>A cut position moved off the middle of a surrogate pair (to before the pair).</summary>
    private static int WholeCharacter(string text, int at) =>
        at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) && char.IsHighSurrogate(text[at - 1]) ? at - 1 : at;

    /// <summary>No match to show (a browse, or a filter-only query): the first real sentence of the reply body.</summary>
    private static IReadOnlyList<Snippet> Lead(ReplyDocument doc, List<(int Start, int End)> sentences)
    {
        foreach (var (s, e) in sentences)
        {
            var t = doc.Text.AsSpan(s, e - s).Trim();
            if (t.Length < 20 || t.EndsWith("：") || t.EndsWith(":")) continue;
            return [Render(doc, s, Math.Min(e, s + MaxSnippetLength), [])];
        }
        return [];
    }
}
