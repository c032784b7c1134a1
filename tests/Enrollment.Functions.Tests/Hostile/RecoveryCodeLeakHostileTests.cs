using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Functions.Tests.Lifecycle;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Hostile;

/// <summary>
/// Issue 8, item 10: recovery codes survive a leak of the user state table (the hashes are keyed with a pepper that is
/// not in the table), and one shared per-user failure counter: guesses at the unauthenticated route cannot lock a user
/// out of recovery, while the user's own sign-in failures stop the route too.
/// </summary>
[Collection(LifecycleCollection.Name)]
public sealed class RecoveryCodeLeakHostileTests(LifecycleStack stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_the_whole_user_state_table_an_attacker_cannot_test_a_code_offline_the_pepper_is_needed()
    {
        var app = new LifecycleFunctions(stack);
        var user = await app.NewUserAsync();
        var codes = LifecycleFunctions.CodesOf((await app.EnrollAsync(user)).Verify).Select(c => c.Replace("-", "")).ToList();
        var sub = HttpApiRequestBuilder.SubOf(user.AccessToken)!;

        // Everything the table holds for the user: what a leak gives.
        var items = (await stack.Backend.Dynamo.QueryAsync(new QueryRequest
        {
            TableName = stack.Backend.Tables.UserState,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue { S = UserStateKeys.UserPartition(LifecycleStack.DemoTenant, sub) },
                [":prefix"] = new AttributeValue { S = UserStateKeys.RecoveryPrefix },
            },
            ConsistentRead = true,
        }, Ct)).Items;
        var salt = Convert.FromBase64String(items.Single(i => i["sk"].S == UserStateKeys.RecoverySetSortKey)["salt"].S);
        var stored = items.Select(i => i["sk"].S).Where(sk => sk.StartsWith(UserStateKeys.RecoveryCodePrefix, StringComparison.Ordinal))
            .Select(sk => sk[UserStateKeys.RecoveryCodePrefix.Length..]).ToHashSet();
        Assert.Equal(codes.Count, stored.Count);

        // The table alone: HMAC keyed with the salt (what the store wrote on today's main) matches no stored hash...
        Assert.DoesNotContain(codes, code => stored.Contains(Hex(HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(code)))));
        // ...nor does a plain hash of salt and code. Only the deployment's pepper makes a guess testable.
        Assert.DoesNotContain(codes, code => stored.Contains(Hex(SHA256.HashData(SaltThen(salt, code)))));
        Assert.All(codes, code => Assert.Contains(Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(MotoBackend.Pepper), SaltThen(salt, code))), stored));

        // And no item of the table holds the pepper.
        var everything = string.Join("\n", (await stack.Backend.Dynamo.ScanAsync(new ScanRequest { TableName = stack.Backend.Tables.UserState }, Ct)).Items.Select(SecretScan.Render));
        Assert.DoesNotContain(MotoBackend.Pepper, everything);
    }

    [Fact]
    public async Task Wrong_codes_from_many_sources_do_not_lock_the_user_out_their_right_code_still_recovers()
    {
        var app = new LifecycleFunctions(stack);
        var user = await app.NewUserAsync();
        var codes = LifecycleFunctions.CodesOf((await app.EnrollAsync(user)).Verify);

        // More wrong guesses for this username than the tenant's recovery.maxAttemptsPerHour (5), each from its own source.
        for (var i = 0; i < 8; i++)
            Assert.Equal(202, (await app.RecoverAsync(user.Username, "AAAAA-AAAAA", stack.NextSourceIp())).StatusCode);

        Assert.Equal(202, (await app.RecoverAsync(user.Username, codes[0], stack.NextSourceIp())).StatusCode);
        Assert.Null((await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password)).ChallengeName); // the factor is gone
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] SaltThen(byte[] salt, string code) => [.. salt, .. Encoding.ASCII.GetBytes(code)];
}
