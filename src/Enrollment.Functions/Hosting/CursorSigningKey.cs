using System.Text;
using Enrollment.Core.Admin;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The admin audit function's cursor secret: CURSOR_SIGNING_KEY, set by the template only on that function (resolved
/// from Secrets Manager at deploy time). Read when the audit service is first built; missing or shorter than 32 bytes
/// fails that function's cold start with a message naming the variable, never its value.
/// </summary>
public static class CursorSigningKey
{
    public const string Variable = "CURSOR_SIGNING_KEY";

    /// <param name="secret">The secret; null reads <see cref="Variable"/> from the process environment.</param>
    public static AuditCursorSigner Signer(string? secret = null)
    {
        secret ??= Environment.GetEnvironmentVariable(Variable);
        return secret is not null && Encoding.UTF8.GetByteCount(secret) >= AuditCursorSigner.MinSecretBytes
            ? AuditCursorSigner.FromText(secret)
            : throw new InvalidOperationException(
                $"{Variable} must hold a secret of at least {AuditCursorSigner.MinSecretBytes} bytes (the template resolves it from Secrets Manager).");
    }
}
