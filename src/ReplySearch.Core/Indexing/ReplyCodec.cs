using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace ReplySearch.Core.Indexing;

/// <summary>
/// Lucene 4.6's index format with the stored fields compressed by <see cref="Lz4Compression"/> (the same
/// 16 KB chunks, faster to read) and the postings in two groups of files merged side by side
/// (<see cref="FieldGroupPostingsFormat"/>). Its name is written into every segment, so it must be registered
/// (<see cref="Register"/>) before an index is opened.
/// </summary>
[CodecName("ReplySearch1")]
public sealed class ReplyCodec() : FilterCodec(new Lucene46Codec())
{
    private static readonly StoredFieldsFormat Stored = new CompressingStoredFieldsFormat("ReplySearchStoredFields", Lz4Compression.Instance, 1 << 14);

    public override StoredFieldsFormat StoredFieldsFormat => Stored;

    private static readonly PostingsFormat Postings = new FieldGroupPostingsFormat();

    public override PostingsFormat PostingsFormat => Postings;

    private static readonly Lazy<bool> Registered = new(() =>
    {
        Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(ReplyCodec)] });
        return true;
    });

    /// <summary>Lets Lucene find this codec by name when it reads a segment; safe to call more than once.</summary>
    public static void Register() => _ = Registered.Value;
}
