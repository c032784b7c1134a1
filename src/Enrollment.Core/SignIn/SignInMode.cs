namespace Enrollment.Core.SignIn;

/// <summary>
/// What the app asked for, read from <c>clientMetadata</c>. Cognito passes ClientMetadata to the challenge
/// triggers only from RespondToAuthChallenge, so the app sends it with its PASSWORD_VERIFIER answer.
/// </summary>
public enum SignInMode
{
    Normal,
    Recovery,
}

public static class SignInModes
{
    /// <summary>The clientMetadata key; its value <see cref="RecoveryValue"/> asks for a recovery sign-in.</summary>
    public const string MetadataKey = "signInMode";
    public const string RecoveryValue = "recovery";

    public static SignInMode FromClientMetadata(IReadOnlyDictionary<string, string>? clientMetadata) =>
        clientMetadata is not null
        && clientMetadata.TryGetValue(MetadataKey, out var value)
        && string.Equals(value?.Trim(), RecoveryValue, StringComparison.OrdinalIgnoreCase)
            ? SignInMode.Recovery
            : SignInMode.Normal;
}
