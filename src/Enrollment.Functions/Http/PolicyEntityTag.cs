using System.Globalization;
using Enrollment.Core.Errors;

namespace Enrollment.Functions.Http;

/// <summary>
/// The policy version as an HTTP entity tag: GET answers <c>etag: "7"</c>, and PUT requires <c>if-match: "7"</c>
/// (quotes optional), so a write applies only to the version the administrator read. <c>*</c> and weak tags are
/// refused: both would skip the version check.
/// </summary>
public static class PolicyEntityTag
{
    public const string ResponseHeader = "etag";
    public const string RequestHeader = "if-match";

    public static string Format(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static long ParseIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            throw EnrollmentException.Invalid("The if-match header is required: send the etag (version) you read with GET.", RequestHeader);
        var text = header.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"') text = text[1..^1];
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
            ? version
            : throw EnrollmentException.Invalid("The if-match header must be the etag (version) read with GET, such as \"3\".", RequestHeader);
    }
}
