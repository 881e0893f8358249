using System.Text;
using System.Text.RegularExpressions;
using ICU4N.Text;
using ReplySearch.Core.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;

namespace ReplySearch.Cli.Evaluation;

/// <summary>How one system did on each measure. Failures hold the first cases that failed, for reading.</summary>
public sealed record SystemReport
{
    public required string System { get; init; }
    public double SubstringRecall { get; init; }
    public int SubstringCases { get; init; }
    public double QuotedPrecision { get; init; }
    public double QuotedRecall { get; init; }
    public int QuotedCases { get; init; }
    public double VariantRecall { get; init; }
    public int VariantCases { get; init; }
    public double Ndcg10 { get; init; }
    public double P5 { get; init; }
    public double Mrr { get; init; }
    public int JudgedQueries { get; init; }

    /// <summary>Judged queries with a relevant reply for which the system returned nothing at all.</summary>
    public int ZeroResultQueries { get; init; }
    public double LatencyMedianMs { get; init; }
    public double LatencyP99Ms { get; init; }

    /// <summary>With facets over all hits and highlighted snippets of the top 10 (ReplySearch only).</summary>
    public double? FullLatencyMedianMs { get; init; }
    public double? FullLatencyP99Ms { get; init; }
    public long IndexBytes { get; init; }
    public IReadOnlyList<string> Failures { get; init; } = [];
}

public sealed record Targets
{
    public double SubstringRecall { get; init; } = 1.0;
    public double QuotedPrecision { get; init; } = 1.0;
    public double VariantRecall { get; init; } = 1.0;
    public double Ndcg10 { get; init; } = 0.93;

    /// <summary>Judged queries with a relevant reply that may return nothing.</summary>
    public int ZeroResultQueries { get; init; }

    /// <summary>Each of these fields right on at least this share of the replies (with --fields).</summary>
    public double FieldAccuracy { get; init; } = 0.97;

    /// <summary>The fields the field-accuracy target applies to; the table may report more.</summary>
    public IReadOnlyList<string> GatedFields { get; init; } = ["agency", "year", "date", "kind", "proposalNumber", "delegates"];

    /// <summary>Commitments found against the hand labels (with --commitments): precision and recall over sentences.</summary>
    public double CommitmentPrecision { get; init; } = 0.90;
    public double CommitmentRecall { get; init; } = 0.90;

    /// <summary>Of the commitments found and labelled, the share whose deadline is the labelled one.</summary>
    public double CommitmentDue { get; init; } = 0.90;

    /// <summary>Median latency may be at most this many times the plain SmartCn field's.</summary>
    public double LatencyRatio { get; init; } = 2.0;
}

public sealed record EvalReport
{
    public required SystemReport ReplySearch { get; init; }
    public SystemReport? Plain { get; init; }

    /// <summary>Plain SmartCn queried with OR and BM25: Elasticsearch's default match query.</summary>
    public SystemReport? PlainOr { get; init; }

    /// <summary>The parser against an expected-fields table (with --fields).</summary>
    public FieldReport? Fields { get; init; }

    /// <summary>The commitment finder against hand labels (with --commitments).</summary>
    public CommitmentReport? Commitments { get; init; }
    public Targets Targets { get; init; } = new();
    public int Replies { get; init; }
    public long CorpusBytes { get; init; }
    public IReadOnlyList<string> Missed { get; init; } = [];
    public bool Passed => Missed.Count == 0;
}

/// <summary>
/// Measures search quality on a corpus: substring recall over strings sampled from the replies, the
/// precision of quoted queries against a brute-force scan, recall of typed variants (width, script,
/// brackets, spaces, zeros), nDCG@10/P@5/MRR over judged queries, and latency, for ReplySearch and for
/// a plain SmartCn build of the same replies.
/// </summary>
public static partial class Evaluator
{
    public sealed record Options(int Samples = 2000, int QuotedSamples = 400, int VariantSamples = 600, int Seed = 20230006, int LatencyRounds = 20, bool Baseline = true);

