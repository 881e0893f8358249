using System.Security.Cryptography;
using System.Text;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// The editable word list (lexicon.txt): abbreviation groups (高企 = 高新技术企业) expanded at query time,
/// and domain words (专精特新, 碳达峰) that the word analyzer keeps whole. All forms are stored folded.
/// </summary>
public sealed class Lexicon
{
    public const string FileName = "lexicon.txt";

    private readonly Dictionary<string, List<Group>> _groupsByForm = new(StringComparer.Ordinal);

    /// <summary>One equivalence group: the abbreviation first, then its full forms.</summary>
    public sealed record Group(IReadOnlyList<string> Forms)
    {
        public string Abbreviation => Forms[0];
    }

    public IReadOnlyList<Group> Groups { get; }

    /// <summary>Words kept whole by the word analyzer (every group form plus the plain domain words).</summary>
    public IReadOnlySet<string> Words { get; }

    public int MaxWordLength { get; }

    /// <summary>Every prefix of every word (the words included): a token that is no prefix starts no word.</summary>
    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WordLookup { get; }

    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup { get; }

    /// <summary>A short hash of the words: an index built with other words must be rebuilt.</summary>
    public string Fingerprint { get; }

    public string? Source { get; }

    private Lexicon(IReadOnlyList<Group> groups, IReadOnlySet<string> words, string? source)
    {
        Groups = groups;
        Words = words;
        Source = source;
        MaxWordLength = words.Count == 0 ? 0 : words.Max(w => w.Length);
        var wordSet = new HashSet<string>(words, StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in words)
        {
            for (var n = 1; n <= w.Length; n++) prefixes.Add(w[..n]);
        }
        WordLookup = wordSet.GetAlternateLookup<ReadOnlySpan<char>>();
        PrefixLookup = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var g in groups)
        {
            foreach (var f in g.Forms)
            {
                if (!_groupsByForm.TryGetValue(f, out var list)) _groupsByForm[f] = list = [];
                list.Add(g);
            }
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", words.Order(StringComparer.Ordinal))));
        Fingerprint = Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }

    public static Lexicon Empty { get; } = new([], new HashSet<string>(), null);

    /// <summary>The lexicon beside the program (copied there from src/ReplySearch.Core/Analysis at build).</summary>
    public static Lexicon LoadDefault()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        return File.Exists(path) ? Load(path) : Empty;
    }

    public static Lexicon Load(string path) => Parse(File.ReadAllText(path), path);

    public static Lexicon Parse(string text, string? source = null)
    {
        var groups = new List<Group>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var forms = line.Split(['=', '＝'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(Fold).Where(f => f.Length > 0).Distinct().ToList();
            if (forms.Count == 0) continue;
            if (forms.Count > 1) groups.Add(new Group(forms));
            // Forms with punctuation (大众创业、万众创新) cannot be one token; they stay phrases.
            foreach (var f in forms.Where(f => f.All(char.IsLetterOrDigit))) words.Add(f);
        }
        return new Lexicon(groups, words, source);
    }

    private static string Fold(string s) => new(CharFolding.Fold(s).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The other forms of every group a folded form belongs to.</summary>
    public IReadOnlyList<string> Alternatives(string folded) =>
        _groupsByForm.TryGetValue(folded, out var groups)
            ? groups.SelectMany(g => g.Forms).Where(f => f != folded).Distinct().ToList()
            : [];

    /// <summary>
    /// True when the form is a group's abbreviation: it then only matches as a whole word, because as a
    /// string it sits inside unrelated words (高企 in 提高企业).
    /// </summary>
    public bool IsAbbreviation(string folded) =>
        _groupsByForm.TryGetValue(folded, out var groups) && groups.Any(g => g.Abbreviation == folded) && Words.Contains(folded);
}
