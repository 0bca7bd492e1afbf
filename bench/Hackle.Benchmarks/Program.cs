using BenchmarkDotNet.Running;
using Hackle.Benchmarks;

// dotnet run -c Release --project bench/Hackle.Benchmarks -- --filter '*'                        (full run)
// dotnet run -c Release --project bench/Hackle.Benchmarks -- --filter '*' --job dry --inProcess  (CI smoke run)
// Whole-process startup (issue 14 part 4), timed from outside:
//   Hackle.Benchmarks first-decision <config.json>   loads the config, makes one decision, exits
//   Hackle.Benchmarks write-large-config <path>      writes the 1,000 + 1,000 config
// Whole-process delivery (issue 18): decisions with exposures delivered to an event server in another process:
//   Hackle.Benchmarks deliver-exposures <delivered|discarded|backlog> <count> [batch size] [settle|nosettle]
if (args is ["first-decision", var configPath]) return await FirstDecision.RunAsync(configPath);
if (args is ["deliver-exposures", var deliveryMode, var decisionCount, ..]) return await DeliveryProcess.RunAsync(deliveryMode, long.Parse(decisionCount), args.Length > 3 ? int.Parse(args[3]) : 100, settleJit: args.Length <= 4 || args[4] != "nosettle");
if (args is ["event-server", var answerDelay]) return await DeliveryProcess.ServeAsync(int.Parse(answerDelay));
if (args is ["write-large-config", var largePath])
{
    File.WriteAllText(largePath, BenchmarkConfigs.Large());
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// A benchmark that threw or failed validation fails the run, so CI notices a broken benchmark.
var failed = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)).Select(s => s.Title).ToList();
foreach (var title in failed) Console.Error.WriteLine("Benchmark run failed: " + title);
return failed.Count == 0 ? 0 : 1;
