using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Lifecycle;

/// <summary>
/// The whole story on moto, through the handlers as production wires them: enroll, lose the phone, recover with
/// one code (which also ends the lost phone's sessions), sign in without TOTP, enroll again. Nothing secret reaches
/// the log or the audit table.
/// </summary>
/// <remarks>
/// moto has no AdminDeleteSoftwareToken, so recovery takes the fallback (preference off), and in an MFA "ON" pool
/// moto keeps asking for SOFTWARE_TOKEN_MFA after it (it keys on the verified token, not the preference): the
/// MFA_SETUP-after-recovery branch of AWS cannot be reached here. The pool is OPTIONAL, where "no TOTP
/// challenge at the next sign-in" is what the user sees.
/// </remarks>
[Collection(LifecycleCollection.Name)]
public sealed class LostAuthenticatorStoryTests(LifecycleStack stack)
{
    private readonly LifecycleFunctions _app = new(stack);

    [Fact]
    public async Task Enroll_lose_the_phone_recover_with_one_code_sign_in_without_totp_and_enroll_again()
    {
        var username = await stack.Pool.CreateConfirmedUserAsync();
        var phone = (await stack.Pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult!;
        var user = new PoolUser(username, phone.AccessToken!);
        var ip = stack.NextSourceIp();

        // Enroll: the verify answer carries the recovery codes, once.
        var (verify, secret, _) = await _app.EnrollAsync(user, "Pixel 9");
        var codes = LifecycleFunctions.CodesOf(verify);
        Assert.Equal(10, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[A-Z2-7]{5}-[A-Z2-7]{5}$", c));

        var status = await _app.SendAsync(_app.SignedIn(HttpApiRequestBuilder.Get("/v1/me/totp"), user));
        Assert.Equal(200, status.StatusCode);
        Assert.True(status.Data.GetProperty("enrolled").GetBoolean());
        Assert.True(status.Data.GetProperty("preferred").GetBoolean());
        Assert.Equal("Pixel 9", status.Data.GetProperty("deviceName").GetString());
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(status.Data.GetProperty("enrolledAt").GetString()!) < TimeSpan.FromMinutes(2));
        Assert.Equal(10, status.Data.GetProperty("recoveryCodesRemaining").GetInt32());
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, (await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password)).ChallengeName);

        // The phone is lost: one code, typed loosely, removes the authenticator.
        var recovered = await _app.RecoverAsync(user.Username, codes[0].ToLowerInvariant().Replace("-", " "), ip);
        Assert.Equal(202, recovered.StatusCode);
        Assert.Equal("ACCEPTED", recovered.Data.GetProperty("status").GetString());

        var recovery = (await stack.AuditOfAsync(user.Username)).Last();
        Assert.Equal(("TOTP_RECOVERY", "SUCCESS", "PREFERENCE_DISABLED", "SIGNED_OUT"),
            (recovery["eventType"].S, recovery["outcome"].S, recovery["factorRemoval"].S, recovery["signOut"].S));

        // The lost phone's session ended with its factor: the old refresh token mints nothing, the old access token
        // is refused by the user pool and by our own routes that read it.
        var refresh = await Assert.ThrowsAsync<CognitoServiceException>(() => stack.Pool.RefreshAsync(phone.RefreshToken!));
        Assert.Equal("NotAuthorizedException", refresh.ErrorType);
        var getUser = await Assert.ThrowsAsync<CognitoServiceException>(() => stack.Pool.Client.GetUserAsync(new GetUserRequest { AccessToken = user.AccessToken }, TestContext.Current.CancellationToken));
        Assert.Equal("NotAuthorizedException", getUser.ErrorType);
        Assert.Equal(401, (await _app.SendAsync(_app.SignedIn(HttpApiRequestBuilder.Get("/v1/me/totp"), user))).StatusCode);

        // The next sign-in has no TOTP challenge; the status shows nothing left.
        var signIn = await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password);
        Assert.Null(signIn.ChallengeName);
        var fresh = new PoolUser(user.Username, signIn.AuthenticationResult!.AccessToken!);
        var after = await _app.SendAsync(_app.SignedIn(HttpApiRequestBuilder.Get("/v1/me/totp"), fresh));
        Assert.False(after.Data.GetProperty("enrolled").GetBoolean());
        Assert.Equal(0, after.Data.GetProperty("recoveryCodesRemaining").GetInt32());

        // The same code, or any other of the old set, changes nothing now (and is answered the same).
        Assert.Equal(202, (await _app.RecoverAsync(user.Username, codes[0], ip)).StatusCode);
        // A used code proves nothing: that attempt names no user, so the user's trail still ends with the recovery.
        var lastItem = (await stack.AuditOfAsync(user.Username)).OrderBy(e => e["sk"].S, StringComparer.Ordinal).Last();
        Assert.Equal(("TOTP_RECOVERY", "SUCCESS"), (lastItem["eventType"].S, lastItem["outcome"].S));

        // Enroll again: a new set; an old code does not undo the new authenticator.
        var (again, _, _) = await _app.EnrollAsync(fresh, "iPhone 17");
        var newCodes = LifecycleFunctions.CodesOf(again);
        Assert.Empty(newCodes.Intersect(codes));
        Assert.Equal(202, (await _app.RecoverAsync(user.Username, codes[1], ip)).StatusCode);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, (await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password)).ChallengeName);
        var last = await _app.SendAsync(_app.SignedIn(HttpApiRequestBuilder.Get("/v1/me/totp"), fresh));
        Assert.Equal(("iPhone 17", 10), (last.Data.GetProperty("deviceName").GetString(), last.Data.GetProperty("recoveryCodesRemaining").GetInt32()));

        // Nothing secret in the log or in any audit item. (TOTP codes are left out of this search: six digits
        // turn up inside timestamps by chance; the fake-backed log test covers them.)
        var log = _app.Log.ToString();
        var audit = await stack.EverythingInTheAuditAsync();
        foreach (var secretValue in new[] { user.AccessToken, phone.RefreshToken!, fresh.AccessToken, secret }.Concat(codes).Concat(newCodes).Concat(codes.Select(c => c.Replace("-", ""))))
        {
            Assert.DoesNotContain(secretValue, log, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secretValue, audit, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("\"route\":\"POST /v1/recovery/totp\"", log);
    }
}
