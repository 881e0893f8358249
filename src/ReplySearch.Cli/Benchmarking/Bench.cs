using System.Diagnostics;
using System.Runtime;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Search;

namespace ReplySearch.Cli.Benchmarking;

public sealed record IndexFigures(int Replies, double Seconds, double RepliesPerSecond, double MbPerSecond, long InputBytes, long IndexBytes, long PeakWorkingSetBytes, int Runs)
{
    /// <summary>Body fields the builds left out (bench --omit-field): what the index costs without them.</summary>
    public IReadOnlyList<string> OmittedFields { get; init; } = [];
}

public sealed record SearchFigures(int Clients, double P50Ms, double P95Ms, double P99Ms, double Qps, long Queries);

/// <summary>One query at 1 client over all runs (Samples searches): median and slowest latency, and its hits; where the tail of the latencies comes from.</summary>
public sealed record QueryFigures(string Query, double MedianMs, double MaxMs, int Hits, long Samples);

public sealed record FacetFigures(int Hits, double WithMs, double WithoutMs, double CostMs);

/// <summary>Latency of one kind of call: median and 95th percentile over the sampled replies.</summary>
public sealed record LatencyFigures(double P50Ms, double P95Ms, int Calls);

/// <summary>
/// The reuse and history calls (issue #18) on replies spread evenly over the index, after a warm-up: a reply's
/// history, its reused paragraphs, the drafting helper on its proposal title and opening, and a page of its
/// agency's commitments.
/// </summary>
public sealed record ReuseFigures(int Replies, LatencyFigures History, LatencyFigures Paragraphs, LatencyFigures Draft, LatencyFigures Commitments)
{
    /// <summary>Ten similar replies of each (the /similar route).</summary>
    public LatencyFigures? Similar { get; init; }
}

/// <summary>
/// The phrase cache's part in the search figures: what it held after the runs, and the same searches at 1
/// client on the same index opened without it (each common phrase verified at every search, as a string
/// never searched before is).
/// </summary>
public sealed record PhraseCacheFigures(long Bytes, int Entries, SearchFigures Uncached);

/// <summary>The machine's speed before and after the run (<see cref="MachineYardstick"/>).</summary>
public sealed record MachineFigures(MachineSpeed Before, MachineSpeed After);

public sealed record BenchReport
{
    public MachineFigures? Machine { get; init; }
    public IndexFigures? Index { get; init; }
    public IReadOnlyList<SearchFigures> Search { get; init; } = [];

    /// <summary>The slowest queries at 1 client (at most 10), slowest first.</summary>
    public IReadOnlyList<QueryFigures> SlowestQueries { get; init; } = [];
    public double StartToFirstAnswerMs { get; init; }
    public FacetFigures? Facets { get; init; }

    /// <summary>What the phrase cache held, and the 1-client figures without it; none when the index has no cache.</summary>
    public PhraseCacheFigures? PhraseCache { get; init; }

    /// <summary>History, reused paragraphs, drafting helper and commitments (none when the build omitted fields).</summary>
    public ReuseFigures? Reuse { get; init; }
    public long ServeWorkingSetBytes { get; init; }
    public int IndexedReplies { get; init; }
    public int Queries { get; init; }
    public double SecondsPerMeasurement { get; init; }
    public int Runs { get; init; }
}

/// <summary>
/// The benchmark: indexing throughput, then searching through the API's own path (query language, query
/// building, search, facets over all hits, snippets of the top 10) at 1 and N clients, each figure the
/// median of several runs after a warm-up, and the time from process start to a first answer.
/// </summary>
public static class Bench
{
    public sealed record Options(string Corpus, string IndexDir, IReadOnlyList<string> Queries, IReadOnlyList<int> Clients, double Seconds, int Runs, bool SkipIndex, int IndexRuns = 1)
    {
        /// <summary>
        /// Body fields to build without (of <see cref="ReplyIndex.OmittableFields"/>): indexing is measured
        /// and searching is not, since such an index answers wrongly.
        /// </summary>
        public IReadOnlySet<string> OmitFields { get; init; } = new HashSet<string>();
    }

