using Lucene.Net.Analysis;

namespace ReplySearch.Core.Analysis;

/// <summary>
/// Applies <see cref="CharFolding"/> before tokenization. The fold is one char for one char, so offsets
/// need no correction. Reads the field whole on first use: folding of zeros looks at neighbours, and a
/// reply is small enough to hold.
/// </summary>
public sealed class FoldingCharFilter : CharFilter
{
    private char[]? _buffer;
    private int _length;
    private int _position;

    public FoldingCharFilter(TextReader input) : base(input)
    {
    }

    protected override int Correct(int currentOff) => currentOff;

    public override int Read(char[] cbuf, int off, int len)
    {
        if (_buffer is null) Load();
        if (_position >= _length) return 0;
        var n = Math.Min(len, _length - _position);
        Array.Copy(_buffer!, _position, cbuf, off, n);
        _position += n;
        return n;
    }

    public override int Read()
    {
        if (_buffer is null) Load();
        return _position < _length ? _buffer![_position++] : -1;
    }

    private void Load()
    {
        var all = m_input.ReadToEnd();
        _buffer = all.ToCharArray();
        _length = _buffer.Length;
        CharFolding.Fold(_buffer, _length);
    }
}
