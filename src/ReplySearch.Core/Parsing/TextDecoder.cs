using System.Text;

namespace ReplySearch.Core.Parsing;

/// <summary>
/// Bytes → text without a hint: a BOM decides; else strict UTF-8; else UTF-16 by its zero bytes; else
/// GB18030 (a superset of GBK and GB2312). Refuses binary data rather than producing mojibake.
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
        var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            return Checked(gb.GetString(bytes), "gb18030");
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"not text in UTF-8, UTF-16 or GB18030 ({e.Message})");
        }
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
