using System.Diagnostics;
using System.Text.Json.Nodes;
using Enrollment.Core.Audit;
using Enrollment.Core.Identity;
using Enrollment.Core.SignIn;
using Enrollment.Core.UserPool;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Triggers;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Triggers;

/// <summary>
/// Issue 8 at sign-in, through the trigger functions with Cognito-shaped events: Cognito proves the factor, the
/// binding names the tenant, a recovery closes the door, no sign-in restarts a grace period. And issue 11's trigger
/// edge cases that are not a single event file.
/// </summary>
public sealed class SignInTrustTests
{
    private const string Password = "correct horse battery";
    private const string Totp = "246810";
    private readonly TriggerFunctions _functions = new();
    private readonly CognitoSimulator _cognito;

    public SignInTrustTests()
    {
        _cognito = new CognitoSimulator(_functions)
            .WithUser("enrolled-user", Password, Totp)
            .WithUser("new-user", Password)
            .WithUser("removed-user", Password)
            .WithUser("outside-user", Password, Totp);
    }

    private SignInWorld World => _functions.World;

    private static Func<AppStep, string> App(params string[] codes)
    {
        var next = new Queue<string>(codes);
        return step => step.ChallengeName == ChallengeNames.SoftwareTokenMfa ? Totp
            : step.Custom == CustomChallenges.EnrollmentGate ? "ACK"
            : next.Dequeue();
    }

    private static JsonArray AfterPassword() => [CognitoEvents.SessionEntry("SRP_A", true), CognitoEvents.SessionEntry("PASSWORD_VERIFIER", true)];

    [Fact]
    public async Task A_factor_removed_at_Cognito_no_longer_passes_as_enrolled_and_starts_no_grace()
    {
        // Past grace for a user who once enrolled: the gate, then enrollment-only tokens; the disagreement is audited.
        var result = await _cognito.SignInAsync("removed-user", Password, App(), scopes: ["openid", ClaimNames.EnrollmentScope]);

        Assert.True(result.Succeeded);
        Assert.Equal([ChallengeNames.PasswordVerifier, CustomChallenges.EnrollmentGate], result.Steps.Select(s => s.Custom ?? s.ChallengeName));
        Assert.Equal(CustomChallengeSpec.EnrollmentOnlyAccess, result.Steps[1].Parameters[CustomChallengeSpec.Access]);
        Assert.Equal(("false", "true"), (result.AccessClaims[ClaimNames.MfaEnrolled], result.AccessClaims[ClaimNames.MfaEnrollmentOnly]));
        Assert.Equal(["openid"], result.SuppressedScopes);
        Assert.Contains(World.Audit.Events, e => (e.Reason, e.Outcome) == (SignInReasons.FactorRemovedOutsideApi, AuditOutcome.Denied));
        Assert.Null(World.Grace.StartOf("demo", SignInWorld.Sub("removed-user")));
    }

    [Fact]
    public async Task A_factor_set_up_around_the_policy_is_audited_and_counts_only_where_the_tenant_accepts_it()
    {
        var refused = await _cognito.SignInAsync("outside-user", Password, App());
        Assert.True(refused.Succeeded);
        Assert.Contains(CustomChallenges.EnrollmentGate, refused.Steps.Select(s => s.Custom));
        Assert.Equal("false", refused.AccessClaims[ClaimNames.MfaEnrolled]);
        Assert.Contains(World.Audit.Events, e => (e.Reason, e.Outcome) == (SignInReasons.FactorOutsidePolicy, AuditOutcome.Denied));

        World.Policies.Put(SignInWorld.Demo with { Mfa = SignInWorld.Demo.Mfa with { AcceptFactorsOutsidePolicy = true } });
        World.Audit.Events.Clear();
        var accepted = await _cognito.SignInAsync("outside-user", Password, App());
        Assert.True(accepted.Succeeded);
        Assert.DoesNotContain(CustomChallenges.EnrollmentGate, accepted.Steps.Select(s => s.Custom));
        Assert.Equal("true", accepted.AccessClaims[ClaimNames.MfaEnrolled]);
        Assert.Contains(World.Audit.Events, e => (e.Reason, e.Outcome) == (SignInReasons.FactorOutsidePolicy, AuditOutcome.Success));
        Assert.Contains(World.Audit.Events, e => e.Reason == SignInReasons.MfaEnrolled);
    }

