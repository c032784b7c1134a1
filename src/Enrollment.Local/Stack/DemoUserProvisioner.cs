using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Local.Stack;

/// <summary>Creates one demo user per tenant, named <c>{tenantId}-user</c>, with a random password the policy accepts.</summary>
public sealed class DemoUserProvisioner(CognitoIdentityProviderClient cognito)
{
    public static string UsernameFor(string tenantId) => $"{tenantId}-user";

    /// <param name="temporary">
    /// True for a pool with MFA ON: moto sends a user to MFA_SETUP only after NEW_PASSWORD_REQUIRED, so the user keeps
    /// the temporary password and sets a new one at first sign-in. False gives a confirmed user with a permanent password.
    /// </param>
    public async Task<DemoUser> CreateAsync(string poolId, string tenantId, PasswordRules passwords, bool temporary, CancellationToken cancellationToken)
    {
        var username = UsernameFor(tenantId);
        var password = DemoPassword.Generate(passwords);
        await cognito.AdminCreateUserAsync(new AdminCreateUserRequest
        {
            UserPoolId = poolId,
            Username = username,
            TemporaryPassword = temporary ? password : DemoPassword.Generate(passwords),
            MessageAction = "SUPPRESS",
        }, cancellationToken).ConfigureAwait(false);
        if (!temporary)
        {
            await cognito.AdminSetUserPasswordAsync(new AdminSetUserPasswordRequest
            {
                UserPoolId = poolId, Username = username, Password = password, Permanent = true,
            }, cancellationToken).ConfigureAwait(false);
        }
        return new DemoUser(tenantId, username, password, temporary);
    }
}
