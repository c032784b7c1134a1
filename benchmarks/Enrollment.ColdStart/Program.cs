using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Enrollment.Core.Policy;
using Enrollment.Infrastructure.Configuration;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Local.Emulator;
using Enrollment.Local.Hosting;
using Enrollment.Local.Stack;
using Enrollment.Local.Template;

// Cold start, process start to first answer, through the local Runtime API (what `invoke` does), against moto:
// each function's bootstrap (native and managed builds) and the hello-world + PutItem baseline (both builds), one
// fresh process per run, medians. Results: docs/performance.md.
//
// dotnet run -c Release --project benchmarks/Enrollment.ColdStart -- --native PATH --managed PATH.dll
//     --baseline-native PATH --baseline-managed PATH.dll [--runs 8] [--functions A,B]
var options = Args(args);
var runs = int.Parse(options.GetValueOrDefault("runs", "8"), CultureInfo.InvariantCulture);
var repository = Repository();
var template = SamTemplate.Load(Path.Combine(repository, "template.yaml"));
var baselineTemplate = SamTemplate.Load(Path.Combine(AppContext.BaseDirectory, "baseline-template.yaml"));

// One event per function whose answer needs no signed-in user of the pool: each reads the tenant policy and writes
// its audit item or user state in DynamoDB, as a first request after idle does.
var events = new Dictionary<string, string>
{
    ["MeAssociateTotpFunction"] = "me-associate-denied-network.json",
    ["MeVerifyTotpFunction"] = "me-verify-bad-code.json",
    ["ChallengeAssociateTotpFunction"] = "challenge-associate-denied-network.json",
    ["ChallengeVerifyTotpFunction"] = "challenge-verify-bad-code.json",
    ["MeTotpStatusFunction"] = "me-totp-status-unknown-client.json",
    ["MeDisableTotpFunction"] = "me-disable-denied-network.json",
    ["MeRecoveryCodesFunction"] = "me-recovery-codes-stale-sign-in.json",
    ["RecoverTotpFunction"] = "recover-denied-network.json",
    ["AdminGetPolicyFunction"] = "admin-get-policy.json",
    ["AdminPutPolicyFunction"] = "admin-put-policy-missing-if-match.json",
    ["AdminAuditQueryFunction"] = "admin-audit-query.json",
    ["AdminResetTotpFunction"] = "admin-reset-other-tenant.json",
    ["DefineAuthChallengeFunction"] = "trigger-define-after-password-enrolled.json",
    ["CreateAuthChallengeFunction"] = "trigger-create-recovery-code.json",
    ["VerifyAuthChallengeFunction"] = "trigger-verify-wrong-answer.json",
    ["PreTokenGenerationFunction"] = "trigger-pretoken-enrolled.json",
};
if (options.TryGetValue("functions", out var only))
    events = events.Where(e => only.Split(',').Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);

await using var moto = await MotoServerProcess.StartAsync(MotoServerProcess.FindExecutable() ?? throw new InvalidOperationException("moto_server missing"),
    LoopbackPort.Free(), TimeSpan.FromSeconds(30), CancellationToken.None);
var endpoint = moto.Endpoint.ToString().TrimEnd('/');
using var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
var tables = new TableProvisioner(dynamo);
foreach (var table in template.Tables.Values) await tables.CreateAsync(table, CancellationToken.None);
await dynamo.CreateTableAsync(new CreateTableRequest
{
    TableName = "baseline",
    BillingMode = BillingMode.PAY_PER_REQUEST,
    AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
    KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
});
var tenantsTable = template.Functions.Values.First().Environment[EnrollmentSettings.TenantsTableVariable];
var store = new DynamoDbTenantPolicyStore(dynamo, tenantsTable);
foreach (var tenant in TenantPolicyDocument.ParseMany(await File.ReadAllTextAsync(Path.Combine(repository, "events", "tenants.sample.json"))))
    await store.PutAsync(tenant, null, CancellationToken.None);

var environment = EnvVarsFile.FromParameters(new Dictionary<string, string>
{
    ["AWS_ENDPOINT_URL"] = endpoint, ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test",
    ["CURSOR_SIGNING_KEY"] = "cold-start-cursor-signing-key-of-at-least-32-bytes", ["USER_POOL_ID"] = "us-east-1_coldstart",
}, "coldstart");

