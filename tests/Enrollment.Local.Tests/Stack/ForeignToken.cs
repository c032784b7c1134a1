namespace Enrollment.Local.Tests.Stack;

/// <summary>A token with the right issuer and client, signed by a key the emulator never published.</summary>
public static class ForeignToken
{
    public static string Sign(string issuer, string clientId) => TestTokens.Access(issuer, clientId, DateTimeOffset.UtcNow);
}
