using Enrollment.Core.Audit;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.SignIn;
using Enrollment.Core.Totp;

namespace Enrollment.Testing;

/// <summary>
/// Tenants, users and in-memory ports for the sign-in triggers, on a clock the test moves.
/// Tenant "demo" (client demo-client-id) requires MFA with a 14-day grace period; "relaxed" (relaxed-client-id)
/// does not, and issues no recovery codes. Users of "demo" (bound by custom:tenant_id, state keyed by sub):
/// enrolled-user (software token at Cognito, enrollment record, two recovery codes), new-user (never seen),
/// late-user (grace started 60 days ago), recovered-user (software token at Cognito, signed in with a recovery code
/// after enrolling), removed-user (enrolled through us, then the factor removed at Cognito: our record left behind),
/// outside-user (a software token set up at Cognito around the policy: no record). relaxed-user belongs to "relaxed";
/// unbound-user has no binding.
/// </summary>
public sealed class SignInWorld
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    public const string DemoClient = "demo-client-id";
    public const string RelaxedClient = "relaxed-client-id";
    public const string UserPoolId = "us-east-1_Example1";
    public const string RecoveryCode1 = "K7Q2-M9XD-4HPA";
    public const string RecoveryCode2 = "B3ZR-8WNC-6TFE";

    /// <summary>The subs the event files in events/ carry, so a replayed file finds its user's state.</summary>
    private static readonly Dictionary<string, string> Subs = new()
    {
        ["enrolled-user"] = "6b1f3c2e-0a41-4d7e-9c55-1e2f3a4b5c6d",
        ["new-user"] = "0d5a7e39-2b6c-4f18-8a9d-7c6b5a4e3f21",
        ["late-user"] = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
        ["recovered-user"] = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
        ["removed-user"] = "5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f",
        ["outside-user"] = "7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d",
        ["relaxed-user"] = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
        ["unbound-user"] = "4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a",
    };

    /// <summary>The user's sub: the key of all its state.</summary>
    public static string Sub(string username) => Subs.TryGetValue(username, out var sub) ? sub : "sub-" + username;

    public static readonly TenantPolicy Demo = new()
    {
        TenantId = "demo",
        DisplayName = "Demo Corp",
        AppClientIds = [DemoClient],
        Mfa = new MfaRules { Required = true, GracePeriodDays = 14 },
        SignIn = new SignInRules { MaxChallengeFailures = 3 },
        Recovery = new RecoveryRules { CodeCount = 10, MaxAttemptsPerHour = 5 },
    };

    public static readonly TenantPolicy Relaxed = new()
    {
        TenantId = "relaxed",
        AppClientIds = [RelaxedClient],
        Mfa = new MfaRules { Required = false },
        Recovery = new RecoveryRules { CodeCount = 0 },
    };

    public SignInWorld()
    {
        Calls = new CallLog();
        Policies = new FakePolicyStore(Calls, Demo, Relaxed);
        Limiter = new FakeLimiter(Calls);
        Audit = new FakeAuditLog(Calls);
        var trail = new AuditTrail(Audit, Time);
        SignIn = new SignInService(Policies, Enrollments, Grace, Recoveries, RecoveryCodes, Limiter, UserPool, trail, Time);
        TokenClaims = new TokenClaimsService(Policies, Enrollments, Grace, Recoveries, UserPool, trail, Time);

        Enroll("enrolled-user", "Pixel 9", Start.AddDays(-50));
        RecoveryCodes.Issue("demo", Sub("enrolled-user"), RecoveryCode1, RecoveryCode2);
        Grace.Seed("demo", Sub("late-user"), Start.AddDays(-60));
        Enroll("recovered-user", "Old phone", Start.AddDays(-50));
        Recoveries.RecordAsync("demo", Sub("recovered-user"), Start.AddDays(-9), default).Wait();
        Enroll("removed-user", "Pixel 7", Start.AddDays(-30));
        UserPool.RemoveFactor("removed-user");
        UserPool.AddUser("outside-user", FakeSignInUserPool.SoftwareTokenMfa);
        foreach (var username in new[] { "new-user", "late-user", "someone", "relaxed-user", "unbound-user" }) UserPool.AddUser(username);
    }

    public FixedTime Time { get; } = new(Start);
    public CallLog Calls { get; }
    public FakePolicyStore Policies { get; }
    public FakeLimiter Limiter { get; }
    public FakeAuditLog Audit { get; }
    public MemoryEnrollmentRecordStore Enrollments { get; } = new();
    public MemoryGracePeriodStore Grace { get; } = new();
    public MemoryRecoverySignInStore Recoveries { get; } = new();
    public MemoryRecoveryCodeVerifier RecoveryCodes { get; } = new();
    public FakeSignInUserPool UserPool { get; } = new(UserPoolId);
    public SignInService SignIn { get; }
    public TokenClaimsService TokenClaims { get; }

    /// <summary>Enrolled through us: the software token at Cognito and our record, both.</summary>
    public void Enroll(string username, string device, DateTimeOffset at, string tenantId = "demo")
    {
        UserPool.AddUser(username, FakeSignInUserPool.SoftwareTokenMfa);
        Enrollments.PutAsync(new EnrollmentRecord(tenantId, Sub(username), Sub(username), device, at), default).Wait();
    }

    public static SignInAttempt Attempt(string username, IReadOnlyList<SessionEntry>? session = null, SignInMode mode = SignInMode.Normal,
        bool userNotFound = false, string clientId = DemoClient, string? tenant = "demo") => new()
    {
        RequestId = "req-" + Guid.NewGuid().ToString("n")[..8],
        ClientId = clientId,
        Username = username,
        UserPoolId = UserPoolId,
        UserSub = userNotFound ? null : Sub(username),
        TenantBinding = userNotFound ? null : tenant,
        Session = session ?? [],
        Mode = mode,
        UserNotFound = userNotFound,
    };
}
