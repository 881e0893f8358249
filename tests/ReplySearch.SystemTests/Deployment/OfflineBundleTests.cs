using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests.Deployment;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishCollection
{
    public const string Name = "publish (alone: it builds in Release)";
}

/// <summary>
/// The offline bundle of docs/deploy.md (issue #20): a self-contained linux-x64 publish that carries its
/// lexicon, page, settings and an empty archive folder, and runs with no .NET on the machine's path.
/// </summary>
[Collection(PublishCollection.Name)]
public class OfflineBundleTests
{
    [Fact]
    public async Task The_self_contained_bundle_runs_without_dotnet_and_indexes_its_corpus_folder()
    {
        using var dir = new TempDir();
        var bundle = dir.Combine("replysearch-linux-x64");
        var publish = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "publish", Path.Combine(Repo.Root, "src", "ReplySearch.Api"), "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", bundle, "--nologo" }) publish.ArgumentList.Add(a);
        using (var p = Process.Start(publish)!)
        {
            var output = p.StandardOutput.ReadToEndAsync();
            var errors = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(p.ExitCode == 0, await output + await errors);
        }
        foreach (var part in new[] { "ReplySearch.Api", "lexicon.txt", "appsettings.json", "wwwroot/index.html", "wwwroot/app.js", "corpus/README.txt" })
            Assert.True(File.Exists(Path.Combine(bundle, part)), $"the bundle lacks {part}");
        Assert.Single(Directory.GetFiles(Path.Combine(bundle, "corpus"))); // empty but for its README

        // First start with an archive dropped into the bundle's corpus folder.
        var replies = Directory.GetFiles(Repo.Corpus, "*.txt").Take(5).ToList();
        foreach (var f in replies) File.Copy(f, Path.Combine(bundle, "corpus", Path.GetFileName(f)));
        var port = ServiceProcess.FreePort();
        var run = new ProcessStartInfo(Path.Combine(bundle, "ReplySearch.Api")) { UseShellExecute = false, WorkingDirectory = bundle, RedirectStandardOutput = true, RedirectStandardError = true };
        run.Environment.Clear(); // no DOTNET_ROOT, no dotnet on the path: the bundle brings its runtime
        run.Environment["PATH"] = "/bin";
        run.Environment["HOME"] = dir.Path;
        run.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var service = Process.Start(run)!;
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await Health.WaitUntilHealthy(client, exited: () => service.HasExited, log: () => "");
            var health = JsonDocument.Parse(await client.GetStringAsync("health")).RootElement;
            Assert.Equal(replies.Count, health.GetProperty("replies").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("")).StatusCode);
            Assert.True(Directory.Exists(Path.Combine(bundle, "data", "index")), "the index is kept inside the bundle by default");
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
    }

}
