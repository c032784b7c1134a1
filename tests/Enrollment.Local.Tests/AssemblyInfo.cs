// The runner applies a function's environment to the process, as the Lambda runtime does, and redirects
// Console while a function runs: tests that invoke functions must not overlap.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
