using Enrollment.Bootstrap;
using Enrollment.Bootstrap.Runtime;

// The provided.al2023 entry point: one executable for every function; _HANDLER picks which one this process runs.
using var api = LambdaRuntimeApiClient.FromEnvironment();
var handler = Environment.GetEnvironmentVariable(FunctionTable.HandlerVariable);
return await new LambdaRuntimeLoop(api, Console.Error).RunAsync(() => FunctionTable.Resolve(handler)(), CancellationToken.None);
