using Amazon.DynamoDBv2.Model;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Hostile;

/// <summary>
/// Users bound to a tenant (custom:tenant_id, set when the user is created, as the trust model says), the way to an
/// MFA_SETUP session for them, and reads of what the service stored for a user, by username and by sub.
/// </summary>
public static class BoundUsers
{
    public const string TemporaryPassword = "Temporary-Pass-1";
    public const string TenantAttribute = "custom:tenant_id";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A user in FORCE_CHANGE_PASSWORD with the given name (random when null) and tenant binding (none when null).</summary>
    public static async Task<string> CreateAsync(CognitoTestPool pool, string? tenantId, string? username = null)
    {
        username ??= "user-" + Guid.NewGuid().ToString("N")[..10];
        List<UserAttribute> attributes = [new UserAttribute { Name = "email", Value = username + "@example.com" }];
        if (tenantId is not null) attributes.Add(new UserAttribute { Name = TenantAttribute, Value = tenantId });
        await pool.Client.AdminCreateUserAsync(new AdminCreateUserRequest
        {
            UserPoolId = pool.PoolId, Username = username, TemporaryPassword = TemporaryPassword, MessageAction = "SUPPRESS", UserAttributes = attributes,
        }, Token);
        return username;
    }

    /// <summary>A confirmed user (permanent password) bound to the tenant: signs in straight to tokens where MFA is optional.</summary>
    public static async Task<string> CreateConfirmedAsync(CognitoTestPool pool, string? tenantId, string? username = null)
    {
        username = await CreateAsync(pool, tenantId, username);
        await pool.Client.AdminSetUserPasswordAsync(new AdminSetUserPasswordRequest
        {
            UserPoolId = pool.PoolId, Username = username, Password = CognitoTestPool.Password, Permanent = true,
        }, Token);
        return username;
    }

    /// <summary>First sign-in in a pool with MFA ON: the temporary password, a new one, then the MFA_SETUP session.</summary>
    public static async Task<string> MfaSetupSessionAsync(CognitoTestPool pool, string username)
    {
        var first = await pool.SignInAsync(username, TemporaryPassword);
        Assert.Equal(ChallengeNames.NewPasswordRequired, first.ChallengeName);
        var setup = await pool.Client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
        {
            ClientId = pool.ClientId,
            ChallengeName = ChallengeNames.NewPasswordRequired,
            Session = first.Session,
            ChallengeResponses = new Dictionary<string, string> { [ChallengeKeys.Username] = username, [ChallengeKeys.NewPassword] = CognitoTestPool.Password },
        }, Token);
        Assert.Equal(ChallengeNames.MfaSetup, setup.ChallengeName);
        return setup.Session!;
    }

    /// <summary>The user's sub, as Cognito has it.</summary>
    public static async Task<string> SubOfAsync(CognitoTestPool pool, string username)
    {
        var user = await pool.Client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = pool.PoolId, Username = username }, Token);
        return user.UserAttributes!.Single(a => a.Name == "sub").Value!;
    }

    /// <summary>Every item of the user state table whose partition names this user (by username or sub), in any tenant.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> StateOfAsync(MotoBackend backend, params string[] userKeys)
    {
        // The serialized client: its 30 s timeout survives a loaded machine (the production client's would not).
        var all = await backend.SerializedDynamo.ScanAsync(new ScanRequest { TableName = backend.Tables.UserState, ConsistentRead = true }, Token);
        return (all.Items ?? []).Where(i => userKeys.Any(k => i[UserStateKeys.PartitionKey].S.EndsWith("#USER#" + k, StringComparison.Ordinal) || i[UserStateKeys.PartitionKey].S.EndsWith("#SUB#" + k, StringComparison.Ordinal))).ToList();
    }

    /// <summary>Every audit item that names the user (partition, username or sub), in any tenant.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> AuditNamingAsync(MotoBackend backend, params string[] userKeys) =>
        (await AllAuditAsync(backend)).Where(i => userKeys.Any(k =>
            i["pk"].S.EndsWith("#USER#" + k, StringComparison.Ordinal)
            || (i.TryGetValue("username", out var u) && u.S == k)
            || (i.TryGetValue("userSub", out var s) && s.S == k))).ToList();

    /// <summary>Every audit item (consistent scan over the serialized client).</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> AllAuditAsync(MotoBackend backend) =>
        (await backend.SerializedDynamo.ScanAsync(new ScanRequest { TableName = backend.Tables.Audit, ConsistentRead = true }, Token)).Items ?? [];

    /// <summary>The claims of a token Cognito issued (tests read sub and iss from it).</summary>
    public static IReadOnlyDictionary<string, string> ClaimsOf(string token) => JwtPayloadClaims.Read(token) ?? throw new InvalidOperationException("not a JWT");
}
