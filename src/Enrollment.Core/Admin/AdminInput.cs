using Enrollment.Core.Errors;

namespace Enrollment.Core.Admin;

/// <summary>Shape checks of what administrators send, before anything is looked up.</summary>
public static class AdminInput
{
    /// <summary>A username as Cognito shapes one (<see cref="Identity.Username"/>).</summary>
    public static string Username(string? text, string field) =>
        OptionalUsername(text, field) ?? throw EnrollmentException.Invalid($"{field} is required.", field);

    public static string? OptionalUsername(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!Identity.Username.IsValid(text))
            throw EnrollmentException.Invalid($"{field} must be a username: {Identity.Username.Requirement}.", field);
        return text;
    }
}
