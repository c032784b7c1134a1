using System.Text;
using Microsoft.AspNetCore.Http;

namespace Enrollment.Local.Api;

/// <summary>
/// The responses API Gateway itself gives (not the function): a JSON <c>{"message": ...}</c> body, the
/// <c>apigw-requestid</c> header, and for a refused token the <c>www-authenticate</c> challenge.
/// </summary>
public static class GatewayResponses
{
    public const string RequestIdHeader = "apigw-requestid";

    public static Task NotFoundAsync(HttpContext context, string requestId) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "Not Found", requestId);

    public static Task InternalServerErrorAsync(HttpContext context, string requestId) =>
        WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error", requestId);

    public static Task PayloadTooLargeAsync(HttpContext context, string requestId) =>
        WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request Entity Too Large", requestId);

    /// <summary>
    /// 401 as API Gateway's troubleshooting guide shows it: <c>Bearer scope="..." error="..." error_description="..."</c>;
    /// a valid token without the route's scopes (a Cognito ID token, which has none) is 403 Forbidden, as the JWT
    /// authorizer documentation says ("A valid token that carries none of the method's scopes receives a 403").
    /// </summary>
    /// <returns>The status sent, for the access line.</returns>
    public static async Task<int> UnauthorizedAsync(HttpContext context, string requestId, AuthorizerResult denial, IReadOnlyList<string> routeScopes)
    {
        context.Response.Headers.WWWAuthenticate =
            $"Bearer scope=\"{string.Join(' ', routeScopes)}\" error=\"{denial.Error}\" error_description=\"{denial.ErrorDescription}\"";
        var (status, message) = denial.Error == AuthorizerResult.InsufficientScope
            ? (StatusCodes.Status403Forbidden, "Forbidden")
            : (StatusCodes.Status401Unauthorized, "Unauthorized");
        await WriteAsync(context, status, message, requestId).ConfigureAwait(false);
        return status;
    }

    private static async Task WriteAsync(HttpContext context, int status, string message, string requestId)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"message":"{{message}}"}""");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        context.Response.Headers[RequestIdHeader] = requestId;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