    public static EvalReport Run(string corpus, string? queriesFile, string workDir, Options options, IProgress<string>? log = null, string? fieldsFile = null, string? commitmentsFile = null)
    {
        var indexPath = Path.Combine(workDir, "replysearch");
        using var index = ReplyIndex.OpenForWrite(indexPath);
        log?.Report("indexing …");
        var report = CorpusIndexer.Run(index, corpus);
        var docs = CorpusIndexer.Enumerate(Path.GetFullPath(corpus), new())
            .Select(f => ReplyReader.Read(f, Path.GetRelativePath(Path.GetFullPath(corpus), f).Replace('\\', '/')))
            .Select(r => r.Document).OfType<ReplyDocument>().ToList();
        var judged = queriesFile is null ? [] : JudgedQuery.Load(queriesFile);
        var cases = Cases.Build(docs, options, index.Analyzers.Lexicon);

        using var ours = new ReplySearchSystem(index);
        var mine = Measure(ours, cases, judged, options, log);
        SystemReport? plain = null;
        SystemReport? plainOr = null;
        var latencyQueries = judged.Select(j => j.Query).DefaultIfEmpty("产学研").ToList();
        if (options.Baseline)
        {
            using var baseline = new PlainSmartCnSystem(Path.Combine(workDir, "plain"), docs);
            plain = Measure(baseline, cases, judged, options, log);
            using (var or = new PlainSmartCnSystem(Path.Combine(workDir, "plain-or"), docs, PlainSmartCnSystem.Reading.OrBm25))
            {
                plainOr = Measure(or, cases, judged, options, log);
            }
            log?.Report("latency …");
            var (ourTimes, plainTimes, fullTimes) = Latency(ours, baseline, latencyQueries, options.LatencyRounds);
            mine = mine with { LatencyMedianMs = Percentile(ourTimes, 0.5), LatencyP99Ms = Percentile(ourTimes, 0.99), FullLatencyMedianMs = Percentile(fullTimes, 0.5), FullLatencyP99Ms = Percentile(fullTimes, 0.99) };
            plain = plain with { LatencyMedianMs = Percentile(plainTimes, 0.5), LatencyP99Ms = Percentile(plainTimes, 0.99) };
        }
        else
        {
            var (ourTimes, _, fullTimes) = Latency(ours, null, latencyQueries, options.LatencyRounds);
            mine = mine with { LatencyMedianMs = Percentile(ourTimes, 0.5), LatencyP99Ms = Percentile(ourTimes, 0.99), FullLatencyMedianMs = Percentile(fullTimes, 0.5), FullLatencyP99Ms = Percentile(fullTimes, 0.99) };
        }

        var t = new Targets();
        var missed = new List<string>();
        if (mine.SubstringRecall < t.SubstringRecall) missed.Add($"substring recall {mine.SubstringRecall:P2} < {t.SubstringRecall:P0}");
        if (mine.QuotedPrecision < t.QuotedPrecision) missed.Add($"quoted precision {mine.QuotedPrecision:P2} < {t.QuotedPrecision:P0}");
        if (mine.QuotedRecall < 1.0) missed.Add($"quoted recall {mine.QuotedRecall:P2} < 100%");
        if (mine.VariantRecall < t.VariantRecall) missed.Add($"variant recall {mine.VariantRecall:P2} < {t.VariantRecall:P0}");
        if (judged.Count > 0 && mine.Ndcg10 < t.Ndcg10) missed.Add($"nDCG@10 {mine.Ndcg10:F3} < {t.Ndcg10}");
        if (judged.Count > 0 && plainOr is not null && mine.Ndcg10 <= plainOr.Ndcg10)
            missed.Add($"nDCG@10 {mine.Ndcg10:F3} not above SmartCn OR BM25 ({plainOr.Ndcg10:F3})");
        if (mine.ZeroResultQueries > t.ZeroResultQueries) missed.Add($"{mine.ZeroResultQueries} judged queries with relevant replies return nothing");
        FieldReport? fields = null;
        if (fieldsFile is not null)
        {
            log?.Report("field accuracy …");
            fields = FieldAccuracy.Run(corpus, fieldsFile);
            foreach (var f in fields.Fields.Where(f => t.GatedFields.Contains(f.Field) && f.Accuracy < t.FieldAccuracy))
                missed.Add($"field {f.Field} right on {f.Accuracy:P1} ({f.Right}/{f.Scored}) < {t.FieldAccuracy:P0}");
            if (fields.Rejected.Count > 0) missed.Add($"{fields.Rejected.Count} replies rejected");
        }
        CommitmentReport? commitments = null;
        if (commitmentsFile is not null)
        {
            log?.Report("commitments …");
            commitments = CommitmentAccuracy.Run(corpus, commitmentsFile);
            if (commitments.Precision < t.CommitmentPrecision) missed.Add($"commitment precision {commitments.Precision:P1} < {t.CommitmentPrecision:P0}");
            if (commitments.Recall < t.CommitmentRecall) missed.Add($"commitment recall {commitments.Recall:P1} < {t.CommitmentRecall:P0}");
            if (commitments.DueAccuracy < t.CommitmentDue) missed.Add($"commitment deadlines right {commitments.DueAccuracy:P1} < {t.CommitmentDue:P0}");
        }
        if (plain is not null && mine.LatencyMedianMs > t.LatencyRatio * Math.Max(plain.LatencyMedianMs, 0.05))
            missed.Add($"median latency {mine.LatencyMedianMs:F2} ms > {t.LatencyRatio}× plain SmartCn ({plain.LatencyMedianMs:F2} ms)");
        return new EvalReport
        {
            ReplySearch = mine,
            Plain = plain,
            PlainOr = plainOr,
            Fields = fields,
            Commitments = commitments,
            Targets = t,
            Replies = docs.Count,
            CorpusBytes = report.Bytes,
            Missed = missed,
        };
    }

