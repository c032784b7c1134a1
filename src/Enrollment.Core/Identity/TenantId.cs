namespace Enrollment.Core.Identity;

/// <summary>The shape of a tenant id: safe inside a DynamoDB key, a URL path segment and a log line.</summary>
public static class TenantId
{
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
