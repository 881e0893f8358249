using System.Numerics;
using Lucene.Net.Analysis.Cn.Smart;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: SmartCn's WordDictionary and BigramDictionary lookups.
// Proved equal by: SmartCnTokenizerTests (SmartCn itself as the oracle).

/// <summary>
/// SmartCn's word and word-pair dictionaries, read from the resources embedded in Lucene.Net.Analysis.SmartCn
/// into lookups <see cref="SmartCnSegmenter"/> can use without allocating: the words as a trie (a word's
/// first character through a direct table, each further character one probe of a hash table), and the
/// word pairs by their SmartCn hashes. Both give exactly SmartCn's frequencies.
/// </summary>
internal sealed class SmartCnDictionaries
{
    /// <summary>SmartCn's smoothing denominator (Utility.MAX_FREQUENCE).</summary>
    public const int MaxFrequency = 2079997 + 80000;

    private static readonly Lazy<SmartCnDictionaries> Shared = new(Load);

    // The word dictionary as a trie: a word's characters lead from the root to its node. SmartCn binary-
    // searches sorted word lists, one object per word, at every step; a step here is one probe.
    private readonly int[] _rootChild;   // first character → node, -1 when no word starts with it
    private readonly long[] _edgeKeys;   // (node << 16 | character) + 1, 0 = empty slot
    private readonly int[] _edgeChild;
    private readonly int[] _frequency;   // per node: the word's frequency, -1 when no word ends there
    private readonly PairSlot[] _pairs;

    // Filters of 2^23 bits (1 MB each, small enough to stay in cache) over the word pairs and the trie's
    // edges: most lookups are of pairs and continuations the dictionaries lack, and a clear bit answers
    // them without a cache miss in the large tables (a few percent of absent keys pass). Segmentation
    // 13-15% faster with the pair filter alone, 20-40% with both (in-process, alternated).
    private const int FilterBits = 23;
    private readonly ulong[] _pairFilter;
    private readonly ulong[] _edgeFilter;

    private SmartCnDictionaries(int[] rootChild, long[] edgeKeys, int[] edgeChild, int[] frequency, PairSlot[] pairs)
    {
        _rootChild = rootChild;
        _edgeKeys = edgeKeys;
        _edgeChild = edgeChild;
        _frequency = frequency;
        _pairs = pairs;
        _edgeFilter = new ulong[(1 << FilterBits) / 64];
        foreach (var key in edgeKeys) if (key != 0) Set(_edgeFilter, EdgeBit(key));
        _pairFilter = new ulong[(1 << FilterBits) / 64];
        foreach (var slot in pairs) if (slot.Hash != 0) Set(_pairFilter, PairBit(slot.Hash));
    }

    // Each filter takes its bit from the top of a multiplicative hash, with a multiplier other than its table's slot hash.
    private static int EdgeBit(long key) => (int)((ulong)(key * unchecked((long)0xC2B2AE3D27D4EB4F)) >> (64 - FilterBits));

    private static int PairBit(long hash) => (int)((ulong)(hash * unchecked((long)0x9E3779B97F4A7C15)) >> (64 - FilterBits));

    private static void Set(ulong[] filter, int bit) => filter[bit >> 6] |= 1UL << bit;

    private static bool IsSet(ulong[] filter, int bit) => (filter[bit >> 6] & (1UL << bit)) != 0;

    public static SmartCnDictionaries Instance => Shared.Value;

    /// <summary>The node of the one-character prefix, or -1 when no word starts with it.</summary>
    public int Root(char first) => _rootChild[first];

    /// <summary>The node one character further, or -1 when no word continues so.</summary>
    public int Child(int node, char c)
    {
        var key = EdgeKey(node, c);
        if (!IsSet(_edgeFilter, EdgeBit(key))) return -1;
        var mask = _edgeKeys.Length - 1;
        for (var i = EdgeSlot(key, mask); ; i = (i + 1) & mask)
        {
            var k = _edgeKeys[i];
            if (k == key) return _edgeChild[i];
            if (k == 0) return -1;
        }
    }

    /// <summary>The frequency of the word that ends at a node, -1 when the node is only a prefix.</summary>
    public int WordFrequency(int node) => _frequency[node];

    /// <summary>A word's frequency, 0 when the dictionary lacks it.</summary>
    public int Frequency(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return 0;
        var node = Root(word[0]);
        for (var i = 1; i < word.Length && node >= 0; i++) node = Child(node, word[i]);
        return node < 0 ? 0 : Math.Max(0, _frequency[node]);
    }

    private static long EdgeKey(int node, char c) => ((long)node << 16 | c) + 1;

    private static int EdgeSlot(long key, int mask) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> 40) & mask;

    /// <summary>
    /// The frequency of a word pair from the hash of "first@second" (<see cref="PairHash"/>), 0 when absent.
    /// SmartCn keeps the pairs in a table of 402,137 slots, 82% full, probed by double hashing: an absent
    /// pair (most pairs) walked several cache lines. The same pairs sit here in a table a third full with
    /// linear probing, usually one cache line. An entry is found in both exactly when its hash is stored.
    /// </summary>
    public int PairFrequency(long hash)
    {
        if (!IsSet(_pairFilter, PairBit(hash))) return 0;
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
        // character occupies at most one slot, so reading the slots out gives each list its character.
        var rootChild = new int[char.MaxValue + 1];
        Array.Fill(rootChild, -1);
        var frequency = new List<int> { -1 };
        var edges = new Dictionary<long, int>();
        int NewNode()
        {
            frequency.Add(-1);
            return frequency.Count - 1;
        }
        for (var slot = 0; slot < charIndex.Length; slot++)
        {
            var list = wordIndex[slot];
            var first = charIndex[slot];
            if (first == 0 || list < 0 || words[list].Length == 0) continue;
            var root = rootChild[first] = NewNode();
            for (var w = 0; w < words[list].Length; w++)
            {
                var node = root;
                foreach (var c in words[list][w] ?? [])
                {
                    var key = EdgeKey(node, c);
                    if (!edges.TryGetValue(key, out var child)) edges[key] = child = NewNode();
                    node = child;
                }
                // Lists are sorted and SmartCn takes the first of equal words.
                if (frequency[node] < 0) frequency[node] = frequencies[list][w];
            }
        }
        var edgeKeys = new long[(int)BitOperations.RoundUpToPowerOf2((uint)edges.Count * 2)];
        var edgeChild = new int[edgeKeys.Length];
        var edgeMask = edgeKeys.Length - 1;
        foreach (var (key, child) in edges)
        {
            var i = EdgeSlot(key, edgeMask);
            while (edgeKeys[i] != 0) i = (i + 1) & edgeMask;
            edgeKeys[i] = key;
            edgeChild[i] = child;
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
            return new SmartCnDictionaries(rootChild, edgeKeys, edgeChild, frequency.ToArray(), pairs);
        }
    }
}
