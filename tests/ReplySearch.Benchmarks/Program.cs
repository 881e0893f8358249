using BenchmarkDotNet.Running;

// In-process: BenchmarkDotNet otherwise generates, restores and builds a project per benchmark.
string[] arguments = args.Contains("--inProcess") ? args : [.. args, "--inProcess"];
var summaries = BenchmarkSwitcher.FromAssembly(typeof(ReplySearch.Benchmarks.Corpus).Assembly).Run(arguments).ToList();
// A benchmark that threw (in its setup or its body) fails the run, so that CI notices.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
