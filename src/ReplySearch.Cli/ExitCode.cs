namespace ReplySearch.Cli;

/// <summary>What the command's exit status means; scripts rely on the numbers, so they never change.</summary>
internal enum ExitCode
{
    /// <summary>Done.</summary>
    Ok = 0,

    /// <summary>Ran, but the answer is no: a file is not a reply, an id is unknown, a harness is below its targets.</summary>
    Failed = 1,

    /// <summary>Could not run as asked: a bad option, a missing or locked index, an unreadable input.</summary>
    Usage = 2,

    /// <summary>A search ran past its time limit.</summary>
    Timeout = 3,
}

/// <summary>The errors several verbs report alike.</summary>
internal static class Errors
{
    /// <summary>An index was asked for where there is none: says how to build one, and exits as a usage error.</summary>
    public static int NoIndex(DirectoryInfo dir)
    {
        Console.Error.WriteLine($"error: no index at {dir}; run 'replysearch index --corpus DIR --index {dir}' first");
        return (int)ExitCode.Usage;
    }
}
