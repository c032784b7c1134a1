using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;

namespace Enrollment.Testing;

/// <summary>A fresh user pool and app client in moto, provisioned through the client under test.</summary>
public sealed class CognitoTestPool
{
    public const string Password = "Correct-Horse-9";

    private CognitoTestPool(CognitoIdentityProviderClient client, string poolId, string clientId)
    {
        Client = client;
        PoolId = poolId;
        ClientId = clientId;
    }

    public CognitoIdentityProviderClient Client { get; }

    /// <summary>
    /// The tenant new users are bound to (custom:tenant_id) when a test names none; null: users without a binding.
    /// MotoBackend.CreateTenantAsync sets it to the first tenant created for the pool.
    /// </summary>
    public string? DefaultTenantId { get; set; }
    public string PoolId { get; }
    public string ClientId { get; }

    /// <summary>A pool with TOTP turned on and <paramref name="mfaConfiguration"/> (OPTIONAL or ON), and a USER_PASSWORD_AUTH client.</summary>
    public static async Task<CognitoTestPool> CreateAsync(CognitoIdentityProviderClient client, string mfaConfiguration)
    {
        var token = TestContext.Current.CancellationToken;
        var pool = await client.CreateUserPoolAsync(new CreateUserPoolRequest
        {
            PoolName = "pool-" + Guid.NewGuid().ToString("N")[..12],
            MfaConfiguration = mfaConfiguration,
            Policies = new UserPoolPolicies { PasswordPolicy = new PasswordPolicy { MinimumLength = 8, RequireNumbers = true } },
            // As template.yaml declares it (moto stores the schema; the deployed pool enforces immutability).
            Schema = [new SchemaAttribute { Name = "tenant_id", AttributeDataType = "String", Mutable = false, StringAttributeConstraints = new() { MinLength = "1", MaxLength = "64" } }],
            UsernameConfiguration = new UsernameConfiguration { CaseSensitive = false },
            AdminCreateUserConfig = new AdminCreateUserConfig { AllowAdminCreateUserOnly = true },
        }, token);
        var poolId = pool.UserPool?.Id ?? throw new InvalidOperationException("CreateUserPool returned no id.");

        var mfa = await client.SetUserPoolMfaConfigAsync(new SetUserPoolMfaConfigRequest
        {
            UserPoolId = poolId,
            MfaConfiguration = mfaConfiguration,
            SoftwareTokenMfaConfiguration = new SoftwareTokenMfaConfig { Enabled = true },
        }, token);
        Assert.Equal(mfaConfiguration, mfa.MfaConfiguration);
        Assert.True(mfa.SoftwareTokenMfaConfiguration?.Enabled);

        var appClient = await client.CreateUserPoolClientAsync(new CreateUserPoolClientRequest
        {
            UserPoolId = poolId,
            ClientName = "app",
            GenerateSecret = false,
            ExplicitAuthFlows = [AuthFlows.AllowUserPasswordAuth, AuthFlows.AllowRefreshTokenAuth],
            ReadAttributes = ["email", "custom:tenant_id"],
            WriteAttributes = ["email"],
        }, token);
        var clientId = appClient.UserPoolClient?.ClientId ?? throw new InvalidOperationException("CreateUserPoolClient returned no id.");
        return new CognitoTestPool(client, poolId, clientId);
    }

    /// <summary>A confirmed user (permanent password): signs in straight to tokens. Bound to <paramref name="tenantId"/>, else <see cref="DefaultTenantId"/>.</summary>
    public async Task<string> CreateConfirmedUserAsync(string? tenantId = null, string? username = null)
    {
        username = await CreateUserWithTemporaryPasswordAsync("Temporary-Pass-1", tenantId, username);
        await Client.AdminSetUserPasswordAsync(new AdminSetUserPasswordRequest
        {
            UserPoolId = PoolId, Username = username, Password = Password, Permanent = true,
        }, TestContext.Current.CancellationToken);
        return username;
    }

    /// <summary>A user in FORCE_CHANGE_PASSWORD: signs in to NEW_PASSWORD_REQUIRED.</summary>
    public async Task<string> CreateUserWithTemporaryPasswordAsync(string temporaryPassword, string? tenantId = null, string? username = null)
    {
        username ??= "user-" + Guid.NewGuid().ToString("N")[..10];
        tenantId ??= DefaultTenantId;
        List<UserAttribute> attributes = [new UserAttribute { Name = "email", Value = username + "@example.com" }];
        if (tenantId is not null) attributes.Add(new UserAttribute { Name = "custom:tenant_id", Value = tenantId });
        var created = await Client.AdminCreateUserAsync(new AdminCreateUserRequest
        {
            UserPoolId = PoolId,
            Username = username,
            TemporaryPassword = temporaryPassword,
            MessageAction = "SUPPRESS",
            UserAttributes = attributes,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(username, created.User?.Username);
        return username;
    }

    public Task<InitiateAuthResponse> SignInAsync(string username, string password) =>
        Client.InitiateAuthAsync(new InitiateAuthRequest
        {
            AuthFlow = AuthFlows.UserPasswordAuth,
            ClientId = ClientId,
            AuthParameters = new Dictionary<string, string> { [ChallengeKeys.Username] = username, [ChallengeKeys.Password] = password },
        }, TestContext.Current.CancellationToken);

    /// <summary>REFRESH_TOKEN_AUTH: new tokens from a refresh token, or NotAuthorizedException once it is revoked.</summary>
    public Task<InitiateAuthResponse> RefreshAsync(string refreshToken) =>
        Client.InitiateAuthAsync(new InitiateAuthRequest
        {
            AuthFlow = AuthFlows.RefreshTokenAuth,
            ClientId = ClientId,
            AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refreshToken },
        }, TestContext.Current.CancellationToken);

    /// <summary>AdminDeleteUser: the username becomes free for a new user (with a new sub).</summary>
    public Task DeleteUserAsync(string username) =>
        Client.AdminDeleteUserAsync(new AdminDeleteUserRequest { UserPoolId = PoolId, Username = username }, TestContext.Current.CancellationToken);

    public async Task<string> SignInForAccessTokenAsync(string username)
    {
        var signIn = await SignInAsync(username, Password);
        return signIn.AuthenticationResult?.AccessToken ?? throw new InvalidOperationException($"Expected tokens, got challenge {signIn.ChallengeName}.");
    }
}
