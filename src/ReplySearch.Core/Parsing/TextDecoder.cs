using System.Text;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// Bytes → text without a hint: a BOM decides; else strict UTF-8; else UTF-16 by its zero bytes; else
/// GB18030 (a superset of GBK and GB2312) or Big5, whichever reads as common Chinese. Refuses binary data
/// rather than producing mojibake.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="Warning">Something readable but wrong about the bytes, e.g. a truncated last character.</param>
    public sealed record Decoded(string Text, string Encoding, string? Warning = null);

    /// <summary>The text and the name of the encoding found; throws <see cref="InvalidDataException"/> with the reason.</summary>
    public static Decoded Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) throw new InvalidDataException("empty file");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Strict(new UTF8Encoding(false, true), bytes[3..], "utf-8-bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Strict(new UnicodeEncoding(false, false, true), bytes[2..], "utf-16le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Strict(new UnicodeEncoding(true, false, true), bytes[2..], "utf-16be");

        var utf16 = GuessUtf16WithoutBom(bytes);
        if (utf16 is not null) return Strict(utf16, bytes, utf16.BigEndian() ? "utf-16be" : "utf-16le");

        if (bytes.IndexOf((byte)0) >= 0) throw new InvalidDataException("binary file (contains NUL bytes)");

        try
        {
            return Checked(new UTF8Encoding(false, true).GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            // A file cut off inside its last character is UTF-8 all the same: read it, and say so.
            for (var cut = 1; cut <= 3 && cut < bytes.Length; cut++)
            {
                if (!IsUtf8Lead(bytes[^cut])) continue;
                try
                {
                    var text = new UTF8Encoding(false, true).GetString(bytes[..^cut]);
                    return Checked(text, "utf-8", $"truncated UTF-8: the file ends inside a character ({cut} byte(s) dropped)");
                }
                catch (DecoderFallbackException)
                {
                    break;
                }
            }
            // Not UTF-8: Chinese archives are then almost always GB18030/GBK.
        }
        // Not UTF-8: GB18030 (a superset of GBK and GB2312) or Big5. Both read most double-byte text without
        // an error, so decode with each and keep the one that reads as common Chinese.
        var candidates = new List<(Decoded Text, double Score)>();
        string? firstError = null;
        foreach (var (name, label) in new[] { ("GB18030", "gb18030"), ("big5", "big5") })
        {
            var encoding = Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            try
            {
                var decoded = Checked(encoding.GetString(bytes), label);
                candidates.Add((decoded, CommonChineseShare(decoded.Text)));
            }
            catch (Exception e) when (e is DecoderFallbackException or InvalidDataException)
            {
                firstError ??= e.Message;
            }
        }
        if (candidates.Count == 0) throw new InvalidDataException($"not text in UTF-8, UTF-16, GB18030 or Big5 ({firstError})");
        return candidates.OrderByDescending(c => c.Score).First().Text;
    }

    // The most frequent Chinese characters (simplified); traditional text is folded onto them first.
    private const string Common =
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所" +
        "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日" +
        "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想" +
        "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指" +
        "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权" +
        "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集" +
        "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支" +
        "般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属" +
        "圆包火住调满县局照参红细引听该铁价严龙答复建议代表";

    private static readonly HashSet<char> CommonSet = [.. Common];

    private static double CommonChineseShare(string text)
    {
        int cjk = 0, common = 0;
        foreach (var c in text)
        {
            if (c is < '\u4E00' or > '\u9FFF') continue;
            cjk++;
            if (CommonSet.Contains(Analysis.CharFolding.Fold(c))) common++;
        }
        return cjk == 0 ? 0 : common / (double)cjk;
    }

    private static bool BigEndian(this Encoding e) => e.CodePage == 1201;

    private static bool IsUtf8Lead(byte b) => b >= 0xC2 && b <= 0xF4;

    private static Decoded Strict(Encoding encoding, ReadOnlySpan<byte> bytes, string name)
    {
        try
        {
            return Checked(encoding.GetString(bytes), name);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"invalid {name} ({e.Message})");
        }
    }

    // A text file has few control characters; decoded binary has many.
    private static Decoded Checked(string text, string name, string? warning = null)
    {
        var control = 0;
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')) control++;
        }
        if (control > 8 && control > text.Length / 100) throw new InvalidDataException($"binary file ({control} control characters)");
        return new Decoded(text, name, warning);
    }

    // UTF-16 without a BOM: every ASCII character (digits, newlines, punctuation) has a zero byte, and
    // in little-endian it is always the odd byte. Chinese text has fewer of them, so ask only for some
    // zeros, nearly all on one side.
    private static Encoding? GuessUtf16WithoutBom(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4 || b.Length % 2 != 0) return null;
        int evenZeros = 0, oddZeros = 0;
        var n = Math.Min(b.Length, 8192);
        for (var i = 0; i + 1 < n; i += 2)
        {
            if (b[i] == 0) evenZeros++;
            if (b[i + 1] == 0) oddZeros++;
        }
        var pairs = n / 2;
        var zeros = evenZeros + oddZeros;
        if (zeros < Math.Max(2, pairs / 50)) return null;
        if (evenZeros * 20 <= oddZeros) return new UnicodeEncoding(false, false, true);
        if (oddZeros * 20 <= evenZeros) return new UnicodeEncoding(true, false, true);
        return null;
    }
}
