using System.Text;
using Enrollment.Core.Recovery;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The recovery codes' pepper: RECOVERY_CODE_PEPPER, set by the template only on the functions that issue or check
/// codes (resolved from Secrets Manager at deploy time, like CURSOR_SIGNING_KEY; `up` generates one). Read on the first
/// hash, so a function that never hashes never needs it; missing or shorter than 32 bytes fails that call with a
/// message naming the variable, never its value.
/// </summary>
public static class RecoveryCodePepper
{
    public const string Variable = "RECOVERY_CODE_PEPPER";

    /// <param name="secret">The secret; null reads <see cref="Variable"/> from the process environment when first needed.</param>
    public static RecoveryCodeHasher Hasher(string? secret = null) => new(() =>
    {
        var text = secret ?? Environment.GetEnvironmentVariable(Variable);
        return text is not null && Encoding.UTF8.GetByteCount(text) >= RecoveryCodeHasher.MinPepperBytes
            ? Encoding.UTF8.GetBytes(text)
            : throw new InvalidOperationException(
                $"{Variable} must hold a secret of at least {RecoveryCodeHasher.MinPepperBytes} bytes (the template resolves it from Secrets Manager).");
    });
}