var builds = new List<(string Name, BootstrapArtifact Artifact, SamTemplate Template, IReadOnlyDictionary<string, string> Events)>();
void Add(string key, string name, SamTemplate t, IReadOnlyDictionary<string, string> e)
{
    if (options.TryGetValue(key, out var path)) builds.Add((name, BootstrapArtifact.FromPath(path), t, e));
}
var baselineEvent = new Dictionary<string, string> { ["BaselineFunction"] = "me-associate.json" };
Add("baseline-managed", "baseline managed", baselineTemplate, baselineEvent);
Add("baseline-native", "baseline native", baselineTemplate, baselineEvent);
Add("managed", "managed", template, events);
Add("native", "native", template, events);

Console.WriteLine($"| function | build | event | status | first answer (median, min-max) | init | peak memory | warm CPU per request |");
Console.WriteLine("|---|---|---|---|---:|---:|---:|---:|");
foreach (var (function, _) in events.Prepend(new("BaselineFunction", "")))
{
    foreach (var build in builds.Where(b => b.Events.ContainsKey(function)))
    {
        var payload = await File.ReadAllBytesAsync(Path.Combine(repository, "events", build.Events[function]));
        await MeasureAsync(build.Template, function, build.Artifact, payload, environment); // warms moto for this path, discarded
        var samples = new List<(double Total, double Init, long Memory, string Status)>();
        for (var i = 0; i < runs; i++) samples.Add(await MeasureAsync(build.Template, function, build.Artifact, payload, environment));
        var totals = samples.Select(s => s.Total).Order().ToList();
        var warmCpu = await WarmCpuAsync(build.Template, function, build.Artifact, payload, environment);
        Console.WriteLine($"| {function} | {build.Name} | {build.Events[function]} | {samples[0].Status} | {Median(totals):0} ms ({totals[0]:0}-{totals[^1]:0}) | " +
            $"{Median(samples.Select(s => s.Init).Order().ToList()):0} ms | {Median(samples.Select(s => (double)s.Memory).Order().ToList()):0} MiB | {warmCpu:0.00} ms |");
    }
}
return 0;

static async Task<(double Total, double Init, long Memory, string Status)> MeasureAsync(SamTemplate template, string function, BootstrapArtifact artifact, byte[] payload, EnvVarsFile environment)
{
    await using var host = await RuntimeApiFunctionHost.StartAsync(template, function, artifact,
        new FunctionHostOptions { EnvVars = environment, Log = TextWriter.Null, RedirectConsoleToLog = true, Timeout = TimeSpan.FromSeconds(30) });
    var clock = Stopwatch.StartNew();
    var result = await host.InvokeAsync(payload);
    var total = clock.Elapsed.TotalMilliseconds;
    var memory = host.PeakMemoryMb();
    var status = result.IsError ? "error " + result.ErrorType : StatusOf(result.PayloadText);
    return (total, result.InitDuration?.TotalMilliseconds ?? 0, memory, status);
}

// The process's own CPU (user + system, from /proc) per warm request, after 200 requests of warm-up (the managed
// build's tiered JIT has settled): what the function itself spends, excluding moto and the runner.
static async Task<double> WarmCpuAsync(SamTemplate template, string function, BootstrapArtifact artifact, byte[] payload, EnvVarsFile environment)
{
    await using var host = await RuntimeApiFunctionHost.StartAsync(template, function, artifact,
        new FunctionHostOptions { EnvVars = environment, Log = TextWriter.Null, RedirectConsoleToLog = true, Timeout = TimeSpan.FromSeconds(30) });
    for (var i = 0; i < 200; i++) await host.InvokeAsync(payload);
    const int measured = 300;
    var before = host.ProcessorTime()!.Value;
    for (var i = 0; i < measured; i++) await host.InvokeAsync(payload);
    return (host.ProcessorTime()!.Value - before).TotalMilliseconds / measured;
}

static string StatusOf(string payload)
{
    using var document = System.Text.Json.JsonDocument.Parse(payload);
    return document.RootElement.TryGetProperty("statusCode", out var code) ? code.GetInt32().ToString(CultureInfo.InvariantCulture)
        : document.RootElement.TryGetProperty("response", out _) ? "answered" : "ok";
}

static double Median(List<double> sorted) => sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

static Dictionary<string, string> Args(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2) result[args[i].TrimStart('-')] = args[i + 1];
    return result;
}

static string Repository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Enrollment.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository.");
}