    public static BenchReport Run(Options o, Action<string> log)
    {
        log("measuring the machine …");
        var before = MachineYardstick.Measure();
        var report = Figures(o, log);
        log("measuring the machine again …");
        return report with { Machine = new MachineFigures(before, MachineYardstick.Measure()) };
    }

    private static BenchReport Figures(Options o, Action<string> log)
    {
        IndexFigures? indexFigures = null;
        if (!o.SkipIndex)
        {
            log("indexing …");
            // SmartCn's dictionaries and the fold table load once per process: not part of any build's time.
            Analyzers.LoadDefault().Warm();
            WarmIndexing(o.Corpus);
            var builds = new List<(double Seconds, IndexReport Report)>();
            for (var run = 0; run < o.IndexRuns; run++)
            {
                if (Directory.Exists(o.IndexDir)) Directory.Delete(o.IndexDir, recursive: true);
                var watch = Stopwatch.StartNew();
                IndexReport built;
                using (var index = ReplyIndex.OpenWithout(o.IndexDir, o.OmitFields)) built = CorpusIndexer.Run(index, o.Corpus);
                builds.Add((watch.Elapsed.TotalSeconds, built));
                log($"indexed {built.Indexed} replies in {builds[^1].Seconds:F1} s");
            }
            // The median build (the last one's index stays for the search figures: every build makes the same index).
            var (seconds, report) = builds.OrderBy(b => b.Seconds).ElementAt(builds.Count / 2);
            var size = new DirectoryInfo(o.IndexDir).EnumerateFiles().Sum(f => f.Length);
            indexFigures = new IndexFigures(report.Indexed, Math.Round(seconds, 2), Math.Round(report.Indexed / seconds, 1),
                Math.Round(report.Bytes / 1048576.0 / seconds, 2), report.Bytes, size, Process.GetCurrentProcess().PeakWorkingSet64, builds.Count)
            {
                OmittedFields = o.OmitFields.Order(StringComparer.Ordinal).ToList(),
            };
            if (o.OmitFields.Count > 0) return new BenchReport { Index = indexFigures, IndexedReplies = report.Indexed, Runs = o.Runs };
        }

        // The builds' buffers go back to the OS before serving is measured, as the service gives them back
        // after indexing on start: the serving working set is then the serving process's, not the builder's.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var idx = ReplyIndex.OpenForSearch(o.IndexDir);
        var requests = o.Queries.Select(q => new SearchRequest { Query = q, Size = 10 }).ToList();

        // Warm-up: the JIT tiers up over the first thousands of calls, and a service that has seen a query
        // keeps its common phrases' matches (cached on a phrase's second search, so two passes at least);
        // measure what a running service does. The figures without the phrase cache follow, for the rest.
        log("warming up …");
        WarmUp(idx, requests, o.Seconds);

        var figures = new List<SearchFigures>();
        var perQuery = requests.Select(_ => new List<double>()).ToArray();
        foreach (var clients in new[] { 1 }.Concat(o.Clients.Where(c => c > 1)).Distinct())
        {
            var runs = new List<SearchFigures>();
            for (var run = 0; run < o.Runs; run++)
            {
                log($"searching with {clients} client(s), run {run + 1}/{o.Runs} …");
                runs.Add(Measure(idx, requests, clients, o.Seconds, clients == 1 ? perQuery : null));
            }
            figures.Add(new SearchFigures(clients, Median(runs, r => r.P50Ms), Median(runs, r => r.P95Ms), Median(runs, r => r.P99Ms),
                Median(runs, r => r.Qps), (long)runs.Average(r => r.Queries)));
        }

        log("facets over every hit …");
        var facets = FacetCost(idx);
        log("history, reused paragraphs, drafting helper, commitments …");
        var reuse = Reuse(idx, 200);
        var serving = Process.GetCurrentProcess().WorkingSet64;
        var phraseCache = Uncached(idx, o, requests, log);
        log("start to first answer …");
        var start = StartToFirstAnswer(o.IndexDir, o.Queries[0], o.Runs);
        return new BenchReport
        {
            Index = indexFigures,
            Search = figures,
            SlowestQueries = Slowest(idx, requests, perQuery, 10),
            StartToFirstAnswerMs = start,
            Facets = facets,
            PhraseCache = phraseCache,
            Reuse = reuse,
            ServeWorkingSetBytes = serving,
            IndexedReplies = idx.Count,
            Queries = requests.Count,
            SecondsPerMeasurement = o.Seconds,
            Runs = o.Runs,
        };
    }

