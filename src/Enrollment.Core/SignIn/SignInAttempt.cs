using Enrollment.Core.Identity;

namespace Enrollment.Core.SignIn;

/// <summary>
/// One trigger invocation of a sign-in, as the wire layer read it. Holds no answer or secret, so it is safe to
/// log and to copy into audit events.
/// </summary>
public sealed record SignInAttempt
{
    /// <summary>Prefix of the state key of a user Cognito does not know (no <c>sub</c>): never a sub, which has no colon.</summary>
    public const string UnknownUserKeyPrefix = "unknown-user:";

    /// <summary>Our id for this invocation (Cognito's events carry none): audit requestId and log correlation.</summary>
    public required string RequestId { get; init; }

    /// <summary><c>callerContext.clientId</c>: the app client. It must belong to the user's tenant; it never chooses it.</summary>
    public required string ClientId { get; init; }

    /// <summary><c>userName</c>: the Cognito username (also for an unknown user, as typed).</summary>
    public required string Username { get; init; }

    /// <summary><c>userPoolId</c>: the pool Cognito is signing the user in to (AdminGetUser and sign-out go there).</summary>
    public string UserPoolId { get; init; } = "";

    /// <summary><c>request.userAttributes.sub</c>: the immutable key of all user state. Null for an unknown user.</summary>
    public string? UserSub { get; init; }

    /// <summary>
    /// <c>request.userAttributes["custom:tenant_id"]</c>: the user's tenant, an immutable attribute no app client can
    /// write. Null for a user of no tenant (and an unknown user).
    /// </summary>
    public string? TenantBinding { get; init; }

    public IReadOnlyList<SessionEntry> Session { get; init; } = [];
    public SignInMode Mode { get; init; }
    public bool UserNotFound { get; init; }

    /// <summary>
    /// The user string of every store call: the sub; for an unknown user (who never gets tokens), a key that cannot
    /// be anyone's sub, so the calls an unknown user makes to look like a known one touch no real user's state.
    /// </summary>
    public string StateKey => UserSub ?? UnknownUserKeyPrefix + Username;

    public CallerContext Caller => new() { RequestId = RequestId, ClientId = ClientId, Username = Username, UserSub = UserSub };
}
