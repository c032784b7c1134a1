using Enrollment.Core.Errors;

namespace Enrollment.Functions.Http;

/// <summary>The `qr` query option of the associate routes: absent, or "svg".</summary>
public static class QrOption
{
    public static bool Parse(string? value) => value switch
    {
        null or "" => false,
        "svg" => true,
        _ => throw EnrollmentException.Invalid("qr must be 'svg' when present.", "qr"),
    };
}
