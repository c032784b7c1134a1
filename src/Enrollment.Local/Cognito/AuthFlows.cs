namespace Enrollment.Local.Cognito;

/// <summary>AuthFlowType values we use (InitiateAuth) and ExplicitAuthFlows values for app clients.</summary>
public static class AuthFlows
{
    public const string UserPasswordAuth = "USER_PASSWORD_AUTH";
    public const string UserSrpAuth = "USER_SRP_AUTH";
    public const string RefreshTokenAuth = "REFRESH_TOKEN_AUTH";
    public const string CustomAuth = "CUSTOM_AUTH";

    public const string AllowUserPasswordAuth = "ALLOW_USER_PASSWORD_AUTH";
    public const string AllowUserSrpAuth = "ALLOW_USER_SRP_AUTH";
    public const string AllowRefreshTokenAuth = "ALLOW_REFRESH_TOKEN_AUTH";
    public const string AllowCustomAuth = "ALLOW_CUSTOM_AUTH";
}