    /// <summary>The 1-client searches again on the index opened without a phrase cache, warmed up the same way.</summary>
    private static PhraseCacheFigures? Uncached(ReplyIndex idx, Options o, List<SearchRequest> requests, Action<string> log)
    {
        if (idx.Phrases is not { } cache) return null;
        var (bytes, entries) = (cache.Bytes, cache.Count);
        log("searching without the phrase cache …");
        using var plain = ReplyIndex.OpenForSearch(o.IndexDir, phraseCacheMegabytes: 0);
        WarmUp(plain, requests, o.Seconds);
        var runs = Enumerable.Range(0, o.Runs).Select(_ => Measure(plain, requests, 1, o.Seconds, null)).ToList();
        return new PhraseCacheFigures(bytes, entries, new SearchFigures(1, Median(runs, r => r.P50Ms), Median(runs, r => r.P95Ms), Median(runs, r => r.P99Ms),
            Median(runs, r => r.Qps), (long)runs.Average(r => r.Queries)));
    }

    /// <summary>Every query twice at least, and for half a measurement at least.</summary>
    private static void WarmUp(ReplyIndex idx, List<SearchRequest> requests, double seconds)
    {
        var warm = Stopwatch.StartNew();
        for (var pass = 0; pass < 2 || warm.Elapsed.TotalSeconds < Math.Max(0.5, seconds / 2); pass++)
        {
            foreach (var r in requests) idx.Search(r);
        }
    }

