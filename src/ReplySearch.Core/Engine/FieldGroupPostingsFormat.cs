using System.Runtime.ExceptionServices;
using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Lucene41;
using Lucene.Net.Codecs.PerField;
using Lucene.Net.Index;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Core.Engine;

// Engine extension. Replaces: Lucene41PostingsFormat under PerFieldPostingsFormat, written field after field on one thread.
// Proved equal by: FieldGroupPostingsFormatTests (merged postings equal, posting for posting; CheckIndex).

/// <summary>
/// Lucene 4.1's postings, written in two groups of files: the bigram field's, and every other field's.
/// A merge writes the two groups on two threads at once. Merging a bulk build into one segment is mostly
/// postings, which Lucene writes field after field on one thread; the bigram group holds most of them, so
/// the two groups keep both cores busy for most of the merge (figures in docs/performance.md).
/// Readers see per-field postings as always (the group of each field is recorded in its field info), so
/// an index written before the split reads the same.
/// </summary>
[PostingsFormatName("ReplySearchFieldGroups")] // never written to an index: the codec hands it out directly
internal sealed class FieldGroupPostingsFormat : PostingsFormat
{
    private readonly Groups _groups = new();

    public override FieldsConsumer FieldsConsumer(SegmentWriteState state) => new Writer(_groups, _groups.FieldsConsumer(state));

    public override FieldsProducer FieldsProducer(SegmentReadState state) => _groups.FieldsProducer(state);

    /// <summary>The group a field's postings are written in: its own format instance, hence its own files.</summary>
    private sealed class Groups : PerFieldPostingsFormat
    {
        private readonly PostingsFormat _grams = new Lucene41PostingsFormat();
        private readonly PostingsFormat _rest = new Lucene41PostingsFormat();

        public override PostingsFormat GetPostingsFormatForField(string field) => field == Schema.TextGrams ? _grams : _rest;
    }

    private sealed class Writer(Groups groups, FieldsConsumer fields) : FieldsConsumer
    {
        // Lucene's per-field writer creates a group's files on its first field and keeps them in a dictionary.
        private readonly Lock _gate = new();

        public override TermsConsumer AddField(FieldInfo field)
        {
            lock (_gate) return fields.AddField(field);
        }

        /// <summary>Lucene's merge, one thread per group; fields within a group go in order, as its files require.</summary>
        public override void Merge(MergeState mergeState, Fields merged)
        {
            var groupsOfFields = new Dictionary<PostingsFormat, List<(FieldInfo Info, Terms Terms)>>();
            foreach (var name in merged)
            {
                var info = mergeState.FieldInfos.FieldInfo(name);
                if (merged.GetTerms(name) is not { } terms) continue;
                var format = groups.GetPostingsFormatForField(name);
                if (!groupsOfFields.TryGetValue(format, out var list)) groupsOfFields[format] = list = [];
                list.Add((info, terms));
            }
            if (groupsOfFields.Count == 0) return; // no postings at all: nothing to write
            try
            {
                // Each group's first field is added here, in field order, so that its files' names do not
                // depend on which thread starts first.
                var work = groupsOfFields.Values.Select(group => (First: AddField(group[0].Info), Fields: group)).ToList();
                Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = work.Count }, group =>
                {
                    for (var i = 0; i < group.Fields.Count; i++)
                    {
                        var (info, terms) = group.Fields[i];
                        var consumer = i == 0 ? group.First : AddField(info);
                        consumer.Merge(mergeState, info.IndexOptions, terms.GetEnumerator(null));
                    }
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // The writer tells an aborted merge from a failed one by the exception's type.
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) fields.Dispose();
        }
    }
}
