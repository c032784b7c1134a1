using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Enrollment.Local.Cli;

/// <summary>
/// The demo's HTTP calls to the local API: a bearer token, the app version header, and every error envelope turned
/// into a sentence that says what the code and reason mean for the person running the demo.
/// </summary>
public sealed class DemoApi(HttpClient http, string appVersion)
{
    public async Task<JsonElement> PostAsync(string path, string body, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("x-app-version", appVersion);
        request.Headers.UserAgent.ParseAdd("EnrollmentDemo/1.0");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            throw new DemoFailure($"The API at {http.BaseAddress} does not answer. Is `up` still running?");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(text);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new DemoFailure($"{path} answered {(int)response.StatusCode} with a body that is not JSON.");
            }
            if (root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True) return root.GetProperty("data");
            throw new DemoFailure(Explain(path, (int)response.StatusCode, root));
        }
    }

    /// <summary>The envelope's code and reason, with what to do about them; API Gateway's own answers too.</summary>
    public static string Explain(string path, int status, JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error))
        {
            var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            return $"{path} answered {status} {message} (from API Gateway, before any function): " + status switch
            {
                401 => "the access token was refused. Sign in again.",
                403 => "the token lacks the scope aws.cognito.signin.user.admin.",
                404 => "no such route. Is the stack file from this version of the project?",
                _ => "see the `up` terminal for details.",
            };
        }
        var code = error.GetProperty("code").GetString();
        var reason = error.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var text = error.GetProperty("message").GetString();
        var requestId = error.TryGetProperty("requestId", out var id) ? id.GetString() : null;
        var hint = (code, reason) switch
        {
            ("POLICY_DENIED", "ALREADY_ENROLLED") => "This user already has an authenticator. Restart `up` for fresh demo users, or use another tenant (--tenant).",
            ("POLICY_DENIED", "APP_VERSION_TOO_OLD") => "The tenant requires a newer app: pass --app-version with a higher version.",
            ("POLICY_DENIED", "NETWORK_NOT_ALLOWED") => "The tenant allows other networks only: pick another tenant (--tenant).",
            ("POLICY_DENIED", "ENROLLMENT_DISABLED") => "The tenant turned enrollment off: pick another tenant (--tenant).",
            ("POLICY_DENIED", _) => "The tenant's policy refuses this; the reason names the rule (docs/contract.md, Reasons).",
            ("CODE_MISMATCH", _) => "The code was wrong or expired: type the code the app shows now.",
            ("VALIDATION_ERROR", _) => $"The request was malformed ({reason}).",
            ("UNAUTHORIZED", _) => "The sign-in is no longer valid: run the demo again.",
            ("RATE_LIMITED", _) => "Too many attempts: wait and run the demo again.",
            ("CONFLICT", _) => "The user's state changed at the same time; run the demo again.",
            ("SERVICE_UNAVAILABLE" or "UPSTREAM_ERROR", _) => "The emulator did not answer in time; check the `up` terminal.",
            _ => "See the `up` terminal; quote the request id.",
        };
        return $"{path} answered {status} {code}{(reason is null ? "" : " / " + reason)}: {text} {hint} (request id {requestId})";
    }
}
