using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Http;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Http;

/// <summary>The four HTTP functions built with in-memory ports, and the log they write, for edge tests.</summary>
public sealed class FakeBackedFunctions
{
    public static readonly TenantPolicy Demo = new()
    {
        TenantId = "demo",
        DisplayName = "Demo Corp",
        AppClientIds = ["demo-client-id"],
        Enrollment = new EnrollmentRules { AllowedNetworks = ["203.0.113.0/24"], MinAppVersion = "2.0.0" },
    };

    public FakeBackedFunctions()
    {
        var calls = new CallLog();
        Calls = calls;
        Pool = new FakeUserPool(calls) { TenantAttribute = Demo.TenantId };
        Audit = new FakeAuditLog(calls);
        var tenants = new TenantResolver(new FakePolicyStore(calls, Demo), new Enrollment.Core.Binding.TenantBindingReader(Pool.Binding, TimeProvider.System));
        var limiter = new FakeLimiter(calls);
        var records = new FakeRecordStore(calls);
        var service = new TotpEnrollmentService(tenants, Pool, limiter, new AuditTrail(Audit, TimeProvider.System), TimeProvider.System,
            records, new FakeRecoveryCodeStore(calls));
        MfaSetup = new FakeMfaSetupCompletion(calls);
        var challenge = new ChallengeEnrollmentService(tenants, Pool, MfaSetup, limiter, new AuditTrail(Audit, TimeProvider.System), TimeProvider.System, records);
        var runner = new HttpFunctionRunner(new FunctionLog(Log), TimeSpan.FromSeconds(5));
        MeAssociate = new MeAssociateTotpFunction(service, runner);
        MeVerify = new MeVerifyTotpFunction(service, runner);
        ChallengeAssociate = new ChallengeAssociateTotpFunction(challenge, runner);
        ChallengeVerify = new ChallengeVerifyTotpFunction(challenge, runner);
    }

    public CallLog Calls { get; }
    public FakeUserPool Pool { get; }
    public FakeMfaSetupCompletion MfaSetup { get; }
    public FakeAuditLog Audit { get; }
    public StringWriter Log { get; } = new();
    public MeAssociateTotpFunction MeAssociate { get; }
    public MeVerifyTotpFunction MeVerify { get; }
    public ChallengeAssociateTotpFunction ChallengeAssociate { get; }
    public ChallengeVerifyTotpFunction ChallengeVerify { get; }

    public Func<Stream, Task<Stream>> ForRoute(string route) => route switch
    {
        MeAssociateTotpFunction.Route => MeAssociate.Handle,
        MeVerifyTotpFunction.Route => MeVerify.Handle,
        ChallengeAssociateTotpFunction.Route => ChallengeAssociate.Handle,
        ChallengeVerifyTotpFunction.Route => ChallengeVerify.Handle,
        _ => throw new ArgumentException(route),
    };
}
