using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Hackle.Benchmarks -- --filter '*'            (full run)
// dotnet run -c Release --project bench/Hackle.Benchmarks -- --filter '*' --job dry  (CI smoke run)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
