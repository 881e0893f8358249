using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReplySearch.Tests.Support;

/// <summary>
/// Debian's nginx running the example configuration deploy/nginx.conf, on a free loopback port and in a
/// temporary prefix, in front of a service on another port: only the two addresses of the file are replaced.
/// In the foreground (daemon off), so that disposing stops it, workers included.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly TempDir _dir = new();

    public Uri BaseUri { get; }

    private NginxProcess(Uri upstream)
    {
        var port = ServiceProcess.FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        var site = File.ReadAllText(Path.Combine(Repo.Root, "deploy", "nginx.conf"));
        Assert.Contains("listen 80;", site);
        Assert.Contains("http://127.0.0.1:5080", site);
        site = site.Replace("listen 80;", $"listen 127.0.0.1:{port};").Replace("http://127.0.0.1:5080", upstream.ToString().TrimEnd('/'));
        File.WriteAllText(_dir.Combine("site.conf"), site);
        var temp = string.Join("\n", new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"  {t}_temp_path {_dir.Combine(t)};"));
        // As root the workers would run as nobody, who cannot write the temporary prefix.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        File.WriteAllText(_dir.Combine("nginx.conf"), $"""
            {user}worker_processes 1;
            pid {_dir.Combine("nginx.pid")};
            error_log {_dir.Combine("error.log")} warn;
            events {"{"} worker_connections 128; {"}"}
            http {"{"}
              access_log off;
            {temp}
              include {_dir.Combine("site.conf")};
            {"}"}
            """);
        var psi = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-p", _dir.Path, "-c", _dir.Combine("nginx.conf"), "-g", "daemon off;" }) psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
    }

    public string ErrorLog => File.Exists(_dir.Combine("error.log")) ? File.ReadAllText(_dir.Combine("error.log")) : "";

    /// <summary>Starts nginx in front of the upstream and waits until it accepts connections; stopped again on failure.</summary>
    public static async Task<NginxProcess> StartAsync(Uri upstream)
    {
        if (!File.Exists(Binary)) throw new FileNotFoundException($"nginx not found at {Binary}: apt-get install -y nginx (.ci/run does)", Binary);
        var nginx = new NginxProcess(upstream);
        try
        {
            for (var i = 0; ; i++)
            {
                if (nginx._process.HasExited) throw new InvalidOperationException($"nginx exited ({nginx._process.ExitCode}): {await nginx._process.StandardError.ReadToEndAsync()} {nginx.ErrorLog}");
                try
                {
                    using var tcp = new TcpClient();
                    await tcp.ConnectAsync(IPAddress.Loopback, nginx.BaseUri.Port);
                    return nginx;
                }
                catch (SocketException) when (i < 100)
                {
                    await Task.Delay(100);
                }
            }
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }
    }


    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _dir.Dispose();
    }
}
