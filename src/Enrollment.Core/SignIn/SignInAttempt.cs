using Enrollment.Core.Enrollment;

namespace Enrollment.Core.SignIn;

/// <summary>
/// One trigger invocation of a custom-auth sign-in, as the wire layer read it. Holds no answer or secret, so it
/// is safe to log and to copy into audit events.
/// </summary>
public sealed record SignInAttempt
{
    /// <summary>Our id for this invocation (Cognito's events carry none): audit requestId and log correlation.</summary>
    public required string RequestId { get; init; }

    /// <summary><c>callerContext.clientId</c>: the app client, which names the tenant.</summary>
    public required string ClientId { get; init; }

    /// <summary><c>userName</c>: the Cognito username (also for an unknown user, as typed).</summary>
    public required string Username { get; init; }

    public string? UserSub { get; init; }
    public IReadOnlyList<SessionEntry> Session { get; init; } = [];
    public SignInMode Mode { get; init; }
    public bool UserNotFound { get; init; }

    public CallerContext Caller => new() { RequestId = RequestId, ClientId = ClientId, Username = Username, UserSub = UserSub };
}
