using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>One paragraph of a reply: its place, its section and its text.</summary>
public sealed record Paragraph(int Index, string Section, string Text);

/// <summary>
/// Near-verbatim paragraphs across replies, found the way search engines find near-duplicate pages:
/// - a paragraph is a set of shingles: every run of <see cref="ShingleLength"/> letters or digits of its folded
///   text (punctuation and spaces out, so re-punctuated copies stay copies);
/// - two paragraphs are the same text reused when the Jaccard similarity of their shingle sets is at least
///   <see cref="ReuseThreshold"/>: a paragraph copied with its numbers and a phrase or two updated keeps most
///   of its 4-character runs, while two paragraphs that only share a stock sentence, or two titles that differ
///   only in the session and number (对市十八届人大二次会议第91号建议的答复, about 0.5), do not;
/// - to find candidates without comparing every pair, each paragraph's MinHash signature (<see cref="Hashes"/>
///   hash functions) is cut into <see cref="Bands"/> bands of <see cref="Rows"/>, and each band is indexed as a
///   term: paragraphs alike at Jaccard 0.6 share a band with probability 1 − (1 − 0.6²)⁸ ≈ 0.97, at 0.8 ≈ 0.9997,
///   at 0.1 only 0.08. Every candidate is then verified on its shingles. Eight bands of two, not sixteen of
///   three: each band is a term in the index, and 16 of them per paragraph made the index build 38 % slower
///   (20k replies: 29.6 → 41.1 s); see docs/performance.md.
/// - a band term keeps 16 bits of the band's hash (<see cref="BandBits"/>): a full hash makes every paragraph's
///   bands new terms (5.7 million at 100k replies, 57 million at a million), and every term costs the build at
///   each flush and merge; with 65,536 values a band, the terms stop growing at about half a million. What is
///   lost is a few more candidates: a paragraph shares two given bands with an unrelated one with probability
///   about (n / 65,536)² for n paragraphs per value, and every candidate is verified anyway.
/// Characters, not SmartCn words: a copy is a copy whatever the segmentation makes of it.
/// </summary>
public static class ParagraphFingerprints
{
    public const int ShingleLength = 4;
    public const int Bands = 8;
    public const int Rows = 2;
    public const int Hashes = Bands * Rows;
    public const double ReuseThreshold = 0.6;

    /// <summary>Bits of a band's hash kept in its term (four hex digits after the band's number).</summary>
    public const int BandBits = 16;

    /// <summary>Shorter lines are headings, signatures, dates and contacts, not paragraphs to reuse.</summary>
    public const int MinLetters = 20;

    private static readonly (uint A, uint B)[] Functions = MakeFunctions();

    private static (uint, uint)[] MakeFunctions()
    {
        // Fixed for good: the bands are in the index, and a different choice would find nothing there.
        var rng = new Random(20230006);
        return Enumerable.Range(0, Hashes).Select(_ => ((uint)rng.Next() | 1u, (uint)rng.Next())).ToArray();
    }

    /// <summary>Lines that are the letter's furniture, not its content: copies to and contacts.</summary>
    private static readonly string[] Furniture = ["抄送", "抄报", "联系人", "联系电话", "承办", "签发", "附件"];

    /// <summary>
    /// The reply's paragraphs: each line of each section's body with at least <see cref="MinLetters"/> letters,
    /// numbered in order; the title line and the copies and contacts are not paragraphs.
    /// </summary>
    public static IReadOnlyList<Paragraph> Paragraphs(ReplyDocument doc)
    {
        var result = new List<Paragraph>();
        foreach (var section in doc.Sections)
        {
            foreach (var line in section.Text.Split('\n'))
            {
                var text = line.Trim();
                if (text.Count(char.IsLetterOrDigit) < MinLetters || text == doc.Title || Furniture.Any(f => text.StartsWith(f, StringComparison.Ordinal))) continue;
                result.Add(new Paragraph(result.Count, section.Label, text));
            }
        }
        return result;
    }

    /// <summary>The formulas of thanks and invitation that close replies: boilerplate however rarely the archive repeats them.</summary>
    public static bool IsClosingFormula(string text) =>
        CharFolding.Fold(text).TrimStart() is var t && (t.StartsWith("感谢", StringComparison.Ordinal) || t.StartsWith("再次感谢", StringComparison.Ordinal)
            || t.StartsWith("衷心感谢", StringComparison.Ordinal) || t.StartsWith("诚挚感谢", StringComparison.Ordinal) || t.StartsWith("非常感谢", StringComparison.Ordinal)
            || t.StartsWith("欢迎继续", StringComparison.Ordinal) || t.StartsWith("希望继续", StringComparison.Ordinal) || t.StartsWith("谢谢", StringComparison.Ordinal));

