using Enrollment.Core.Admin;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// What only some admin functions need, from the environment the template sets on them: the cursor signing secret
/// (audit function) and the user pool (reset function). A missing value fails that function's cold start, with a
/// message naming the variable, never a request.
/// </summary>
public sealed record AdminFunctionSettings(string? CursorSigningKey, string? UserPoolId)
{
    public const string CursorSigningKeyVariable = "CURSOR_SIGNING_KEY";
    public const string UserPoolIdVariable = "USER_POOL_ID";

    public static AdminFunctionSettings None { get; } = new(null, null);

    /// <param name="environment">The variables; null reads the process environment (tests pass their own).</param>
    public static AdminFunctionSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        var read = environment ?? Environment.GetEnvironmentVariable;
        return new(NullIfEmpty(read(CursorSigningKeyVariable)), NullIfEmpty(read(UserPoolIdVariable)));
    }

    public AuditCursorSigner CursorSigner() =>
        CursorSigningKey is { } key && System.Text.Encoding.UTF8.GetByteCount(key) >= AuditCursorSigner.MinSecretBytes
            ? AuditCursorSigner.FromText(key)
            : throw new InvalidOperationException(
                $"{CursorSigningKeyVariable} must hold a secret of at least {AuditCursorSigner.MinSecretBytes} bytes (the template resolves it from Secrets Manager).");

    public string RequiredUserPoolId() =>
        UserPoolId ?? throw new InvalidOperationException($"{UserPoolIdVariable} must name the user pool for the admin reset function.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
