using System.Text.Json;
using Enrollment.Functions.Http;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Tests.Http;

/// <summary>
/// Every route writes its answer through one serializer context (<see cref="FunctionJsonContext.Answers"/>), so an
/// admin body and a /v1/me body escape the same text the same way; before, admin bodies escaped '&lt;' and non-ASCII.
/// </summary>
public sealed class AnswerEscapingTests
{
    private const string Hostile = "<script>alert(\"é 名\")</script>&";

    [Fact]
    public void An_admin_body_and_a_me_body_escape_a_script_tag_and_non_ascii_text_alike()
    {
        var admin = ApiResponses.Ok(new TotpResetData(Hostile, "DELETED", SignedOut: true), "req-1").Body!;
        var me = ApiResponses.Ok(new AssociateData("SECRET", "otpauth://totp/x", "Issuer", Hostile, QrCodeSvg: null, Session: null), "req-2").Body!;

        var adminText = WrittenForm(admin, "username");
        var meText = WrittenForm(me, "accountName");

        Assert.Equal(meText, adminText);
        // Relaxed, as the /v1/me routes always answered: readable '<', '&' and non-ASCII; quotes still escaped.
        Assert.Equal("<script>alert(\\\"é 名\\\")</script>&", adminText);
        Assert.Equal(Hostile, JsonDocument.Parse(admin).RootElement.GetProperty("data").GetProperty("username").GetString());
    }

    [Fact]
    public void An_error_body_escapes_like_a_success_body()
    {
        var error = ApiResponses.Error(Core.Errors.EnrollmentException.Invalid(Hostile), "req-3").Body!;
        var admin = ApiResponses.Ok(new TotpResetData(Hostile, "DELETED", SignedOut: true), "req-1").Body!;

        Assert.Equal(WrittenForm(admin, "username"), WrittenForm(error, "message", envelope: "error"));
    }

    /// <summary>The raw JSON text of a string member of the envelope, escapes included.</summary>
    private static string WrittenForm(string body, string member, string envelope = "data")
    {
        var marker = $"\"{member}\":\"";
        var data = body.IndexOf($"\"{envelope}\":", StringComparison.Ordinal);
        var start = body.IndexOf(marker, data, StringComparison.Ordinal) + marker.Length;
        var end = start;
        while (body[end] != '"' || body[end - 1] == '\\') end++;
        return body[start..end];
    }
}
