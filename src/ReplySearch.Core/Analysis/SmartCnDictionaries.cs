using System.Numerics;
using Lucene.Net.Analysis.Cn.Smart;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// SmartCn's word and word-pair dictionaries, read from the resources embedded in Lucene.Net.Analysis.SmartCn
/// into lookups <see cref="SmartCnSegmenter"/> can use without allocating: a direct table from a word's
/// first character to its sorted word list (SmartCn hashes the character on every call), and the word-pair
/// table with its hashes, probed exactly as SmartCn probes it so that frequencies are the same.
/// </summary>
internal sealed class SmartCnDictionaries
{
    /// <summary>SmartCn's smoothing denominator (Utility.MAX_FREQUENCE).</summary>
    public const int MaxFrequency = 2079997 + 80000;

    private static readonly Lazy<SmartCnDictionaries> Shared = new(Load);

    /// <summary>First character → index into <see cref="_words"/>, or -1 when no word starts with it.</summary>
    private readonly short[] _listOf;

    /// <summary>Per list, each word's characters after the first (null or empty: the character alone), sorted ordinally.</summary>
    private readonly char[]?[][] _words;

    private readonly int[][] _frequencies;
    private readonly PairSlot[] _pairs;

    private SmartCnDictionaries(short[] listOf, char[]?[][] words, int[][] frequencies, PairSlot[] pairs)
    {
        _listOf = listOf;
        _words = words;
        _frequencies = frequencies;
        _pairs = pairs;
    }

    public static SmartCnDictionaries Instance => Shared.Value;

    /// <summary>The word list of a first character, or -1.</summary>
    public int ListOf(char first) => _listOf[first];

    /// <summary>The range [0, count) of words in a list: every word starts with the list's character.</summary>
    public int Count(int list) => _words[list].Length;

    /// <summary>
    /// Narrows <paramref name="lo"/>..<paramref name="hi"/> (words sharing their first <paramref name="depth"/>
    /// characters after the list's character) to those whose next character is <paramref name="c"/>.
    /// Words that end earlier sort first, so the character at <paramref name="depth"/> rises through the range.
    /// </summary>
    public void Narrow(int list, int depth, char c, ref int lo, ref int hi)
    {
        var words = _words[list];
        int a = lo, b = hi;
        while (a < b)
        {
            var mid = (a + b) >>> 1;
            if (CharAt(words[mid], depth) < c) a = mid + 1; else b = mid;
        }
        var first = a;
        b = hi;
        while (a < b)
        {
            var mid = (a + b) >>> 1;
            if (CharAt(words[mid], depth) <= c) a = mid + 1; else b = mid;
        }
        lo = first;
        hi = a;
    }

    /// <summary>The frequency of the word at <paramref name="index"/> when it is exactly <paramref name="length"/> characters after the first, else -1.</summary>
    public int ExactFrequency(int list, int index, int length)
    {
        var word = _words[list][index];
        return (word?.Length ?? 0) == length ? _frequencies[list][index] : -1;
    }

