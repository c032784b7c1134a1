namespace Enrollment.Local.Cognito;

/// <summary>UserPoolMfaType: MFA is pool-wide in Cognito.</summary>
public static class MfaConfigurations
{
    public const string Off = "OFF";
    public const string Optional = "OPTIONAL";
    public const string On = "ON";
}
