namespace ReplySearch.Tests.Support;

/// <summary>Paths in the repository, found from the test binaries upwards.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "corpus");

    /// <summary>The corpus's reply files (not its README), in ordinal order.</summary>
    public static IReadOnlyList<string> ReplyFiles { get; } =
        Directory.EnumerateFiles(Corpus).Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    public static string Seed => Path.Combine(Corpus, "000_692654a2db3241dc.txt");

    public static string Cases => Path.Combine(Root, "tests", "ReplySearch.Tests", "Cases");

    /// <summary>Files in each format the readers take (tests/ReplySearch.Tests/Fixtures/formats).</summary>
    public static string FormatFixtures => Path.Combine(Root, "tests", "ReplySearch.Tests", "Fixtures", "formats");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReplySearch.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ReplySearch.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder that is removed with the test.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "replysearch-tests", Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
