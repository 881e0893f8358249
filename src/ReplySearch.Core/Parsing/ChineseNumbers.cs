using System.Globalization;
using System.Text.RegularExpressions;

namespace ReplySearch.Core.Parsing;

/// <summary>Chinese numerals and written dates, on folded text (ASCII digits, 〇 for every zero form).</summary>
public static partial class ChineseNumbers
{
    private const string Digits = "〇一二三四五六七八九";

    /// <summary>Parses 5, 15, 十, 十五, 二十四, 一百零二 and digit-by-digit 二〇二三; null if it is not a number.</summary>
    public static int? Parse(string s)
    {
        s = s.Trim();
        if (s.Length == 0) return null;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        if (!s.Contains('十') && !s.Contains('百') && !s.Contains('千'))
        {
            // Digit by digit: 二〇二三, 两.
            var v = 0;
            foreach (var c in s)
            {
                var d = c == '两' ? 2 : Digits.IndexOf(c);
                if (d < 0) return null;
                v = v * 10 + d;
            }
            return v;
        }
        var total = 0;
        var current = 0;
        foreach (var c in s)
        {
            var d = c == '两' ? 2 : Digits.IndexOf(c);
            if (d >= 0) { current = d; continue; }
            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => -1 };
            if (unit < 0) return null;
            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }
        return total + current;
    }

    [GeneratedRegex(@"(?<y>\d{4}|[〇一二三四五六七八九]{4})\s*年\s*(?<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")]
    private static partial Regex WrittenDate();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*[-/.]\s*(?<m>\d{1,2})\s*[-/.]\s*(?<d>\d{1,2})(?!\d)")]
    private static partial Regex NumericDate();

    /// <summary>
    /// A signature date whose separators were lost (2023927, 20211026): a line of 7 or 8 digits that reads
    /// as exactly one valid date. 2023111 (1 November or 11 January) is ambiguous and gives null.
    /// </summary>
    public static DateOnly? CompactDate(string folded)
    {
        var t = folded.Trim();
        if (t.Length is not (7 or 8) || !t.All(char.IsAsciiDigit)) return null;
        var y = int.Parse(t[..4], CultureInfo.InvariantCulture);
        if (y is < 1949 or > 2100) return null;
        var rest = t[4..];
        var readings = new List<DateOnly>();
        for (var split = 1; split < rest.Length; split++)
        {
            var (m, d) = (rest[..split], rest[split..]);
            if (m.Length > 2 || d.Length > 2) continue;
            var mo = int.Parse(m, CultureInfo.InvariantCulture);
            var day = int.Parse(d, CultureInfo.InvariantCulture);
            if (mo is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, mo)) readings.Add(new DateOnly(y, mo, day));
        }
        return readings.Distinct().Count() == 1 ? readings[0] : null;
    }

    /// <summary>Every date in folded text, with where it was found.</summary>
    public static IEnumerable<(DateOnly Date, int Index, int Length)> FindDates(string folded)
    {
        foreach (var m in WrittenDate().Matches(folded).Concat(NumericDate().Matches(folded)).OrderBy(m => m.Index))
        {
            var y = Parse(m.Groups["y"].Value);
            var mo = Parse(m.Groups["m"].Value);
            var d = Parse(m.Groups["d"].Value);
            if (y is >= 1949 and <= 2100 && mo is >= 1 and <= 12 && d is >= 1 and <= 31
                && d <= DateTime.DaysInMonth(y.Value, mo.Value))
            {
                yield return (new DateOnly(y.Value, mo.Value, d.Value), m.Index, m.Length);
            }
        }
    }
}
