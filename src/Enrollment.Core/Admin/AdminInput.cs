using Enrollment.Core.Errors;

namespace Enrollment.Core.Admin;

/// <summary>Shape checks of what administrators send, before anything is looked up.</summary>
public static class AdminInput
{
    /// <summary>Cognito usernames are 1-128 characters; control characters and edge spaces are never part of one.</summary>
    public static string Username(string? text, string field) =>
        OptionalUsername(text, field) ?? throw EnrollmentException.Invalid($"{field} is required.", field);

    public static string? OptionalUsername(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > AuditSearchCriteria.MaxUsernameLength || text.Trim().Length != text.Length || text.Any(char.IsControl))
            throw EnrollmentException.Invalid($"{field} must be a username of 1-{AuditSearchCriteria.MaxUsernameLength} characters.", field);
        return text;
    }
}
