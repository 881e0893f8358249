using System.Diagnostics;

namespace ReplySearch.Tests.Support;

/// <summary>Runs the real replysearch CLI (the built assembly beside the tests) in its own process.</summary>
public static class CliProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>
    /// The CLI from its own build output: the copy beside the tests shares a folder with the web service,
    /// whose shared-framework assemblies are not the CLI's.
    /// </summary>
    private static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/<Configuration>/net10.0/
            return Path.Combine(Repo.Root, "src", "ReplySearch.Cli", "bin", configuration, "net10.0", "replysearch.dll");
        }
    }

    /// <summary>Starts the CLI without waiting (output discarded), for tests that kill it.</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    public static Run Invoke(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("replysearch " + string.Join(' ', args));
        }
        return new Run(p.ExitCode, stdout.Result, stderr.Result);
    }
}
