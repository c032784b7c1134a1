using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Core.Policy;
using Enrollment.Core.SignIn;

namespace Enrollment.Testing;

/// <summary>
/// Tenants, users and in-memory ports for the sign-in triggers, on a clock the test moves.
/// Tenant "demo" (client demo-client-id) requires MFA with a 14-day grace period; "relaxed" (relaxed-client-id)
/// does not, and issues no recovery codes. Users of "demo": enrolled-user (two recovery codes), new-user (never
/// seen), late-user (grace started 60 days ago), recovered-user (signed in with a recovery code after enrolling).
/// </summary>
public sealed class SignInWorld
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    public const string DemoClient = "demo-client-id";
    public const string RelaxedClient = "relaxed-client-id";
    public const string RecoveryCode1 = "K7Q2-M9XD-4HPA";
    public const string RecoveryCode2 = "B3ZR-8WNC-6TFE";

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
        SignIn = new SignInService(Policies, Enrollments, Grace, Recoveries, RecoveryCodes, Limiter, trail, Time);
        TokenClaims = new TokenClaimsService(Policies, Enrollments, Grace, Recoveries, trail, Time);

        Enrollments.PutAsync(new EnrollmentRecord("demo", "enrolled-user", "sub-enrolled", "Pixel 9", Start.AddDays(-50)), default).Wait();
        RecoveryCodes.Issue("demo", "enrolled-user", RecoveryCode1, RecoveryCode2);
        Grace.Seed("demo", "late-user", Start.AddDays(-60));
        Enrollments.PutAsync(new EnrollmentRecord("demo", "recovered-user", "sub-recovered", "Old phone", Start.AddDays(-50)), default).Wait();
        Recoveries.RecordAsync("demo", "recovered-user", Start.AddDays(-9), default).Wait();
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
    public SignInService SignIn { get; }
    public TokenClaimsService TokenClaims { get; }

    public static SignInAttempt Attempt(string username, IReadOnlyList<SessionEntry>? session = null, SignInMode mode = SignInMode.Normal,
        bool userNotFound = false, string clientId = DemoClient) => new()
    {
        RequestId = "req-" + Guid.NewGuid().ToString("n")[..8],
        ClientId = clientId,
        Username = username,
        Session = session ?? [],
        Mode = mode,
        UserNotFound = userNotFound,
    };
}
