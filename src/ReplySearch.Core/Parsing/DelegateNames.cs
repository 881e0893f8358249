namespace ReplySearch.Core.Parsing;

/// <summary>
/// One spelling per delegate (or organisation), so that a delegate's replies are found under one name:
/// folded (traditional and full-width forms), spaces removed, and the salutation's trailing 等, 代表 and 委员
/// dropped: 崔文虎等, 崔 文 虎代表 and 崔文虎委员 are all 崔文虎.
/// </summary>
public static class DelegateNames
{
    private static readonly string[] Suffixes = ["代表", "委员", "等"];

    public static string Normalize(string name)
    {
        var folded = new string(Analysis.CharFolding.Fold(name).Where(c => !char.IsWhiteSpace(c)).ToArray());
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var suffix in Suffixes)
            {
                if (folded.Length > suffix.Length + 1 && folded.EndsWith(suffix, StringComparison.Ordinal))
                {
                    folded = folded[..^suffix.Length];
                    changed = true;
                }
            }
        }
        return folded;
    }
}
