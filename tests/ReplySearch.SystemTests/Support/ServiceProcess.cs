using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReplySearch.Tests.Support;

/// <summary>How the service is told its address, each the standard ASP.NET Core way.</summary>
public enum AddressSetting
{
    /// <summary>--urls on the command line.</summary>
    CommandLine,

    /// <summary>ASPNETCORE_URLS in the environment.</summary>
    Environment,

    /// <summary>Kestrel__Endpoints__Http__Url in the environment (the Kestrel:Endpoints section).</summary>
    KestrelEndpoint,
}

/// <summary>
/// The real service, started the way an operator starts it (its own process, Kestrel on a free loopback
/// port), over a corpus folder and a fresh index folder.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDir _dir = new();

    public Uri BaseUri { get; }

    public string Log { get { lock (_log) return _log.ToString(); } }

    private readonly System.Text.StringBuilder _log = new();

    private ServiceProcess(string corpus, IDictionary<string, string>? settings, AddressSetting address)
    {
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        var dll = ApiDll;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        var url = BaseUri.ToString().TrimEnd('/');
        // The test process may itself run with an address in its environment: the child gets only the one asked for.
        psi.Environment.Remove("ASPNETCORE_URLS");
        switch (address)
        {
            case AddressSetting.CommandLine:
                psi.ArgumentList.Add("--urls");
                psi.ArgumentList.Add(url);
                break;
            case AddressSetting.Environment:
                psi.Environment["ASPNETCORE_URLS"] = url;
                break;
            case AddressSetting.KestrelEndpoint:
                psi.Environment["Kestrel__Endpoints__Http__Url"] = url;
                break;
        }
        psi.Environment["ReplySearch__CorpusPath"] = corpus;
        psi.Environment["ReplySearch__IndexPath"] = _dir.Combine("index");
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The service's program, built in the tests' configuration.</summary>
    public static string ApiDll =>
        Path.Combine(Repo.Root, "src", "ReplySearch.Api", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "ReplySearch.Api.dll");

    /// <summary>The process id, for checks that nothing is left running.</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the service and waits until it is healthy; on any failure it is stopped before the exception leaves.</summary>
    public static async Task<ServiceProcess> StartAsync(string corpus, IDictionary<string, string>? settings = null, AddressSetting address = AddressSetting.CommandLine)
    {
        var service = new ServiceProcess(corpus, settings, address);
        try
        {
            using var http = new HttpClient { BaseAddress = service.BaseUri, Timeout = TimeSpan.FromSeconds(5) };
            await Health.WaitUntilHealthy(http, exited: () => service._process.HasExited, log: () => service.Log);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>A loopback port free at the moment of asking (the services and proxies of the tests take their own).</summary>
    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