    private static SystemReport Measure(ISearchSystem system, Cases cases, IReadOnlyList<JudgedQuery> judged, Options options, IProgress<string>? log)
    {
        var failures = new List<string>();
        void Fail(string what)
        {
            if (failures.Count < 40) failures.Add(what);
        }

        log?.Report($"{system.Name}: substring recall over {cases.Substrings.Count} strings …");
        var found = 0;
        foreach (var (text, source) in cases.Substrings)
        {
            if (system.Finds(text, source)) found++;
            else Fail($"substring: {text} not found in {source}");
        }

        log?.Report($"{system.Name}: quoted precision over {cases.Quoted.Count} strings …");
        double precisionSum = 0;
        var quotedFound = 0;
        foreach (var (text, source, expected) in cases.Quoted)
        {
            var got = system.All($"\"{text}\"");
            var correct = got.Count(expected.Contains);
            precisionSum += got.Count == 0 ? 0 : correct / (double)got.Count;
            if (got.Contains(source)) quotedFound++;
            if (got.Count > correct) Fail($"quoted: \"{text}\" also found {string.Join(", ", got.Except(expected).Take(3))}");
            if (!got.Contains(source)) Fail($"quoted: \"{text}\" not found in {source}");
        }

        log?.Report($"{system.Name}: variant recall over {cases.Variants.Count} variants …");
        var variantsFound = 0;
        foreach (var (variant, original, source, kind) in cases.Variants)
        {
            if (system.Finds(variant, source)) variantsFound++;
            else Fail($"variant ({kind}): {variant} (for {original}) not found in {source}");
        }

        double ndcg = 0, p5 = 0, mrr = 0;
        var zero = 0;
        foreach (var q in judged)
        {
            var ranked = system.Rank(q.Query, 10);
            if (ranked.Count == 0 && q.Grades.Values.Any(g => g > 0))
            {
                zero++;
                Fail($"zero results: {q.Query}");
            }
            var n = RankingMetrics.NdcgAt(10, ranked, q.Grades);
            ndcg += n;
            p5 += RankingMetrics.PrecisionAt(5, ranked, q.Grades);
            mrr += RankingMetrics.ReciprocalRank(ranked, q.Grades);
            if (n < 0.7) Fail($"ranking: {q.Query} nDCG@10 {n:F2}: got {string.Join(" ", ranked.Take(5).Select(r => r[..Math.Min(3, r.Length)]))}");
        }

        return new SystemReport
        {
            System = system.Name,
            SubstringRecall = Ratio(found, cases.Substrings.Count),
            SubstringCases = cases.Substrings.Count,
            QuotedPrecision = cases.Quoted.Count == 0 ? 1 : precisionSum / cases.Quoted.Count,
            QuotedRecall = Ratio(quotedFound, cases.Quoted.Count),
            QuotedCases = cases.Quoted.Count,
            VariantRecall = Ratio(variantsFound, cases.Variants.Count),
            VariantCases = cases.Variants.Count,
            Ndcg10 = judged.Count == 0 ? 0 : ndcg / judged.Count,
            P5 = judged.Count == 0 ? 0 : p5 / judged.Count,
            Mrr = judged.Count == 0 ? 0 : mrr / judged.Count,
            JudgedQueries = judged.Count,
            ZeroResultQueries = zero,
            IndexBytes = system.IndexBytes,
            Failures = failures,
        };
    }

    /// <summary>
    /// Query latency of both systems, interleaved query by query so that machine noise hits both alike,
    /// after a warm-up round; plus ReplySearch's full latency with facets and snippets.
    /// </summary>
    private static (List<double> Ours, List<double> Plain, List<double> Full) Latency(ReplySearchSystem ours, ISearchSystem? plain, List<string> queries, int rounds)
    {
        var o = new List<double>();
        var p = new List<double>();
        var f = new List<double>();
        for (var round = -1; round < rounds; round++)
        {
            foreach (var q in queries)
            {
                var a = ours.Time(q);
                var b = plain?.Time(q) ?? 0;
                var c = ours.TimeFull(q);
                if (round < 0) continue;
                o.Add(a);
                p.Add(b);
                f.Add(c);
            }
        }
        o.Sort();
        p.Sort();
        f.Sort();
        return (o, p, f);
    }

