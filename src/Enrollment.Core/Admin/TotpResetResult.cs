using Enrollment.Core.UserPool;

namespace Enrollment.Core.Admin;

/// <summary>
/// Whose authenticator was removed, and how (deleted, or only its MFA preference turned off); whether the user was
/// then signed out everywhere (false: the sign-out failed after the removal, the old sessions may still work).
/// </summary>
public sealed record TotpResetResult(string Username, FactorRemoval Removal, bool SignedOut);
