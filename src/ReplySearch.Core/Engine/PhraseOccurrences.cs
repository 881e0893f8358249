using Lucene.Net.Index;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: ExactPhraseScorer's reading of every position.
// Proved equal by: GramPhraseQueryTests and PhraseRescorerTests.

/// <summary>
/// Counts where terms occur at fixed offsets from one another in the reply their enums stand on, reading
/// as few positions as it can: the term that occurs least proposes where the phrase could start, each
/// other term is read only as far as the last proposal, and the count stops as soon as no proposal is left.
/// Shared by the gram phrase scorer and the word-phrase rescorer; it keeps its buffers between replies.
/// </summary>
internal sealed class PhraseOccurrences
{
    private int[] _starts = new int[64];
    private int[] _kept = new int[64];

    /// <summary>Occurrences in the current reply; every enum must stand on it.</summary>
    public int Count(DocsAndPositionsEnum[] enums, int[] offsets)
    {
        if (enums.Length == 1) return enums[0].Freq;
        var fewest = 0;
        for (var i = 1; i < enums.Length; i++)
        {
            if (enums[i].Freq < enums[fewest].Freq) fewest = i;
        }
        var n = enums[fewest].Freq;
        if (_starts.Length < n) _starts = new int[Math.Max(n, _starts.Length * 2)];
        if (_kept.Length < n) _kept = new int[_starts.Length];
        for (var k = 0; k < n; k++) _starts[k] = enums[fewest].NextPosition() - offsets[fewest];

        for (var i = 0; i < enums.Length && n > 0; i++)
        {
            if (i == fewest) continue;
            var e = enums[i];
            var left = e.Freq;
            var kept = 0;
            var position = left-- > 0 ? e.NextPosition() - offsets[i] : int.MaxValue;
            for (var k = 0; k < n; k++)
            {
                var start = _starts[k];
                while (position < start) position = left-- > 0 ? e.NextPosition() - offsets[i] : int.MaxValue;
                if (position == start) _kept[kept++] = start;
                if (position == int.MaxValue) break;
            }
            (_starts, _kept) = (_kept, _starts);
            n = kept;
        }
        return n;
    }
}
