using System.Text.Json;

namespace Enrollment.Local.Stack;

/// <summary>
/// The stack file of api.md ("Local stack"): where the running local stack is, for scripts, tests and the mobile
/// app's debug build. The first seven members are the contract; the rest are additions (api.md allows adding).
/// `up` writes it once the API serves and removes it when it stops, so its presence means "running".
/// </summary>
public sealed record StackFile
{
    public const string DefaultPath = ".local/stack.json";

    public required string ApiUrl { get; init; }
    public required string Region { get; init; }
    public required StackEndpoints Endpoints { get; init; }
    public required string UserPoolId { get; init; }

    /// <summary>audit, tenants, userState: named after the functions' <c>*_TABLE_NAME</c> variables.</summary>
    public required Dictionary<string, string> Tables { get; init; }

    public required List<StackTenant> Tenants { get; init; }
    public required List<StackDemoUser> DemoUsers { get; init; }

    /// <summary>OPTIONAL or ON.</summary>
    public string? PoolMfa { get; init; }

    /// <summary>The issuer the emulated JWT authorizer requires (the token's <c>iss</c>, a Cognito URL).</summary>
    public string? Issuer { get; init; }

    /// <summary>Where the authorizer fetches the signing keys (the emulator, not the issuer host).</summary>
    public string? JwksUrl { get; init; }

    /// <summary>The `up` process; SIGTERM or Ctrl-C stops the whole stack.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The emulator process `up` started (and kills when it stops).</summary>
    public int? EmulatorPid { get; init; }

    /// <summary>The local functions' recovery code pepper, so `invoke --stack-file` checks codes as the running stack does (local only, like the demo passwords).</summary>
    public string? RecoveryCodePepper { get; init; }

    public static StackFile Read(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), StackFileJsonContext.Default.StackFile)
        ?? throw new InvalidDataException($"{path} is not a stack file.");

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public void Write(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, StackFileJsonContext.Default.StackFile) + Environment.NewLine);
        File.Move(temporary, full, overwrite: true);
    }
}
