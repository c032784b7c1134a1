using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Enrollment.Benchmarks -- --filter '*'   (results: docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(Enrollment.Benchmarks.HandlerBenchmarks).Assembly).Run(args);
