using Enrollment.Core.Enrollment;

namespace Enrollment.Core.Admin;

/// <summary>Whose authenticator was removed, and how (deleted, or only its MFA preference turned off).</summary>
public sealed record TotpResetResult(string Username, FactorRemoval Removal);
