using System.Text;
using System.Text.Json.Nodes;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Triggers;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Triggers;

/// <summary>The four trigger functions on a <see cref="SignInWorld"/>, built as production builds them, and the log they write.</summary>
public sealed class TriggerFunctions
{
    public TriggerFunctions()
    {
        var root = new ServiceRoot(TestRoots.Ports(World), TestRoots.Settings(), World.Time, new FunctionLog(Log));
        Define = new DefineAuthChallengeFunction(root);
        Create = new CreateAuthChallengeFunction(root);
        Verify = new VerifyAuthChallengeFunction(root);
        PreToken = new PreTokenGenerationFunction(root);
    }

    public SignInWorld World { get; } = new();
    public StringWriter Log { get; } = new();
    public DefineAuthChallengeFunction Define { get; }
    public CreateAuthChallengeFunction Create { get; }
    public VerifyAuthChallengeFunction Verify { get; }
    public PreTokenGenerationFunction PreToken { get; }

    /// <summary>The handler the template names for a triggerSource.</summary>
    public Func<Stream, Task<Stream>> ForTriggerSource(string triggerSource) => triggerSource switch
    {
        DefineAuthChallengeFunction.TriggerSource => Define.Handle,
        CreateAuthChallengeFunction.TriggerSource => Create.Handle,
        VerifyAuthChallengeFunction.TriggerSource => Verify.Handle,
        _ when triggerSource.StartsWith(PreTokenGenerationFunction.TriggerSourcePrefix, StringComparison.Ordinal) => PreToken.Handle,
        _ => throw new ArgumentException($"no function for {triggerSource}"),
    };

    public static async Task<JsonObject> InvokeAsync(Func<Stream, Task<Stream>> handler, string eventJson)
    {
        using var output = await handler(new MemoryStream(Encoding.UTF8.GetBytes(eventJson)));
        using var reader = new StreamReader(output);
        return JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
    }

    public Task<JsonObject> InvokeAsync(JsonObject triggerEvent) =>
        InvokeAsync(ForTriggerSource((string)triggerEvent["triggerSource"]!), triggerEvent.ToJsonString());
}

/// <summary>The repository's files (events/, docs/), found from the test binaries upward.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Enrollment.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Enrollment.sln) was not found above the test binaries.");
    }
}
