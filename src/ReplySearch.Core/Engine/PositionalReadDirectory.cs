using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: NIOFSDirectory's inputs.
// Proved equal by: every index test runs on it; IndexTests and CrashSafetyTests read what it wrote.

/// <summary>
/// A file-system directory whose inputs read with positional reads (<see cref="RandomAccess"/>, pread):
/// no shared file position, so no lock, and the file's length known once. Lucene.Net's NIOFSDirectory reads
/// through a FileStream (a lock, a seek and a length check per refill of a 1 KB buffer), which was more than
/// half the CPU of a search with snippets. MMapDirectory is not used here: see <see cref="ReplyIndex"/>.
/// Writing, syncing and locking are FSDirectory's own.
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path) : FSDirectory(path, null)
{
    // Every clone of an input allocates its own buffer on its first read, and a query clones inputs per
    // term: Lucene's 1 KB suits postings and terms. A stored-fields chunk is read whole (16 KB and more),
    // and merging reads files from end to end.
    private const int DefaultBuffer = 1024;
    private const int StoredFieldsBuffer = 16 * 1024;
    private const int PostingsBuffer = 8 * 1024;
    private const int MergeBuffer = 32 * 1024;

    private static int BufferFor(string name, IOContext context) =>
        context.Context == IOContext.UsageContext.MERGE ? MergeBuffer
        : name.EndsWith(".fdt", StringComparison.Ordinal) ? StoredFieldsBuffer
        : name.EndsWith(".pos", StringComparison.Ordinal) || name.EndsWith(".doc", StringComparison.Ordinal) ? PostingsBuffer
        : DefaultBuffer;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = Path.Combine(Directory.FullName, name);
        var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new Input($"PositionalReadIndexInput(path=\"{file}\")", handle, 0, RandomAccess.GetLength(handle), BufferFor(name, context), ownsHandle: true);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        var file = Path.Combine(Directory.FullName, name);
        var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new Slicer(file, handle, context);
    }

    /// <summary>Slices of one compound file share its handle; the slicer owns it.</summary>
    private sealed class Slicer(string file, SafeFileHandle handle, IOContext context) : IndexInputSlicer
    {
        // A slice is named after the file it holds.
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new Input($"PositionalReadIndexInput({sliceDescription} in path=\"{file}\" slice={offset}:{offset + length})", handle, offset, length,
                BufferFor(sliceDescription, context), ownsHandle: false);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing) handle.Dispose();
        }
    }

    private sealed class Input(string description, SafeFileHandle handle, long offset, long length, int bufferSize, bool ownsHandle)
        : BufferedIndexInput(description, bufferSize)
    {
        // Clones share the handle and never close it: Lucene closes only the input it opened.
        private bool _ownsHandle = ownsHandle;

        public override long Length => length;

        protected override void ReadInternal(byte[] b, int off, int len)
        {
            var position = Position;
            if (position + len > length) throw new EndOfStreamException($"read past EOF: {this}");
            var target = b.AsSpan(off, len);
            while (!target.IsEmpty)
            {
                var n = RandomAccess.Read(handle, target, offset + position);
                if (n <= 0) throw new EndOfStreamException($"read past EOF: {this}");
                position += n;
                target = target[n..];
            }
        }

        // Reads say where they read from: there is no file position to move.
        protected override void SeekInternal(long pos) { }

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone._ownsHandle = false;
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHandle) handle.Dispose();
        }
    }
}
