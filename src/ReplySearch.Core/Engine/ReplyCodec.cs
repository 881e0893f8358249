using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: Lucene46Codec.
// Proved equal by: ReplyCodecTests and FieldGroupPostingsFormatTests.

/// <summary>
/// Engine extension. Replaces: Lucene46Codec as the index's codec. Why: the stored text of every hit is
/// decompressed per search, and K4os LZ4 decompresses Lucene's 16 KB chunks faster than Lucene.Net's own
/// LZ4 (<see cref="Lz4Compression"/>); postings go to two groups of files that a merge writes on two threads
/// (<see cref="FieldGroupPostingsFormat"/>). Same index otherwise: proved by ReplyCodecTests (every stored
/// value round-trips through flushes and merges) and FieldGroupPostingsFormatTests. Its name is written into
/// every segment, so Lucene must find it by name (<see cref="Register"/>).
/// </summary>
[CodecName("ReplySearch1")]
internal sealed class ReplyCodec() : FilterCodec(new Lucene46Codec())
{
    private static readonly StoredFieldsFormat Stored = new CompressingStoredFieldsFormat("ReplySearchStoredFields", Lz4Compression.Instance, 1 << 14);

    public override StoredFieldsFormat StoredFieldsFormat => Stored;

    private static readonly PostingsFormat Postings = new FieldGroupPostingsFormat();

    public override PostingsFormat PostingsFormat => Postings;

    /// <summary>
    /// Lets Lucene find this codec by name when it reads a segment. The one registration, run by the runtime
    /// when this assembly loads, before any of its code: every index opened through ReplySearch, and any
    /// plain Lucene reader in a process that uses ReplySearch.Core (CheckIndex, a backup's verification),
    /// finds the codec without depending on which class was touched first.
    /// </summary>
#pragma warning disable CA2255 // A library's module initializer: Lucene's codec lookup is process-wide by design (SPI).
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(ReplyCodec)] });
}
