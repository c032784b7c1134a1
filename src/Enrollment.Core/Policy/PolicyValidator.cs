using Enrollment.Core.Identity;
using Enrollment.Core.Totp;

namespace Enrollment.Core.Policy;

/// <summary>Checks the values of a policy document; returns the first bad field by its JSON path.</summary>
public static class PolicyValidator
{
    public const int MaxAppClients = 50;
    public const int MaxNetworks = 100;

    /// <summary>The highest signIn.maxChallengeFailures; also bounds how long a sign-in's session[] can get.</summary>
    public const int MaxChallengeFailuresCeiling = 10;

    public static PolicyFieldError? Validate(TenantPolicy policy)
    {
        if (!TenantId.IsValid(policy.TenantId))
            return new("tenantId", "must be 1-64 characters: letters, digits, '-', '_' or '.'");
        if (policy.DisplayName is { } name && (name.Length is 0 or > 100 || name.Contains(':')))
            return new("displayName", "must be 1-100 characters without ':' (authenticator apps split the label on it)");
        if (policy.DisplayName is { } shown && !DisplayNameRule.IsSafe(shown))
            return new("displayName", $"must be {DisplayNameRule.Requirement}: they can make a name render as another");
        if (KeyUriLimits.EncodedLength(policy.Issuer) > KeyUriLimits.MaxIssuerBytes)
            return new("displayName", $"must fit the authenticator's QR code: at most {KeyUriLimits.MaxIssuerBytes} bytes once percent-encoded");
        if (policy.AppClientIds.Count > MaxAppClients)
            return new("appClientIds", $"at most {MaxAppClients} app clients");
        for (var i = 0; i < policy.AppClientIds.Count; i++)
        {
            var id = policy.AppClientIds[i];
            if (!AppClientId.IsValid(id))
                return new($"appClientIds[{i}]", $"must be an app client id ({AppClientId.Requirement})");
        }

        var e = policy.Enrollment;
        if (e.MinAppVersion is not null && !SemanticVersion.TryParse(e.MinAppVersion, out _))
            return new("enrollment.minAppVersion", "must be a semantic version such as 2.0.0");
        if (e.AllowedNetworks.Count > MaxNetworks)
            return new("enrollment.allowedNetworks", $"at most {MaxNetworks} networks");
        for (var i = 0; i < e.AllowedNetworks.Count; i++)
            if (!NetworkAllowList.TryParseNetwork(e.AllowedNetworks[i], out _))
                return new($"enrollment.allowedNetworks[{i}]", "must be a CIDR block with no host bits set, such as 203.0.113.0/24 or 2001:db8::/32");
        if (e.MaxAssociationsPerHour is < 1 or > 1000)
            return new("enrollment.maxAssociationsPerHour", "must be between 1 and 1000");
        if (policy.Verification.MaxFailuresPerHour is < 1 or > 1000)
            return new("verification.maxFailuresPerHour", "must be between 1 and 1000");
        if (policy.Audit.RetentionDays is < 1 or > 3653)
            return new("audit.retentionDays", "must be between 1 and 3653");
        if (e.ReauthenticationMaxAgeSeconds is < 30 or > 86400)
            return new("enrollment.reauthenticationMaxAgeSeconds", "must be between 30 and 86400");
        if (policy.Mfa.GracePeriodDays is < 0 or > 365)
            return new("mfa.gracePeriodDays", "must be between 0 and 365");
        if (policy.Recovery.CodeCount is < 0 or > 20)
            return new("recovery.codeCount", "must be between 0 and 20");
        if (policy.Recovery.MaxAttemptsPerHour is < 1 or > 100)
            return new("recovery.maxAttemptsPerHour", "must be between 1 and 100");
        if (policy.SignIn.MaxChallengeFailures is < 1 or > MaxChallengeFailuresCeiling)
            return new("signIn.maxChallengeFailures", "must be between 1 and 10");
        var group = policy.Admin.GroupName;
        if (group is not null && (string.IsNullOrWhiteSpace(group) || group.Length > 128 || group.Any(char.IsWhiteSpace)))
            return new("admin.groupName", "must be a Cognito group name (1-128 characters, no spaces)");
        return null;
    }
}

public sealed record PolicyFieldError(string Field, string Problem)
{
    public override string ToString() => $"{Field} {Problem}";
}
