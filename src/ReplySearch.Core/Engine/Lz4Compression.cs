using K4os.Compression.LZ4;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: Lucene.Net's LZ4 CompressionMode for stored fields.
// Proved equal by: ReplyCodecTests (every stored value round-trips).

/// <summary>
/// LZ4 for the stored fields, done by K4os.Compression.LZ4. Lucene.Net's own LZ4 decompresses a byte at a
/// time through a DataInput, and every hit pays for loading its stored text; K4os decompresses the same
/// chunk several times faster and compresses as well (figures in docs/performance.md).
/// Each block is written as its compressed length (VInt) and the LZ4 block, so a reader can read it whole.
/// </summary>
internal sealed class Lz4Compression : CompressionMode
{
    public static readonly Lz4Compression Instance = new();

    private Lz4Compression()
    {
    }

    public override Compressor NewCompressor() => new Lz4Compressor();

    public override Decompressor NewDecompressor() => new Lz4Decompressor();

    public override string ToString() => "Lz4Compression";

    private sealed class Lz4Compressor : Compressor
    {
        private byte[] _buffer = [];

        public override void Compress(byte[] bytes, int off, int len, DataOutput output)
        {
            var max = LZ4Codec.MaximumOutputSize(len);
            if (_buffer.Length < max) _buffer = new byte[max];
            var n = len == 0 ? 0 : LZ4Codec.Encode(bytes.AsSpan(off, len), _buffer, LZ4Level.L00_FAST);
            if (n < 0) throw new InvalidOperationException($"LZ4 could not compress a block of {len} bytes");
            output.WriteVInt32(n);
            output.WriteBytes(_buffer, 0, n);
        }
    }

    private sealed class Lz4Decompressor : Decompressor
    {
        private byte[] _compressed = [];

        public override void Decompress(DataInput input, int originalLength, int offset, int length, BytesRef bytes)
        {
            var n = input.ReadVInt32();
            if (_compressed.Length < n) _compressed = new byte[Math.Max(n, _compressed.Length * 2)];
            input.ReadBytes(_compressed, 0, n);
            if (bytes.Bytes.Length < originalLength) bytes.Bytes = new byte[ArrayUtil.Oversize(originalLength, 1)];
            // Only as far as the caller's range: a hit needs its own document, not the rest of the chunk.
            var wanted = offset + length;
            var decoded = originalLength == 0 ? 0
                : wanted < originalLength ? LZ4Codec.PartialDecode(_compressed.AsSpan(0, n), bytes.Bytes.AsSpan(0, wanted))
                : LZ4Codec.Decode(_compressed.AsSpan(0, n), bytes.Bytes.AsSpan(0, originalLength));
            if (decoded < wanted) throw new CorruptIndexException($"LZ4 block gave {decoded} bytes, {wanted} wanted (input={input})");
            bytes.Offset = offset;
            bytes.Length = length;
        }

        public override object Clone() => new Lz4Decompressor();
    }
}
