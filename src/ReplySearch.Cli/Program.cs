using System.CommandLine;
using ReplySearch.Cli;

var root = new RootCommand("ReplySearch: full-text search over Chinese replies to delegates' proposals (建议答复/提案答复).")
{
    IndexCommand.Create(),
    SearchCommand.Create(),
    ParseCommand.Create(),
    ShowCommand.Create(),
};
return root.Parse(args).Invoke();
