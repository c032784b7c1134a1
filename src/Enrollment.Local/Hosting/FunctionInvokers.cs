using Enrollment.Local.Template;

namespace Enrollment.Local.Hosting;

/// <summary>
/// Picks how each function runs for <c>--runtime</c> and <c>--bootstrap</c>, builds the bootstrap once when one is
/// needed (saying which build and why), and starts one invoker per function.
/// </summary>
public sealed class FunctionInvokers(RuntimeMode mode, string? bootstrapPath, TextWriter progress)
{
    /// <summary>Default of <c>--bootstrap</c>: a bootstrap already built (CI and tests set it to skip the build).</summary>
    public const string BootstrapVariable = "ENROLLMENT_BOOTSTRAP";

    private BootstrapArtifact? _artifact;

    public static bool IsCustomRuntime(SamFunction function) => function.Runtime?.StartsWith("provided", StringComparison.Ordinal) == true;

    public bool UsesRuntimeApi(SamFunction function) => mode switch
    {
        RuntimeMode.InProcess => false,
        RuntimeMode.Auto => IsCustomRuntime(function),
        _ => true,
    };

    public async Task<IFunctionInvoker> StartAsync(SamTemplate template, string functionLogicalId, FunctionHostOptions options, CancellationToken cancellationToken)
    {
        var function = FunctionHost.Find(template, functionLogicalId);
        if (!UsesRuntimeApi(function)) return FunctionHost.Start(template, functionLogicalId, options);
        var artifact = await ArtifactAsync(template.Directory, cancellationToken).ConfigureAwait(false);
        return await RuntimeApiFunctionHost.StartAsync(template, functionLogicalId, artifact, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bootstrap every function of this run shares: given, or built for the mode (native if possible under auto).</summary>
    public async Task<BootstrapArtifact> ArtifactAsync(string repositoryDirectory, CancellationToken cancellationToken)
    {
        if (_artifact is not null) return _artifact;
        var given = bootstrapPath ?? Environment.GetEnvironmentVariable(BootstrapVariable);
        if (!string.IsNullOrEmpty(given))
        {
            _artifact = BootstrapArtifact.FromPath(given);
            if (mode == RuntimeMode.Native && !_artifact.IsNative)
                throw new HandlerResolutionException($"--runtime native, but {_artifact.Path} is the managed build.");
            return _artifact;
        }
        var missing = NativeToolchain.Missing();
        var native = mode switch
        {
            RuntimeMode.Native when missing is not null => throw new HandlerResolutionException($"--runtime native: {missing}."),
            RuntimeMode.Native => true,
            RuntimeMode.Managed => false,
            _ => missing is null,
        };
        if (!native && mode == RuntimeMode.Auto)
            await progress.WriteLineAsync($"  note: {missing}: running the managed build of the same bootstrap through the Runtime API instead (--runtime in-process skips the build)").ConfigureAwait(false);
        var builder = new BootstrapBuilder(repositoryDirectory, progress);
        await progress.WriteLineAsync(native
            ? $"  building bootstrap with Native AOT for {NativeToolchain.HostRid} (the first build takes a few minutes)"
            : "  building bootstrap (managed)").ConfigureAwait(false);
        _artifact = await builder.BuildAsync(native, cancellationToken).ConfigureAwait(false);
        return _artifact;
    }
}
