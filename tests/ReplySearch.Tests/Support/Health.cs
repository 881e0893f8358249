using System.Text.Json;

namespace ReplySearch.Tests.Support;

/// <summary>The one wait for a service to be ready, for in-process hosts and service processes alike.</summary>
public static class Health
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Polls GET /health until it answers 200 with status "ok". Fails loudly, never hands back an unready
    /// client: at once when the index failed to open or the process exited, otherwise at the timeout, each
    /// time with the last answer and the tail of the service's log when there is one.
    /// </summary>
    public static async Task WaitUntilHealthy(HttpClient client, TimeSpan? timeout = null, Func<bool>? exited = null, Func<string>? log = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (exited?.Invoke() == true) throw new InvalidOperationException($"the service exited before it was healthy; last answer: {last}{Tail(log)}");
            string? status = null;
            try
            {
                using var response = await client.GetAsync("health");
                var body = await response.Content.ReadAsStringAsync();
                last = $"{(int)response.StatusCode} {body}";
                status = Status(body);
                if (response.IsSuccessStatusCode && status == "ok") return;
            }
            catch (HttpRequestException e)
            {
                last = e.Message; // not listening yet
            }
            catch (TaskCanceledException)
            {
                last = "no answer within the client's timeout";
            }
            if (status == "failed") throw new InvalidOperationException($"the index could not be opened: {last}{Tail(log)}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"/health was not ok within {limit.TotalSeconds:F0} s; last answer: {last}{Tail(log)}");
    }

    private static string? Status(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Tail(Func<string>? log)
    {
        var text = log?.Invoke();
        return string.IsNullOrEmpty(text) ? "" : "\nservice log (tail):\n" + (text.Length > 4000 ? text[^4000..] : text);
    }
}
