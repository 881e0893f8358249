using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

/// <summary>One client's view during a phase of the adversarial test: medians of its ordinary searches and health checks.</summary>
public sealed record PhaseReport(string Phase, int Searches, double SearchP50Ms, int HealthChecks, double HealthP50Ms);

public sealed record AdversarialReport(
    int Attackers, double Seconds, PhaseReport Idle, PhaseReport UnderAttack, double SearchSlowdown, double HealthSlowdown,
    long AttackServed, long AttackRefused, long ServerErrors, double MaxSlowdown)
{
    public bool Passed => ServerErrors == 0 && SearchSlowdown <= MaxSlowdown && HealthSlowdown <= MaxSlowdown;
}

/// <summary>
/// One client that searches the ordinary way and checks /health, first alone, then while attackers from
/// another address (127.0.0.2: a different client to the service's limits) send the most expensive
/// queries the query language allows (32 OR-ed long numbers, new each time) as fast as they can. The
/// ordinary client's medians may grow at most <see cref="MaxSlowdown"/>-fold. Loopback only; bounded in
/// attackers and time.
/// </summary>
public static class AdversarialLoadTest
{
    public const double MaxSlowdown = 3;
    public static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");

    public static async Task<AdversarialReport> Run(Uri url, int attackers, double seconds, IReadOnlyList<string> queries, Action<string> log)
    {
        if (!url.IsLoopback) throw new ArgumentException($"load tests aim only at this machine (loopback); {url.Host} is not", nameof(url));
        // The attackers' address must differ from the ordinary client's, and both must reach the service: IPv4 loopback.
        url = new UriBuilder(url) { Host = "127.0.0.1" }.Uri;
        attackers = Math.Clamp(attackers, 1, LoadTest.MaxClients);
        seconds = Math.Clamp(seconds, 1, LoadTest.MaxSeconds);
        using var ordinary = Client(url, IPAddress.Loopback, 2);
        using var hostile = Client(url, Attacker, attackers);

        log($"idle: one ordinary client for {seconds} s …");
        var (idle, idleErrors) = await Ordinary(ordinary, "idle", seconds, queries);

        log($"under attack: {attackers} attackers from {Attacker} for {seconds} s …");
        long served = 0, refused = 0, errors = 0;
        using var stop = new CancellationTokenSource();
        var attack = Enumerable.Range(0, attackers).Select(a => Task.Run(async () =>
        {
            var random = new Random(a);
            while (!stop.IsCancellationRequested)
            {
                var q = string.Join(" OR ", Enumerable.Range(0, 32).Select(_ => string.Concat(Enumerable.Range(0, 26).Select(_ => (char)('0' + random.Next(10))))));
                try
                {
                    using var response = await hostile.GetAsync("api/search?q=" + Uri.EscapeDataString(q), stop.Token);
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref served);
                    else if (response.StatusCode == HttpStatusCode.TooManyRequests) Interlocked.Increment(ref refused);
                    else if ((int)response.StatusCode >= 500) Interlocked.Increment(ref errors);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                }
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the attack under way before measuring
        var (underAttack, attackErrors) = await Ordinary(ordinary, "under attack", seconds, queries);
        stop.Cancel();
        await Task.WhenAll(attack);

        static double Ratio(double a, double b) => b <= 0 ? 0 : Math.Round(a / b, 2);
        return new AdversarialReport(attackers, seconds, idle, underAttack,
            Ratio(underAttack.SearchP50Ms, idle.SearchP50Ms), Ratio(underAttack.HealthP50Ms, idle.HealthP50Ms),
            served, refused, errors + idleErrors + attackErrors, MaxSlowdown);
    }

    private static async Task<(PhaseReport Report, long ServerErrors)> Ordinary(HttpClient http, string phase, double seconds, IReadOnlyList<string> queries)
    {
        var searches = new List<double>();
        var health = new List<double>();
        long errors = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed.TotalSeconds < seconds; i++)
        {
            var path = i % 2 == 0 ? "api/search?q=" + Uri.EscapeDataString(queries[i / 2 % queries.Count]) : "health";
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode >= 500) errors++;
            if (response.StatusCode != HttpStatusCode.OK) continue;
            (i % 2 == 0 ? searches : health).Add(sw.Elapsed.TotalMilliseconds);
            // An ordinary user pauses between searches; this one briefly, to take many samples.
            await Task.Delay(10);
        }
        return (new PhaseReport(phase, searches.Count, Median(searches), health.Count, Median(health)), errors);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return Math.Round(sorted[sorted.Count / 2], 2);
    }

    /// <summary>An HTTP client whose connections leave from the given loopback address.</summary>
    private static HttpClient Client(Uri url, IPAddress source, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        ConnectCallback = async (context, cancel) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
}
