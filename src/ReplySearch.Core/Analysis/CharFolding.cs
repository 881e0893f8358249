using ICU4N.Text;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// Folds the variants people type into one form, one character for one character, so that offsets in
/// folded text are offsets in the original: highlighting can mark the original text without re-mapping.
/// Index, query and highlighting all fold through here.
/// </summary>
public static class CharFolding
{
    // Built once: a BMP-wide table is 128 KB and turns folding into an array lookup on the hot path.
    private static readonly Lazy<char[]> Table = new(BuildTable, LazyThreadSafetyMode.ExecutionAndPublication);

    // The word fold leaves punctuation alone: SmartCn segments text with full-width punctuation half again
    // as fast as the same text with ASCII punctuation, and drops punctuation anyway.
    private static readonly Lazy<char[]> WordTable = new(() =>
    {
        var t = (char[])Table.Value.Clone();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (!char.IsLetterOrDigit(t[c]) && !char.IsWhiteSpace(t[c])) t[c] = (char)c;
        }
        return t;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The fold for the SmartCn word field: letters and digits as in <see cref="Fold(string)"/> (script,
    /// width, case, zeros in dates), punctuation as written. Same length as the input.
    /// </summary>
    public static string FoldWords(string text)
    {
        if (text.Length == 0) return text;
        var table = WordTable.Value;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++) chars[i] = table[chars[i]];
        FoldZeros(chars, chars.Length);
        return new string(chars);
    }

    /// <summary>The fold of a whole string; same length as the input.</summary>
    public static string Fold(string text)
    {
        if (text.Length == 0) return text;
        var table = Table.Value;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++) chars[i] = table[chars[i]];
        FoldZeros(chars, chars.Length);
        return new string(chars);
    }

    /// <summary>Folds a buffer in place (used by the char filter and tokenizers).</summary>
    public static void Fold(char[] buffer, int length)
    {
        var table = Table.Value;
        for (var i = 0; i < length; i++) buffer[i] = table[buffer[i]];
        FoldZeros(buffer, length);
    }

    public static char Fold(char c) => Table.Value[c];

    /// <summary>
    /// Every character the fold changes, with what it becomes (width, case, brackets, quotes, dashes, script):
    /// the table other engines are given to fold alike (an Elasticsearch mapping char filter). The contextual
    /// zero of dates (<c>二〇二三</c> ≡ <c>二零二三</c>) is not a per-character rule and is left out.
    /// </summary>
    public static IEnumerable<(char From, char To)> Changes()
    {
        var table = Table.Value;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (table[c] != c && !char.IsSurrogate((char)c)) yield return ((char)c, table[c]);
        }
    }

    /// <summary>Warms the table (the Traditional-Simplified transform is slow to build).</summary>
    public static void Warm() => _ = WordTable.Value;

    // 〇, ○, O and 零 are one digit in a written date (二〇二三 ≡ 二○二三 ≡ 二O二三 ≡ 二零二三), but 零 is also
    // a word (零售), so they fold only beside another Chinese numeral.
    private static void FoldZeros(char[] b, int n)
    {
        for (var i = 0; i < n; i++)
        {
            var c = b[i];
            if (c is not ('〇' or '零' or 'o' or '0')) continue;
            var left = i > 0 && IsChineseNumeral(b[i - 1]);
            var right = i + 1 < n && IsChineseNumeral(b[i + 1]);
            if (left || right) b[i] = '〇';
        }
    }

    private static bool IsChineseNumeral(char c) =>
        c is '〇' or '零' or '一' or '二' or '三' or '四' or '五' or '六' or '七' or '八' or '九' or '十';

    private static char[] BuildTable()
    {
        var t = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++) t[i] = (char)i;

        // Full-width ASCII and the ideographic space.
        for (var c = 0xFF01; c <= 0xFF5E; c++) t[c] = (char)(c - 0xFEE0);
        t[0x3000] = ' ';
        t['\u00A0'] = ' ';
        for (var c = 'A'; c <= 'Z'; c++) t[c] = char.ToLowerInvariant(c);
        for (var c = 0xFF21; c <= 0xFF3A; c++) t[c] = char.ToLowerInvariant((char)(c - 0xFEE0));

        // The brackets of 文号 and their cousins are one bracket.
        foreach (var c in "〔【[（(［〖︹﹝") t[c] = '(';
        foreach (var c in "〕】]）)］〗︺﹞") t[c] = ')';
        t['○'] = '〇';
        // Taiwan and Hong Kong quotes are the mainland's “” and ‘’.
        t['「'] = '“';
        t['」'] = '”';
        t['『'] = '‘';
        t['』'] = '’';
        t['－'] = '-';
        t['—'] = '-';
        t['–'] = '-';
        t['．'] = '.';

        // Traditional → simplified, character by character so the fold stays length-preserving. The pairs
        // come from ICU's Traditional-Simplified transform, precomputed (building it at start delays every start noticeably);
        // a test regenerates them from ICU4N and fails when they drift.
        foreach (var (from, to) in TraditionalPairs()) t[from] = to;
        return t;
    }

    internal const string TraditionalResource = "ReplySearch.Core.Analysis.TraditionalToSimplified.txt";

    internal static IEnumerable<(char From, char To)> TraditionalPairs()
    {
        using var stream = typeof(CharFolding).Assembly.GetManifestResourceStream(TraditionalResource)
            ?? throw new InvalidOperationException($"missing resource {TraditionalResource}");
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd();
        var pairs = new List<(char, char)>(all.Length / 2);
        var chars = all.Where(c => !char.IsWhiteSpace(c)).ToArray();
        for (var i = 0; i + 1 < chars.Length; i += 2) pairs.Add((chars[i], chars[i + 1]));
        return pairs;
    }

    /// <summary>The pairs as ICU computes them now: what the resource must equal.</summary>
    internal static IEnumerable<(char From, char To)> TraditionalPairsFromIcu()
    {
        var tr = Transliterator.GetInstance("Traditional-Simplified");
        foreach (var (lo, hi) in new[] { (0x3400, 0x9FFF), (0xF900, 0xFAFF) })
        {
            for (var c = lo; c <= hi; c++)
            {
                var s = tr.Transliterate(((char)c).ToString());
                if (s.Length == 1 && s[0] != c) yield return ((char)c, s[0]);
            }
        }
    }
}
