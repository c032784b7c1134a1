using Enrollment.Core.Policy;
using Enrollment.Local.Template;
using Enrollment.Local.Stack;

namespace Enrollment.Local.Cli;

/// <summary>
/// What `up` prints once the stack serves: where the API is, the demo users and administrators, and the first
/// commands to paste (sign in against the emulator with curl, then associate; the admin API). Notes call out tenant rules that would refuse
/// requests from this machine, so the first 403 is not a surprise.
/// </summary>
public static class UpSummary
{
    public const string Walkthrough = "docs/local-stack.md";

    public static async Task WriteAsync(TextWriter output, StackFile stack, ProvisionedStack provisioned, IReadOnlyList<HttpApiRoute> routes, string stackFilePath)
    {
        var lines = new List<string>
        {
            "",
            $"Enrollment is running locally (Ctrl-C stops it and the emulator).",
            $"  API         {stack.ApiUrl}",
        };
        foreach (var route in routes)
            lines.Add($"                {route.RouteKey}{(route.AuthorizerName is null ? "" : $"  (JWT: {route.AuthorizerName})")}");
        lines.Add($"  emulator    {stack.Endpoints.CognitoIdp}  moto_server pid {stack.EmulatorPid}; user pool {stack.UserPoolId} (MFA {stack.PoolMfa})");
        lines.Add($"  stack file  {stackFilePath}");
        lines.Add("  demo users  (local emulator only; passwords are random per run)");
        foreach (var user in stack.DemoUsers)
        {
            var client = stack.Tenants.First(t => t.TenantId == user.TenantId).ClientId;
            var role = user.Role == StackDemoUser.AdminRole ? $", admin (group {user.Group})" : "";
            lines.Add($"              {user.Username} / {user.Password}  tenant {user.TenantId}, client {client}{role}{(user.PasswordIsTemporary ? ", temporary password" : "")}");
        }
        foreach (var tenant in provisioned.Tenants)
        {
            var networks = NetworkAllowList.Parse(tenant.Policy.Enrollment.AllowedNetworks);
            if (!networks.Allows("127.0.0.1"))
                lines.Add($"  note        tenant {tenant.TenantId} allows only {string.Join(", ", tenant.Policy.Enrollment.AllowedNetworks)}: calls from this machine get 403 NETWORK_NOT_ALLOWED.");
        }

        var first = stack.DemoUsers.First(u => u.Role == StackDemoUser.UserRole);
        var firstTenant = provisioned.Tenants.First(t => t.TenantId == first.TenantId);
        lines.Add("");
        if (first.PasswordIsTemporary)
        {
            lines.Add("The pool requires MFA: a first sign-in answers NEW_PASSWORD_REQUIRED, then MFA_SETUP; enroll through");
            lines.Add($"/v1/challenge/totp/associate and /v1/challenge/totp/verify. Step by step: {Walkthrough}.");
        }
        else
        {
            lines.Add("First steps: sign in against the emulator, then ask for a TOTP secret (with a QR code):");
            lines.Add($"  TOKEN=$(curl -s {stack.Endpoints.CognitoIdp}/ -H 'content-type: application/x-amz-json-1.1' \\");
            lines.Add("    -H 'x-amz-target: AWSCognitoIdentityProviderService.InitiateAuth' \\");
            lines.Add($"    -d '{{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"{firstTenant.ClientId}\",\"AuthParameters\":{{\"USERNAME\":\"{first.Username}\",\"PASSWORD\":\"{first.Password}\"}}}}' \\");
            lines.Add("    | sed -E 's/.*\"AccessToken\": *\"([^\"]*)\".*/\\1/')");
            var version = firstTenant.Policy.Enrollment.MinAppVersion is { } min ? $" -H 'x-app-version: {min}'" : "";
            lines.Add($"  curl -s -X POST '{stack.ApiUrl}/v1/me/totp/associate?qr=svg' -H \"authorization: Bearer $TOKEN\"{version}");
            lines.Add($"Then verify a code and sign in with MFA: {Walkthrough}.");
        }
        if (stack.DemoUsers.FirstOrDefault(u => u.Role == StackDemoUser.AdminRole && u.TenantId == first.TenantId) is { } admin)
        {
            lines.Add($"The admin API ({Walkthrough}): with an access token of {admin.Username} in $TOKEN,");
            lines.Add($"  curl -s {stack.ApiUrl}/v1/admin/tenants/{admin.TenantId}/policy -H \"authorization: Bearer $TOKEN\"");
            lines.Add($"  curl -s {stack.ApiUrl}/v1/admin/tenants/{admin.TenantId}/audit -H \"authorization: Bearer $TOKEN\"");
        }
        foreach (var line in lines) await output.WriteLineAsync(line).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