    private static SearchFigures Measure(ReplyIndex idx, List<SearchRequest> requests, int clients, double seconds, List<double>[]? perQuery)
    {
        var latencies = new List<double>[clients];
        var deadline = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, clients).Select(c => new Thread(() =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            var i = c * 7919 % requests.Count; // each client starts elsewhere in the list
            var sw = new Stopwatch();
            while (deadline.Elapsed.TotalSeconds < seconds)
            {
                sw.Restart();
                idx.Search(requests[i]);
                var ms = sw.Elapsed.TotalMilliseconds;
                mine.Add(ms);
                perQuery?[i].Add(ms); // only with one client: no other thread touches it
                i = (i + 1) % requests.Count;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var elapsed = deadline.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        all.Sort();
        return new SearchFigures(clients, P(all, 0.50), P(all, 0.95), P(all, 0.99), Math.Round(all.Count / elapsed, 1), all.Count);
    }

    private static List<QueryFigures> Slowest(ReplyIndex idx, List<SearchRequest> requests, List<double>[] perQuery, int count) =>
        Enumerable.Range(0, requests.Count)
            .Where(i => perQuery[i].Count > 0)
            .Select(i =>
            {
                var sorted = perQuery[i].Order().ToList();
                return (Index: i, Median: P(sorted, 0.5), Max: Math.Round(sorted[^1], 3), sorted.Count);
            })
            .OrderByDescending(q => q.Median)
            .Take(count)
            .Select(q => new QueryFigures(requests[q.Index].Query, q.Median, q.Max, idx.Search(requests[q.Index]).Total, q.Count))
            .ToList();

    /// <summary>
    /// The reuse calls on <paramref name="count"/> replies spread evenly over the index (every MaxDoc/count-th),
    /// each kind warmed up on 20 of them first. The draft's text stands in for a pasted proposal: the reply's
    /// proposal title (or title) and the first 300 characters of its body.
    /// </summary>
    private static ReuseFigures Reuse(ReplyIndex idx, int count)
    {
        var sample = idx.WithSearcher(s =>
        {
            var max = s.IndexReader.MaxDoc;
            var step = Math.Max(1, max / count);
            var live = Lucene.Net.Index.MultiFields.GetLiveDocs(s.IndexReader);
            var docs = new List<Core.Model.ReplyDocument>();
            for (var d = 0; d < max && docs.Count < count; d += step)
            {
                if (live is null || live.Get(d)) docs.Add(DocumentMapper.FromStored(s.Doc(d)));
            }
            return docs;
        });
        var ids = sample.Select(d => DocumentMapper.IdFor(d.Source)).ToList();
        var drafts = sample.Select(d => (d.ProposalTitle ?? d.Title ?? "") + "\n" + (d.Text.Length > 300 ? d.Text[..300] : d.Text)).ToList();
        var agencies = sample.Select(d => d.Agency).ToList();
        LatencyFigures Time(Action<int> call)
        {
            for (var i = 0; i < Math.Min(20, sample.Count); i++) call(i);
            var times = new List<double>(sample.Count);
            var sw = new Stopwatch();
            for (var i = 0; i < sample.Count; i++)
            {
                sw.Restart();
                call(i);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            return new LatencyFigures(P(times, 0.5), P(times, 0.95), times.Count);
        }
        return new ReuseFigures(sample.Count,
            Time(i => idx.History(ids[i])),
            Time(i => idx.Paragraphs(ids[i])),
            Time(i => idx.Draft(drafts[i], agencies[i])),
            Time(i => idx.Commitments(new SearchRequest
            {
                Size = 20,
                Filters = agencies[i] is { } a ? new Dictionary<Core.Model.ReplyField, string> { [Core.Model.FieldTable.Agency] = a } : new Dictionary<Core.Model.ReplyField, string>(),
            })))
        {
            Similar = Time(i => idx.Similar(ids[i], 10)),
        };
    }

    /// <summary>What counting facets over a match-all result costs: the same search with and without them.</summary>
    private static FacetFigures FacetCost(ReplyIndex idx)
    {
        var with = new SearchRequest { Query = "", Size = 10 };
        var without = with with { CountFacets = false };
        for (var i = 0; i < 50; i++) { idx.Search(with); idx.Search(without); }
        var a = new List<double>();
        var b = new List<double>();
        var sw = new Stopwatch();
        for (var i = 0; i < 101; i++)
        {
            sw.Restart(); idx.Search(with); a.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart(); idx.Search(without); b.Add(sw.Elapsed.TotalMilliseconds);
        }
        a.Sort();
        b.Sort();
        var hits = idx.Search(without).Total;
        return new FacetFigures(hits, P(a, 0.5), P(b, 0.5), Math.Round(P(a, 0.5) - P(b, 0.5), 3));
    }

    /// <summary>
    /// An untimed build of a slice of the corpus (a twentieth, at most 500 replies) into a folder removed
    /// after: a cold process indexes its first seconds on code the JIT has not optimised yet, which is not
    /// what a long build runs on. The search figures are taken after a warm-up for the same reason.
    /// </summary>
    private static void WarmIndexing(string corpus)
    {
        var files = CorpusIndexer.Enumerate(Path.GetFullPath(corpus), []);
        var temp = Path.Combine(Path.GetTempPath(), "replysearch-warm-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var slice = Path.Combine(temp, "corpus");
            Directory.CreateDirectory(slice);
            var take = Math.Min(files.Count, Math.Clamp(files.Count / 20, 1, 500));
            for (var n = 0; n < take; n++) File.Copy(files[n], Path.Combine(slice, $"{n:D5}{Path.GetExtension(files[n])}"));
            using var index = ReplyIndex.OpenForWrite(Path.Combine(temp, "index"));
            CorpusIndexer.Run(index, slice);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>A new process answering one search on the existing index: runtime start, dictionaries, query.</summary>
    private static double StartToFirstAnswer(string indexDir, string query, int runs)
    {
        var times = new List<double>();
        var dll = Path.Combine(AppContext.BaseDirectory, "replysearch.dll");
        for (var i = 0; i < Math.Max(1, runs); i++)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { dll, "search", "--index", indexDir, "--json", "--", query }) psi.ArgumentList.Add(a);
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return Math.Round(times[times.Count / 2], 1);
    }

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 3);

    private static double Median(List<SearchFigures> runs, Func<SearchFigures, double> f)
    {
        var v = runs.Select(f).Order().ToList();
        return v[v.Count / 2];
    }
}