    [Fact]
    public async Task Cognito_is_asked_only_when_the_session_does_not_already_prove_the_factor()
    {
        await _functions.InvokeAsync(CognitoEvents.Define("enrolled-user", [.. AfterPassword().Select(e => e!.DeepClone()), CognitoEvents.SessionEntry("SOFTWARE_TOKEN_MFA", true)], null, false));
        Assert.Equal(0, World.UserPool.GetUserCalls);
        var retry = new JsonArray([.. AfterPassword().Select(e => e!.DeepClone()), CognitoEvents.SessionEntry("CUSTOM_CHALLENGE", false, CustomChallenges.EnrollmentGate)]);
        await _functions.InvokeAsync(CognitoEvents.Define("new-user", retry, null, false));
        Assert.Equal(0, World.UserPool.GetUserCalls); // a retry needs nothing about the user
        await _functions.InvokeAsync(CognitoEvents.Define("enrolled-user", AfterPassword(), null, false));
        Assert.Equal(1, World.UserPool.GetUserCalls);
    }

    [Fact]
    public async Task When_Cognito_cannot_be_asked_Define_fails_and_pre_token_generation_throws()
    {
        World.UserPool.Down = true;
        var define = await _functions.InvokeAsync(CognitoEvents.Define("enrolled-user", AfterPassword(), null, false));
        Assert.True((bool)define["response"]!["failAuthentication"]!);
        Assert.False((bool)define["response"]!["issueTokens"]!);
        await Assert.ThrowsAsync<TriggerFailedException>(() => _functions.InvokeAsync(CognitoEvents.PreToken("enrolled-user", ["openid"])));
        Assert.All(World.Audit.Events, e => Assert.Equal(AuditOutcome.Failed, e.Outcome));
    }

