using System.Diagnostics;
using System.Runtime;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;

namespace ReplySearch.Cli.Benchmarking;

/// <summary>How fast the machine ran a fixed workload at one moment.</summary>
/// <param name="SegmentMbPerSecond">SmartCn word analysis of a fixed reply-like text, one thread: the CPU-bound half of indexing.</param>
/// <param name="MemoryLatencyNs">One dependent load at a random place in 64 MB: what inverting tokens and verifying phrases wait on.</param>
public sealed record MachineSpeed(double SegmentMbPerSecond, double MemoryLatencyNs);

/// <summary>
/// A yardstick measured before and after a benchmark. This machine is a shared VM whose speed drifts by
/// half within an hour, so two bench runs compare only through it: figures that moved with the yardstick
/// moved with the machine, not with the code.
/// </summary>
public static class MachineYardstick
{
    // Written for this purpose, in the register of a reply; repeated to a text of about 45 KB.
    private const string Paragraph =
        "近年来，我局认真落实市委、市政府关于科技创新的决策部署，围绕产学研深度融合，支持企业与高校院所共建研发平台，" +
        "全年新增高新技术企业86家，科技型中小企业入库412家，技术合同成交额达到156.58亿元。下一步，我们将进一步完善" +
        "科技成果转化机制，加大对龙湖软件园等载体的扶持力度，推动人才、资金、项目等创新要素向企业集聚。";

    private static readonly string Text = string.Concat(Enumerable.Repeat(Paragraph, 100));

    public static MachineSpeed Measure(double seconds = 1.0)
    {
        var analyzers = Analyzers.LoadDefault();
        analyzers.Warm();
        return new MachineSpeed(Math.Round(SegmentMbPerSecond(analyzers.Words, seconds), 2), Math.Round(MemoryLatencyNs(seconds), 1));
    }

    private static double SegmentMbPerSecond(Analyzer words, double seconds)
    {
        var bytes = Encoding.UTF8.GetByteCount(Text);
        // Untimed first: the JIT compiles the segmenter's hot methods again, optimised, after their first calls.
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < seconds;) Segment(words);
        var watch = Stopwatch.StartNew();
        var passes = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            Segment(words);
            passes++;
        }
        return passes * (double)bytes / 1048576.0 / watch.Elapsed.TotalSeconds;
    }

    private static int Segment(Analyzer words)
    {
        using var stream = words.GetTokenStream(Schema.TextWords, Text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var n = 0;
        while (stream.IncrementToken()) n += term.Length;
        stream.End();
        return n;
    }

    private static double MemoryLatencyNs(double seconds)
    {
        // One cycle through all slots in random order (Sattolo's shuffle), so that every load depends on the
        // last and misses the cache. One array, freed and compacted away at once: the bench's working-set
        // figures must not carry it.
        const int Slots = 16 * 1024 * 1024; // 64 MB of ints
        var next = new int[Slots];
        for (var i = 0; i < Slots; i++) next[i] = i;
        var random = new Random(17);
        for (var i = Slots - 1; i > 0; i--)
        {
            var j = random.Next(i);
            (next[i], next[j]) = (next[j], next[i]);
        }
        var at = 0;
        var steps = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var k = 0; k < 1_000_000; k++) at = next[at];
            steps += 1_000_000;
        }
        var ns = watch.Elapsed.TotalNanoseconds / steps;
        GC.KeepAlive(at);
        next = null;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        return ns;
    }
}
