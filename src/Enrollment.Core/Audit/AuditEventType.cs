namespace Enrollment.Core.Audit;

public static class AuditEventType
{
    public const string TotpAssociate = "TOTP_ASSOCIATE";
    public const string TotpVerify = "TOTP_VERIFY";

    /// <summary>The user removed their own authenticator (DELETE /v1/me/totp).</summary>
    public const string TotpDisable = "TOTP_DISABLE";

    /// <summary>A new set of recovery codes replaced the old one (POST /v1/me/totp/recovery-codes).</summary>
    public const string RecoveryCodesIssued = "RECOVERY_CODES_ISSUED";

    /// <summary>A recovery code was offered to remove a lost authenticator (POST /v1/recovery/totp).</summary>
    public const string TotpRecovery = "TOTP_RECOVERY";

    /// <summary>A decision of the sign-in triggers (Define, Verify, pre token generation); the reason says which.</summary>
    public const string AuthChallenge = "AUTH_CHALLENGE";

    /// <summary>An administrator replaced the tenant policy (PUT /v1/admin/tenants/{tenantId}/policy).</summary>
    public const string PolicyUpdated = "POLICY_UPDATED";

    /// <summary>An administrator removed a user's authenticator (POST .../users/{username}/totp/reset).</summary>
    public const string TotpAdminReset = "TOTP_ADMIN_RESET";

    /// <summary>An administrator granted a user a new grace period (POST .../users/{username}/grace).</summary>
    public const string GraceGranted = "GRACE_GRANTED";
}

public static class AuditOutcome
{
    public const string Success = "SUCCESS";

    /// <summary>The policy or a limit refused before the user pool was asked.</summary>
    public const string Denied = "DENIED";

    /// <summary>The attempt was allowed but did not succeed (wrong code, bad token, upstream failure).</summary>
    public const string Failed = "FAILED";

    /// <summary>
    /// The intent of a destructive action (reset, recovery, disable), written before it acts; the outcome item of the
    /// same request id follows. A STARTED item with no outcome means the function stopped mid-way (timeout, crash).
    /// </summary>
    public const string Started = "STARTED";
}