    private static double Ratio(int a, int b) => b == 0 ? 1 : a / (double)b;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 3);

    /// <summary>The generated test cases, the same for every system.</summary>
    private sealed record Cases(
        List<(string Text, string Source)> Substrings,
        List<(string Text, string Source, HashSet<string> Expected)> Quoted,
        List<(string Variant, string Original, string Source, string Kind)> Variants)
    {
        public static Cases Build(IReadOnlyList<ReplyDocument> docs, Options o, Lexicon lexicon)
        {
            var rng = new Random(o.Seed);
            var compact = docs.ToDictionary(d => d.Source, d => Compact(d.Text));
            var substrings = new List<(string, string)>();
            var guard = 0;
            while (substrings.Count < o.Samples && guard++ < o.Samples * 50 && docs.Count > 0)
            {
                var d = docs[rng.Next(docs.Count)];
                if (Sample(d.Text, rng, lexicon) is { } s) substrings.Add((s, d.Source));
            }

            var quoted = new List<(string, string, HashSet<string>)>();
            foreach (var (s, source) in substrings.Take(o.QuotedSamples))
            {
                if (s.IndexOfAny(['"', '“', '”', '「', '」', '『', '』']) >= 0) continue;
                var needle = Compact(s);
                quoted.Add((s, source, compact.Where(kv => kv.Value.Contains(needle, StringComparison.Ordinal)).Select(kv => kv.Key).ToHashSet()));
            }

            var toTraditional = Transliterator.GetInstance("Simplified-Traditional");
            var variants = new List<(string, string, string, string)>();
            foreach (var (s, source) in substrings.Take(o.VariantSamples))
            {
                var wide = ToFullWidth(s);
                if (wide != s) variants.Add((wide, s, source, "width"));
                var trad = toTraditional.Transliterate(s);
                if (trad != s && trad.Length == s.Length) variants.Add((trad, s, source, "script"));
                if (s.Length >= 3 && !s.Any(IsQuote))
                {
                    var at = 1 + rng.Next(s.Length - 1);
                    variants.Add(($"\"{s[..at]} {s[at..]}\"", s, source, "space"));
                }
            }
            foreach (var d in docs)
            {
                if (d.DocNumber is { } dn)
                {
                    foreach (var (open, close) in new[] { ('【', '】'), ('[', ']'), ('（', '）'), ('〔', '〕') })
                    {
                        var v = Brackets().Replace(dn, m => $"{open}{m.Groups[1].Value}{close}");
                        variants.Add((v, dn, d.Source, "brackets"));
                    }
                }
                if (d.ProposalNumber is { Length: < 8 } pn && pn.All(char.IsAsciiDigit))
                {
                    variants.Add(($"第{pn}号", pn, d.Source, "zeros"));
                    variants.Add(($"第0{pn}号", pn, d.Source, "zeros"));
                    variants.Add(($"第00{pn}号", pn, d.Source, "zeros"));
                }
                foreach (Match m in WrittenYear().Matches(d.Text))
                {
                    foreach (var zero in new[] { "〇", "○", "O", "零" })
                    {
                        variants.Add((m.Value.Replace("〇", zero).Replace("○", zero), m.Value, d.Source, "zeros"));
                    }
                }
            }
            return new Cases(substrings, quoted, variants);
        }

        private static bool IsQuote(char c) => c is '"' or '“' or '”' or '「' or '」' or '『' or '』';

        /// <summary>
        /// A random string of 1–8 characters from a random position, skipping white space (a query term has
        /// none) and strings that are lexicon abbreviations (typed alone they mean the word: quote them to
        /// find the string).
        /// </summary>
        private static string? Sample(string text, Random rng, Lexicon lexicon)
        {
            if (text.Length == 0) return null;
            var length = 1 + rng.Next(8);
            var start = rng.Next(Math.Max(1, text.Length - length + 1));
            if (start + length > text.Length) return null;
            var s = text.Substring(start, length);
            if (s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c))) return null;
            if (lexicon.IsAbbreviation(Compact(s))) return null;
            // A term alone that is the query language's own syntax is not text: OR, a lone -, field: filters.
            if (s is "OR" or "|" || s.All(c => c is '-' or '－')) return null;
            if (Regex.IsMatch(s, @"^[\p{L}]{1,8}[:：]") && QueryLanguage.IsFilterName(s[..s.IndexOfAny([':', '：'])])) return null;
            return s;
        }

        private static string Compact(string s) => new(CharFolding.Fold(s).Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());

        private static string ToFullWidth(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s) sb.Append(c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c);
            return sb.ToString();
        }
    }

    [GeneratedRegex(@"[〔【\[（(]\s*((?:19|20)\d{2})\s*[〕】\]）)]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"[一二][〇○][一二三四五六七八九〇○]{2}年")]
    private static partial Regex WrittenYear();
}
