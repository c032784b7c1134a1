using Enrollment.Core.UserPool;
using Enrollment.Functions.Tests.Lifecycle;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Hostile;

/// <summary>
/// Issue 8, item 7: user state is keyed by the immutable sub. A user deleted from the pool leaves their username free;
/// whoever gets it next (a new sub) must inherit nothing: no enrollment record, no recovery codes. The old holder of
/// the codes must not be able to strip the new user's authenticator with them.
/// </summary>
[Collection(LifecycleCollection.Name)]
public sealed class ReusedUsernameHostileTests(LifecycleStack stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_user_under_a_deleted_users_username_inherits_no_record_no_codes_and_the_old_codes_cannot_remove_their_factor()
    {
        var app = new LifecycleFunctions(stack);
        var username = "reused-" + Guid.NewGuid().ToString("N")[..10];
        await stack.Pool.CreateConfirmedUserAsync(username: username);
        var old = new PoolUser(username, await stack.Pool.SignInForAccessTokenAsync(username));
        var oldCodes = LifecycleFunctions.CodesOf((await app.EnrollAsync(old, "Old owner's phone")).Verify);

        await stack.Pool.DeleteUserAsync(username);
        await stack.Pool.CreateConfirmedUserAsync(username: username);
        var fresh = new PoolUser(username, await stack.Pool.SignInForAccessTokenAsync(username));
        Assert.NotEqual(HttpApiRequestBuilder.SubOf(old.AccessToken), HttpApiRequestBuilder.SubOf(fresh.AccessToken));

        // The new user sets a factor up at Cognito directly (with their own token: no codes are issued that way).
        var associated = await stack.Pool.Client.AssociateSoftwareTokenAsync(new AssociateSoftwareTokenRequest { AccessToken = fresh.AccessToken }, Ct);
        var verified = await stack.Pool.Client.VerifySoftwareTokenAsync(new VerifySoftwareTokenRequest
        {
            AccessToken = fresh.AccessToken, UserCode = await TotpGenerator.FreshCodeAsync(associated.SecretCode!),
        }, Ct);
        Assert.Equal("SUCCESS", verified.Status);
        await stack.Pool.Client.SetUserMfaPreferenceAsync(new SetUserMfaPreferenceRequest
        {
            AccessToken = fresh.AccessToken, SoftwareTokenMfaSettings = new MfaPreferenceSettings { Enabled = true, PreferredMfa = true },
        }, Ct);

        // Nothing of the old user shows: not the old device, not the old codes.
        var status = await app.SendAsync(app.SignedIn(HttpApiRequestBuilder.Get("/v1/me/totp"), fresh));
        Assert.True(status.StatusCode == 200, status.BodyText);
        Assert.True(status.Data.GetProperty("enrolled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, status.Data.GetProperty("deviceName").ValueKind);
        Assert.Equal(0, status.Data.GetProperty("recoveryCodesRemaining").GetInt32());

        // The old owner still holds the old codes: they remove nothing of the new user's.
        foreach (var code in oldCodes.Take(2))
            Assert.Equal(202, (await app.RecoverAsync(username, code, stack.NextSourceIp())).StatusCode);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, (await stack.Pool.SignInAsync(username, CognitoTestPool.Password)).ChallengeName);
    }
}
