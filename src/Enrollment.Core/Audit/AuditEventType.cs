namespace Enrollment.Core.Audit;

public static class AuditEventType
{
    public const string TotpAssociate = "TOTP_ASSOCIATE";
    public const string TotpVerify = "TOTP_VERIFY";

    /// <summary>A decision of the sign-in triggers (Define, Verify, pre token generation); the reason says which.</summary>
    public const string AuthChallenge = "AUTH_CHALLENGE";
}

public static class AuditOutcome
{
    public const string Success = "SUCCESS";

    /// <summary>The policy or a limit refused before the user pool was asked.</summary>
    public const string Denied = "DENIED";

    /// <summary>The attempt was allowed but did not succeed (wrong code, bad token, upstream failure).</summary>
    public const string Failed = "FAILED";
}
