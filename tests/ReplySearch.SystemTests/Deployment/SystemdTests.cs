using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Deployment;

/// <summary>
/// Readiness and stop notification to systemd (Type=notify in deploy/replysearch.service), without systemd:
/// the service is started by a parent whose process name is "systemd" (a copy of /bin/sh), which is how the
/// hosting library recognises a systemd service, with NOTIFY_SOCKET naming a datagram socket the test reads.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class SystemdTests
{
    [Fact]
    public async Task The_service_tells_systemd_when_it_is_ready_and_when_it_stops()
    {
        using var dir = new TempDir();
        var parent = dir.Combine("systemd");
        File.Copy("/bin/sh", parent);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var socketPath = dir.Combine("notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));

        var psi = new ProcessStartInfo(parent) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        // Not the shell's last command, so the shell waits as the service's parent instead of becoming it.
        psi.ArgumentList.Add($"dotnet '{ServiceProcess.ApiDll}' --urls http://127.0.0.1:0; exit $?");
        psi.Environment.Remove("ASPNETCORE_URLS");
        psi.Environment["NOTIFY_SOCKET"] = socketPath;
        psi.Environment["ReplySearch__CorpusPath"] = Repo.Corpus;
        psi.Environment["ReplySearch__IndexPath"] = dir.Combine("index");
        using var shell = Process.Start(psi)!;
        var output = new StringBuilder();
        shell.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        shell.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        shell.BeginOutputReadLine();
        shell.BeginErrorReadLine();
        try
        {
            var ready = await Receive(notify, TimeSpan.FromSeconds(60));
            Assert.True(ready.Contains("READY=1"), $"{ready}\n{output}");

            // systemctl stop sends SIGTERM to the service itself.
            var service = int.Parse(File.ReadAllText($"/proc/{shell.Id}/task/{shell.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Single());
            using (var kill = Process.Start("kill", ["-TERM", service.ToString()])) await kill.WaitForExitAsync();
            var stopping = await Receive(notify, TimeSpan.FromSeconds(30));
            Assert.True(stopping.Contains("STOPPING=1"), $"{stopping}\n{output}");
            await shell.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, shell.ExitCode);
        }
        finally
        {
            if (!shell.HasExited)
            {
                shell.Kill(entireProcessTree: true);
                await shell.WaitForExitAsync();
            }
        }
    }

    private static async Task<string> Receive(Socket socket, TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
