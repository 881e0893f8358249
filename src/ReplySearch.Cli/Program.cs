using System.CommandLine;
using ReplySearch.Cli;
using Spectre.Console;

// Piped output is for scripts and logs: do not wrap it at an imaginary 80-column terminal.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;

var root = new RootCommand("ReplySearch: full-text search over Chinese replies to delegates' proposals (建议答复/提案答复).")
{
    IndexCommand.Create(),
    SearchCommand.Create(),
    ParseCommand.Create(),
    ShowCommand.Create(),
    HistoryCommand.Create(),
    DraftCommand.Create(),
    CommitmentsCommand.Create(),
    ExportCommand.Create(),
    EvalCommand.Create(),
    EvalHistoryCommand.Create(),
    GenerateCommand.Create(),
    BenchCommand.Create(),
    BackupCommand.Create(),
    KillTestCommand.Create(),
    LoadTestCommand.Create(),
};
return root.Parse(args).Invoke();