    /// <summary>A word's frequency, 0 when the dictionary lacks it.</summary>
    public int Frequency(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return 0;
        var list = _listOf[word[0]];
        if (list < 0) return 0;
        var rest = word[1..];
        var words = _words[list];
        int lo = 0, hi = words.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = words[mid].AsSpan().SequenceCompareTo(rest);
            if (cmp == 0) return _frequencies[list][mid];
            if (cmp < 0) lo = mid + 1; else hi = mid - 1;
        }
        return 0;
    }

    /// <summary>
    /// The frequency of a word pair from the hash of "first@second" (<see cref="PairHash"/>), 0 when absent.
    /// SmartCn keeps the pairs in a table of 402,137 slots, 82% full, probed by double hashing: an absent
    /// pair (most pairs) walked several cache lines. The same pairs sit here in a table a third full with
    /// linear probing, usually one cache line. An entry is found in both exactly when its hash is stored.
    /// </summary>
    public int PairFrequency(long hash)
    {
        var slots = _pairs;
        var mask = slots.Length - 1;
        for (var i = SlotOf(hash, mask); ; i = (i + 1) & mask)
        {
            ref readonly var slot = ref slots[i];
            if (slot.Hash == hash) return slot.Frequency;
            if (slot.Hash == 0) return 0;
        }
    }

    private static int SlotOf(long hash, int mask) => (int)((ulong)(hash * unchecked((long)0x9E3779B97F4A7C15)) >> 40) & mask;

    private readonly record struct PairSlot(long Hash, int Frequency);

    /// <summary>SmartCn's pair hash: 64-bit FNV over each character's low then high byte, without finalisation, continued over more characters.</summary>
    public static class PairHash
    {
        public const long Seed = unchecked((long)0xcbf29ce484222325L);

        public static long Continue(long hash, ReadOnlySpan<char> chars)
        {
            foreach (var d in chars) hash = Continue(hash, d);
            return hash;
        }

        public static long Continue(long hash, char d)
        {
            const long p = 1099511628211L;
            hash = unchecked((hash ^ (d & 0x00FF)) * p);
            return unchecked((hash ^ (d >> 8)) * p);
        }
    }

    private static char CharAt(char[]? word, int depth) => word is not null && depth < word.Length ? word[depth] : '\0';

    private static SmartCnDictionaries Load()
    {
        var assembly = typeof(SmartChineseAnalyzer).Assembly;
        Stream Open(string name) => assembly.GetManifestResourceStream(
            assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal)))!;

        short[] wordIndex;
        char[] charIndex;
        char[]?[][] words;
        int[][] frequencies;
        using (var reader = new BinaryReader(Open("coredict.mem")))
        {
            wordIndex = new short[reader.ReadInt32()];
            for (var i = 0; i < wordIndex.Length; i++) wordIndex[i] = reader.ReadInt16();
            charIndex = new char[reader.ReadInt32()];
            for (var i = 0; i < charIndex.Length; i++) charIndex[i] = reader.ReadChar();
            words = new char[]?[reader.ReadInt32()][];
            for (var i = 0; i < words.Length; i++)
            {
                var n = reader.ReadInt32();
                words[i] = n < 0 ? [] : new char[]?[n];
                for (var j = 0; j < n; j++)
                {
                    var len = reader.ReadInt32();
                    words[i][j] = len < 0 ? null : reader.ReadChars(len);
                }
            }
            frequencies = new int[reader.ReadInt32()][];
            for (var i = 0; i < frequencies.Length; i++)
            {
                var n = reader.ReadInt32();
                frequencies[i] = n < 0 ? [] : new int[n];
                for (var j = 0; j < n; j++) frequencies[i][j] = reader.ReadInt32();
            }
        }

        // SmartCn finds a character's list through an open-addressed table keyed by the character; each
        // character occupies at most one slot, so reading the slots out gives the same map, made direct.
        var listOf = new short[char.MaxValue + 1];
        Array.Fill(listOf, (short)-1);
        for (var slot = 0; slot < charIndex.Length; slot++)
        {
            var list = wordIndex[slot];
            if (charIndex[slot] != 0 && list >= 0 && words[list].Length > 0) listOf[charIndex[slot]] = list;
        }

        using (var reader = new BinaryReader(Open("bigramdict.mem")))
        {
            var hashes = new long[reader.ReadInt32()];
            for (var i = 0; i < hashes.Length; i++) hashes[i] = reader.ReadInt64();
            var counts = new int[reader.ReadInt32()];
            for (var i = 0; i < counts.Length; i++) counts[i] = reader.ReadInt32();

            var used = hashes.Count(h => h != 0);
            var pairs = new PairSlot[(int)BitOperations.RoundUpToPowerOf2((uint)used * 3)];
            var mask = pairs.Length - 1;
            for (var k = 0; k < hashes.Length; k++)
            {
                if (hashes[k] == 0) continue;
                var i = SlotOf(hashes[k], mask);
                while (pairs[i].Hash != 0) i = (i + 1) & mask;
                pairs[i] = new PairSlot(hashes[k], counts[k]);
            }
            return new SmartCnDictionaries(listOf, words, frequencies, pairs);
        }
    }
}