    [Fact]
    public async Task A_hung_user_pool_fails_the_sign_in_inside_the_budget()
    {
        var world = new SignInWorld();
        var log = new StringWriter();
        var root = new ServiceRoot(TestRoots.Ports(world) with { SignInUserPool = new HangingUserPool() }, TestRoots.Settings(), world.Time, new FunctionLog(log));
        var define = new DefineAuthChallengeFunction(root.SignIn, new TriggerRunner(new FunctionLog(log), TimeSpan.FromMilliseconds(200)));

        var clock = Stopwatch.StartNew();
        var returned = await TriggerFunctions.InvokeAsync(define.Handle, CognitoEvents.Define("enrolled-user", AfterPassword(), null, false).ToJsonString());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3));
        Assert.True((bool)returned["response"]!["failAuthentication"]!);
        Assert.Contains("\"code\":\"TIMEOUT\"", log.ToString());
    }

    [Fact]
    public async Task A_recovery_sign_in_signs_the_user_out_everywhere_before_its_tokens_and_records_it()
    {
        _cognito.WithUser("enrolled-user", Password); // the lost phone's token is off, so Cognito asks no TOTP

        var result = await _cognito.SignInAsync("enrolled-user", Password, App(SignInWorld.RecoveryCode1), modeOnPassword: "recovery");

        Assert.True(result.Succeeded);
        Assert.Equal(["enrolled-user"], World.UserPool.SignedOut);
        var recovered = Assert.Single(World.Audit.Events, e => e.Reason == SignInReasons.Recovered);
        Assert.Equal(GlobalSignOut.SignedOut, recovered.SignOut);
        // Define records the decision after the sign-out returned, and pre token generation runs after Define.
        Assert.True(World.Audit.Events.IndexOf(recovered) < World.Audit.Events.FindIndex(e => e.Reason == SignInReasons.TokensEnrollmentOnly));
    }

    [Fact]
    public async Task A_recovery_sign_in_whose_sign_out_fails_gets_no_tokens()
    {
        _cognito.WithUser("enrolled-user", Password);
        World.UserPool.SignOutDown = true;

        var result = await _cognito.SignInAsync("enrolled-user", Password, App(SignInWorld.RecoveryCode1), modeOnPassword: "recovery");

        Assert.False(result.Succeeded);
        var failed = World.Audit.Events[^1];
        Assert.Equal((AuditOutcome.Failed, SignInReasons.SignOutFailed, "UPSTREAM_ERROR"), (failed.Outcome, failed.Reason, failed.SignOut));
        Assert.DoesNotContain(World.Audit.Events, e => e.Reason == SignInReasons.TokensEnrollmentOnly);
    }

    [Fact]
    public async Task No_sign_in_restarts_a_grace_period()
    {
        // The first sign-in starts it; later sign-ins, a recovery sign-in and refreshed tokens read it back.
        var first = await _cognito.SignInAsync("new-user", Password, App());
        Assert.Equal("2026-03-15T10:00:00Z", first.AccessClaims[ClaimNames.MfaGraceEndsAt]);
        Assert.Equal(SignInWorld.Start, World.Grace.StartOf("demo", SignInWorld.Sub("new-user")));
        World.Time.Now = SignInWorld.Start.AddDays(20);
        World.RecoveryCodes.Issue("demo", SignInWorld.Sub("new-user"), "NEWU-SERC-ODE1");
        await _cognito.SignInAsync("new-user", Password, App("NEWU-SERC-ODE1"), modeOnPassword: "recovery");
        var late = await _cognito.SignInAsync("new-user", Password, App());
        await _functions.InvokeAsync(CognitoEvents.PreToken("new-user", ["openid"], triggerSource: "TokenGeneration_RefreshTokens"));

        Assert.Equal(SignInWorld.Start, World.Grace.StartOf("demo", SignInWorld.Sub("new-user")));
        Assert.Equal(1, World.Grace.StartsWritten);
        Assert.Equal("true", late.AccessClaims[ClaimNames.MfaEnrollmentOnly]); // after the recovery: enroll only
    }

    [Fact]
    public async Task A_session_of_sixty_thousand_passed_entries_fails_before_anything_is_read()
    {
        var session = AfterPassword();
        for (var i = 0; i < 60_000; i++) session.Add(CognitoEvents.SessionEntry("SOFTWARE_TOKEN_MFA", true));
        var returned = await _functions.InvokeAsync(CognitoEvents.Define("enrolled-user", session, null, false));

        Assert.True((bool)returned["response"]!["failAuthentication"]!);
        Assert.Equal(SignInReasons.SessionTooLong, World.Audit.Events[^1].Reason);
        Assert.Equal(0, World.UserPool.GetUserCalls);
        Assert.Equal(0, World.Enrollments.Reads);
    }

    [Fact]
    public async Task A_version_3_user_event_is_handled_like_version_2_and_a_client_credentials_event_is_refused()
    {
        var v3 = await _functions.InvokeAsync(CognitoEvents.PreToken("enrolled-user", ["openid"], version: "3"));
        Assert.Equal("demo", (string?)v3["response"]!["claimsAndScopeOverrideDetails"]!["accessTokenGeneration"]!["claimsToAddOrOverride"]!["tenant_id"]);

        var machine = CognitoEvents.PreToken("enrolled-user", ["orders.read"], triggerSource: PreTokenGenerationFunction.ClientCredentialsSource, version: "3");
        await Assert.ThrowsAsync<TriggerFailedException>(() => _functions.InvokeAsync(machine));
        Assert.Contains($"\"reason\":\"{SignInReasons.ClientCredentialsUnsupported}\"", _functions.Log.ToString());
    }

    [Fact]
    public async Task Enrollment_only_tokens_carry_the_claim_in_both_tokens_and_keep_only_the_enrollment_scope()
    {
        var returned = await _functions.InvokeAsync(CognitoEvents.PreToken("late-user", ["openid", "email", ClaimNames.EnrollmentScope, "orders.read", "openid"]));
        var details = returned["response"]!["claimsAndScopeOverrideDetails"]!;
        Assert.Equal("true", (string?)details["idTokenGeneration"]!["claimsToAddOrOverride"]![ClaimNames.MfaEnrollmentOnly]);
        Assert.Equal("true", (string?)details["accessTokenGeneration"]!["claimsToAddOrOverride"]![ClaimNames.MfaEnrollmentOnly]);
        Assert.Equal(["openid", "email", "orders.read"], details["accessTokenGeneration"]!["scopesToSuppress"]!.AsArray().Select(s => (string)s!));
    }

    private sealed class HangingUserPool : ISignInUserPool
    {
        public async Task<bool> HasSoftwareTokenAsync(string userPoolId, string username, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return true;
        }

        public Task SignOutEverywhereAsync(string userPoolId, string username, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
    }
}
