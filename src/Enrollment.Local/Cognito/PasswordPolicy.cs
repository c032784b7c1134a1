namespace Enrollment.Local.Cognito;

public sealed record PasswordPolicy
{
    public int? MinimumLength { get; init; }
    public bool? RequireUppercase { get; init; }
    public bool? RequireLowercase { get; init; }
    public bool? RequireNumbers { get; init; }
    public bool? RequireSymbols { get; init; }
    public int? TemporaryPasswordValidityDays { get; init; }
}
