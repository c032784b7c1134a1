using Enrollment.Infrastructure.Cognito;
using Enrollment.Local.Cognito;
using Enrollment.Local.Template;

namespace Enrollment.Local.Stack;

/// <summary>
/// The template's user pool and app client in the emulator: the pool with the chosen MFA setting, TOTP turned on,
/// the template's password policy and attribute schema (custom:tenant_id); one client per tenant with the template
/// client's auth flows and read/write attributes (see <see cref="PoolShape"/>).
/// </summary>
public sealed class UserPoolProvisioner(CognitoIdentityProviderClient cognito)
{
    public async Task<string> CreatePoolAsync(string poolName, string mfaConfiguration, PasswordRules passwords, CancellationToken cancellationToken,
        UserPoolDefinition? template = null)
    {
        var created = await cognito.CreateUserPoolAsync(new CreateUserPoolRequest
        {
            PoolName = poolName,
            MfaConfiguration = mfaConfiguration,
            Policies = new UserPoolPolicies { PasswordPolicy = passwords.ToCognito() },
            Schema = template is null ? null : PoolShape.Schema(template),
            UsernameConfiguration = template is null ? null : PoolShape.Usernames(template),
            AdminCreateUserConfig = template is null ? null : PoolShape.AdminCreateUser(template),
        }, cancellationToken).ConfigureAwait(false);
        var poolId = created.UserPool?.Id ?? throw new InvalidOperationException("CreateUserPool returned no pool id.");

        // TOTP is switched on by SetUserPoolMfaConfig, as in Cognito; the pool's MFA setting is repeated there.
        await cognito.SetUserPoolMfaConfigAsync(new SetUserPoolMfaConfigRequest
        {
            UserPoolId = poolId,
            MfaConfiguration = mfaConfiguration,
            SoftwareTokenMfaConfiguration = new SoftwareTokenMfaConfig { Enabled = true },
        }, cancellationToken).ConfigureAwait(false);
        return poolId;
    }

    /// <summary>
    /// An app client shaped like the template's: its auth flows plus USER_PASSWORD_AUTH (the demo users sign in with
    /// it from curl; the template allows password flows only where EnvironmentName is local, and moto runs no sign-in
    /// triggers anyway), its read/write attributes, and never a secret (a mobile app cannot keep one).
    /// </summary>
    public async Task<string> CreateClientAsync(string poolId, string clientName, UserPoolClientDefinition? template, CancellationToken cancellationToken)
    {
        var created = await cognito.CreateUserPoolClientAsync(new CreateUserPoolClientRequest
        {
            UserPoolId = poolId,
            ClientName = clientName,
            GenerateSecret = false,
            ExplicitAuthFlows = AuthFlowsFor(template),
            PreventUserExistenceErrors = template?.Properties.GetValueOrDefault("PreventUserExistenceErrors") as string,
            ReadAttributes = PoolShape.Attributes(template, "ReadAttributes"),
            WriteAttributes = PoolShape.Attributes(template, "WriteAttributes"),
        }, cancellationToken).ConfigureAwait(false);
        return created.UserPoolClient?.ClientId ?? throw new InvalidOperationException("CreateUserPoolClient returned no client id.");
    }

    public static IReadOnlyList<string> AuthFlowsFor(UserPoolClientDefinition? template)
    {
        var flows = template?.ExplicitAuthFlows.ToList() ?? [AuthFlows.AllowRefreshTokenAuth];
        if (!flows.Contains(AuthFlows.AllowUserPasswordAuth, StringComparer.Ordinal)) flows.Insert(0, AuthFlows.AllowUserPasswordAuth);
        return flows;
    }
}
