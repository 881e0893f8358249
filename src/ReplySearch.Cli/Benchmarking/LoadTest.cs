using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReplySearch.Cli.Benchmarking;

public sealed record LoadTestReport(
    int Clients, double Seconds, long Searches, long ServerErrors, long FailedSearches, double P50Ms, double P99Ms, double Qps,
    int Uploads, int Deletes, int WriterErrors, int LeftByWriter, IReadOnlyList<string> Mismatches)
{
    public bool Passed => ServerErrors == 0 && FailedSearches == 0 && WriterErrors == 0 && Mismatches.Count == 0;
}

/// <summary>
/// Searches from many clients while a writer adds and deletes replies, against a running service on this
/// machine only; bounded in clients and time. At the end every reply the writer left must be found exactly
/// once and every one it deleted not at all.
/// </summary>
public static class LoadTest
{
    public const int MaxClients = 64;
    public const int MaxSeconds = 600;

    public static async Task<LoadTestReport> Run(Uri url, string apiKey, int clients, double seconds, IReadOnlyList<string> queries, Action<string> log)
    {
        if (!url.IsLoopback) throw new ArgumentException($"load tests aim only at this machine (loopback); {url.Host} is not", nameof(url));
        clients = Math.Clamp(clients, 1, MaxClients);
        seconds = Math.Clamp(seconds, 1, MaxSeconds);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients + 4 }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var run = Guid.NewGuid().ToString("N")[..6];
        var latencies = new ConcurrentBag<double>();
        long serverErrors = 0, failed = 0;
        var deadline = Stopwatch.StartNew();

        var searchers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var i = c * 13;
            while (deadline.Elapsed.TotalSeconds < seconds)
            {
                var q = queries[i++ % queries.Count];
                var sw = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync("api/search?q=" + Uri.EscapeDataString(q));
                    await response.Content.ReadAsByteArrayAsync();
                    latencies.Add(sw.Elapsed.TotalMilliseconds);
                    if ((int)response.StatusCode >= 500) Interlocked.Increment(ref serverErrors);
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToList();

        // The writer: uploads replies with a unique mark, and deletes every third one it made.
        var left = new Dictionary<string, string>();   // mark → id
        var deleted = new List<string>();
        int uploads = 0, deletes = 0, writerErrors = 0;
        var writer = Task.Run(async () =>
        {
            var rng = new Random(7);
            var n = 0;
            while (deadline.Elapsed.TotalSeconds < seconds)
            {
                var mark = $"LT{run}N{n++}Z"; // Z ends it: N3Z is no substring of N30Z
                var body = $"关于第{n}号建议的答复\n\n王建国代表：\n\n您的建议收悉。现答复如下：\n\n一、压力测试\n\n负载测试写入的答复，标记{mark}。\n\n潍坊市科学技术局\n\n2024年5月1日\n";
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
                form.Add(file, "file", $"loadtest-{mark}.txt");
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/replies") { Content = form };
                request.Headers.Add("X-Api-Key", apiKey);
                using var response = await http.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Created) { writerErrors++; continue; }
                uploads++;
                left[mark] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
                if (n % 3 == 0 && left.Count > 0)
                {
                    var victim = left.Keys.ElementAt(rng.Next(left.Count));
                    using var del = new HttpRequestMessage(HttpMethod.Delete, "api/replies/" + left[victim]);
                    del.Headers.Add("X-Api-Key", apiKey);
                    using var dr = await http.SendAsync(del);
                    if (dr.StatusCode != HttpStatusCode.NoContent) { writerErrors++; continue; }
                    deletes++;
                    left.Remove(victim);
                    deleted.Add(victim);
                }
            }
        });
        await Task.WhenAll(searchers.Append(writer));
        var elapsed = deadline.Elapsed.TotalSeconds;
        log("checking what the writer left …");

        var mismatches = new List<string>();
        async Task<int> Count(string mark)
        {
            var json = await http.GetStringAsync("api/search?size=1&q=" + Uri.EscapeDataString($"\"{mark}\""));
            return JsonDocument.Parse(json).RootElement.GetProperty("total").GetInt32();
        }
        foreach (var mark in left.Keys) if (await Count(mark) is var c && c != 1) mismatches.Add($"{mark} left by the writer is found {c} times");
        foreach (var mark in deleted) if (await Count(mark) is var c && c != 0) mismatches.Add($"{mark} deleted by the writer is found {c} times");

        // Leave the service as it was.
        foreach (var id in left.Values)
        {
            using var del = new HttpRequestMessage(HttpMethod.Delete, "api/replies/" + id);
            del.Headers.Add("X-Api-Key", apiKey);
            using var _ = await http.SendAsync(del);
        }

        var sorted = latencies.ToList();
        sorted.Sort();
        double P(double p) => sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 2);
        return new LoadTestReport(clients, Math.Round(elapsed, 1), sorted.Count, serverErrors, failed, P(0.5), P(0.99), Math.Round(sorted.Count / elapsed, 1),
            uploads, deletes, writerErrors, left.Count, mismatches);
    }
}
