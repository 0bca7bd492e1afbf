using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Hackle.Benchmarks -- --filter '*'                        (full run)
// dotnet run -c Release --project bench/Hackle.Benchmarks -- --filter '*' --job dry --inProcess  (CI smoke run)
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// A benchmark that threw or failed validation fails the run, so CI notices a broken benchmark.
var failed = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)).Select(s => s.Title).ToList();
foreach (var title in failed) Console.Error.WriteLine("Benchmark run failed: " + title);
return failed.Count == 0 ? 0 : 1;