    /// <summary>
    /// The paragraph's shingles, hashed (FNV-1a over the folded characters), sorted and distinct: a set that
    /// <see cref="Jaccard"/> compares by one merge, without a hash table. A run of digits counts as one
    /// character, the same for every number: a paragraph reused a year later with its figures updated (9处 → 12处)
    /// is still the same paragraph.
    /// </summary>
    public static uint[] Shingles(string text)
    {
        var sink = new ListSink(new List<uint>(text.Length));
        EachShingle(text, ref sink);
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sink.Shingles);
        all.Sort();
        var distinct = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (i == 0 || all[i] != all[i - 1]) all[distinct++] = all[i];
        }
        return all[..distinct].ToArray();
    }

    /// <summary>
    /// The band terms of a paragraph's MinHash signature, as looked up: the definition, one hash function
    /// after another.
    /// </summary>
    public static IEnumerable<string> BandTerms(uint[] shingles)
    {
        if (shingles.Length == 0) return [];
        var signature = NewSignature();
        foreach (var s in shingles)
        {
            for (var i = 0; i < Hashes; i++)
            {
                var v = unchecked(Functions[i].A * s + Functions[i].B);
                if (v < signature[i]) signature[i] = v;
            }
        }
        return Terms(signature);
    }

    /// <summary>
    /// The same band terms straight from the paragraph's text, as the index writes them: one pass, no set built
    /// (a minimum does not change with repeats), all hash functions of a shingle at once in vector registers.
    /// Equal to BandTerms(Shingles(text)): ParagraphReuseTests.The_band_terms_the_index_writes_in_one_pass_equal_those_of_the_shingle_set.
    /// </summary>
    public static IEnumerable<string> BandTerms(string text)
    {
        var sink = new MinHashSink(NewSignature());
        EachShingle(text, ref sink);
        return sink.Any ? Terms(sink.Signature) : [];
    }

    private interface IShingleSink
    {
        void Add(uint shingle);
    }

    private struct ListSink(List<uint> shingles) : IShingleSink
    {
        public readonly List<uint> Shingles = shingles;

        public readonly void Add(uint shingle) => Shingles.Add(shingle);
    }

    // The hash functions' factors and offsets as arrays, for vectors over them (Hashes is a multiple of any
    // vector width: 4, 8 or 16 lanes of 32 bits).
    private static readonly uint[] FactorsA = Functions.Select(f => f.A).ToArray();
    private static readonly uint[] OffsetsB = Functions.Select(f => f.B).ToArray();

    private struct MinHashSink(uint[] signature) : IShingleSink
    {
        public readonly uint[] Signature = signature;
        public bool Any;

        public void Add(uint shingle)
        {
            Any = true;
            var s = new System.Numerics.Vector<uint>(shingle);
            for (var i = 0; i < Hashes; i += System.Numerics.Vector<uint>.Count)
            {
                // Wrapping multiply and add, unsigned minimum: the scalar definition lane by lane.
                var v = new System.Numerics.Vector<uint>(FactorsA, i) * s + new System.Numerics.Vector<uint>(OffsetsB, i);
                System.Numerics.Vector.Min(new System.Numerics.Vector<uint>(Signature, i), v).CopyTo(Signature, i);
            }
        }
    }

    private static uint[] NewSignature()
    {
        var signature = new uint[Hashes];
        Array.Fill(signature, uint.MaxValue);
        return signature;
    }

    /// <summary>Each shingle of the folded text, in order, repeats included (the sink is a struct: no call per shingle).</summary>
    private static void EachShingle<TSink>(string text, ref TSink sink) where TSink : struct, IShingleSink
    {
        Span<char> window = stackalloc char[ShingleLength];
        var count = 0;
        foreach (var c in CharFolding.Fold(text))
        {
            char letter;
            if (char.IsAsciiDigit(c))
            {
                if (count > 0 && window[(count - 1) % ShingleLength] == '#') continue;
                letter = '#';
            }
            else if (char.IsLetterOrDigit(c)) letter = c;
            else continue;
            window[count % ShingleLength] = letter;
            count++;
            if (count < ShingleLength) continue;
            var h = 2166136261u;
            for (var k = 0; k < ShingleLength; k++) h = (h ^ window[(count + k) % ShingleLength]) * 16777619u;
            sink.Add(h);
        }
    }

    private static IEnumerable<string> Terms(uint[] signature)
    {
        for (var band = 0; band < Bands; band++)
        {
            var h = 2166136261u;
            for (var r = 0; r < Rows; r++) h = (h ^ signature[band * Rows + r]) * 16777619u;
            yield return $"{band:x}{h >> (32 - BandBits):x4}";
        }
    }

    /// <summary>The Jaccard similarity of two shingle sets (sorted and distinct, as <see cref="Shingles"/> makes them).</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else
            {
                shared++;
                i++;
                j++;
            }
        }
        return shared / (double)(a.Length + b.Length - shared);
    }
}
