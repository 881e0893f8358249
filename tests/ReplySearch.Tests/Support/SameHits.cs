using Lucene.Net.Search;

namespace ReplySearch.Tests.Support;

/// <summary>Asserts that two ways of searching find the same replies with the same scores.</summary>
public static class SameHits
{
    public static void Assert(IReadOnlyList<ScoreDoc> expected, IReadOnlyList<ScoreDoc> actual, int precision = 4)
    {
        Xunit.Assert.Equal(expected.Select(d => d.Doc).Order(), actual.Select(d => d.Doc).Order());
        var scores = actual.ToDictionary(d => d.Doc, d => d.Score);
        foreach (var d in expected) Xunit.Assert.Equal(d.Score, scores[d.Doc], precision);
    }
}
