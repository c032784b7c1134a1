using System.Diagnostics.CodeAnalysis;
using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Recovery;
using Enrollment.Core.Removal;
using Enrollment.Core.SelfService;
using Enrollment.Core.SignIn;
using Enrollment.Functions.Http;
using Enrollment.Functions.Triggers;
using Enrollment.Infrastructure.Configuration;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The composition root of every function (HTTP, admin, trigger): services built from <see cref="Ports"/> and
/// <see cref="EnrollmentSettings"/> with plain constructors (no container, no reflection). Each service is built on
/// first use, so a function builds only its own and needs only its own settings; a failure (a missing setting) fails
/// that cold start and is not remembered. Tests build it from fake ports: <c>new ServiceRoot(ports, settings, time, log)</c>.
/// </summary>
public sealed class ServiceRoot
{
    /// <summary>An HTTP function's own time: inside the template's 10 s function timeout, with room to write the audit event.</summary>
    public static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(8);

    /// <summary>A trigger's own time for one invocation, under Cognito's 5 s that include the cold start.</summary>
    public static readonly TimeSpan TriggerBudget = TimeSpan.FromSeconds(3);

    private static readonly Lazy<ServiceRoot> SharedInstance = new(() => FromSettings(EnrollmentSettings.FromEnvironment()));
    private static readonly Lazy<ServiceRoot> SharedForTriggersInstance = new(() => FromSettings(EnrollmentSettings.FromEnvironment().ForSignInTriggers()));

    /// <summary>The process's root for the HTTP and admin functions, built on the first invoke (the cold start pays once).</summary>
    public static ServiceRoot Shared => SharedInstance.Value;

    /// <summary>
    /// The process's root for the sign-in triggers: the same type over clients with short attempts
    /// (<see cref="EnrollmentSettings.ForSignInTriggers"/>). A Lambda process hosts one function, so it builds one of the
    /// two roots, and so one DynamoDB and one Cognito client.
    /// </summary>
    public static ServiceRoot SharedForTriggers => SharedForTriggersInstance.Value;

    private readonly Lazy<TotpEnrollmentService> _enrollment;
    private readonly Lazy<ChallengeEnrollmentService> _challengeEnrollment;
    private readonly Lazy<TotpLifecycleService> _lifecycle;
    private readonly Lazy<TotpRecoveryService> _recovery;
    private readonly Lazy<TenantPolicyAdminService> _policies;
    private readonly Lazy<AuditSearchService> _audit;
    private readonly Lazy<TotpResetService> _reset;
    private readonly Lazy<GraceGrantService> _grace;
    private readonly Lazy<SignInService> _signIn;
    private readonly Lazy<TokenClaimsService> _tokenClaims;

    public ServiceRoot(Ports ports, EnrollmentSettings settings, TimeProvider time, FunctionLog log)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        HttpRunner = new HttpFunctionRunner(log, RequestBudget);
        TriggerRunner = new TriggerRunner(log, TriggerBudget);

        // Shared by the services of this process; plain objects, no I/O until a request.
        var audit = new AuditTrail(ports.Audit, time);
        // One binding reader (and its short cache by sub) for the user routes and the admin routes.
        var bindings = new TenantBindingReader(ports.UserTenants, time);
        var tenants = new TenantResolver(ports.Policies, bindings);
        var authorizer = new TenantAdminAuthorizer(ports.PolicyAdmin, bindings);
        var audited = new AuditedAdminAction(authorizer, audit);
        var destructive = new DestructiveAction(audit);
        var userPoolAdmin = Once(ports.UserPoolAdmin);
        var removal = Once(() => new LostFactorRemoval(userPoolAdmin.Value, ports.Enrollments, ports.RecoveryCodes));

        _enrollment = Once(() => new TotpEnrollmentService(tenants, ports.UserPool, ports.Limiter, audit, time, ports.Enrollments, ports.RecoveryCodes));
        _challengeEnrollment = Once(() => new ChallengeEnrollmentService(tenants, ports.UserPool, ports.MfaSetup, ports.Limiter, audit, time, ports.Enrollments));
        _lifecycle = Once(() => new TotpLifecycleService(tenants, ports.UserPool, ports.Enrollments, ports.RecoveryCodes, ports.Limiter, audit, time));
        _recovery = Once(() => new TotpRecoveryService(tenants, new RecoveryAttempts(ports.Limiter, time), ports.RecoveryCodes, userPoolAdmin.Value,
            removal.Value, destructive, audit));
        _policies = Once(() => new TenantPolicyAdminService(authorizer, ports.PolicyAdmin, audited));
        _audit = Once(() => new AuditSearchService(authorizer, ports.AuditReader, settings.CursorSigner(), time));
        _reset = Once(() => new TotpResetService(audited, new AdminUserLookup(userPoolAdmin.Value), removal.Value, destructive));
        _grace = Once(() => new GraceGrantService(audited, new AdminUserLookup(userPoolAdmin.Value), ports.Grace, time));
        _signIn = Once(() => new SignInService(ports.Policies, ports.Enrollments, ports.Grace, ports.Recoveries, ports.RecoveryCodes, ports.Limiter,
            ports.SignInUserPool, audit, time));
        _tokenClaims = Once(() => new TokenClaimsService(ports.Policies, ports.Enrollments, ports.Grace, ports.Recoveries, ports.SignInUserPool, audit, time));
    }

    /// <summary>The production root: settings as given, the production ports over one DynamoDB and one Cognito client.</summary>
    public static ServiceRoot FromSettings(EnrollmentSettings settings)
    {
        var log = new FunctionLog(Console.Out, FunctionLog.InfoEnabledFor(settings.LogLevel));
        return new(Ports.Production(settings, TimeProvider.System, log), settings, TimeProvider.System, log);
    }

    public EnrollmentSettings Settings { get; }
    public HttpFunctionRunner HttpRunner { get; }
    public TriggerRunner TriggerRunner { get; }

    public TotpEnrollmentService Enrollment => _enrollment.Value;

    /// <summary>The session routes; the trusted token issuer (USER_POOL_ID) is read on the first verify.</summary>
    public ChallengeEnrollmentService ChallengeEnrollment => _challengeEnrollment.Value;
    public TotpLifecycleService Lifecycle => _lifecycle.Value;

    /// <summary>Needs USER_POOL_ID (its Admin* calls): only the recovery function has it.</summary>
    public TotpRecoveryService Recovery => _recovery.Value;
    public TenantPolicyAdminService Policies => _policies.Value;

    /// <summary>Needs CURSOR_SIGNING_KEY: only the audit function has it.</summary>
    public AuditSearchService Audit => _audit.Value;

    /// <summary>Needs USER_POOL_ID: only the reset and grace functions (and recovery) have it.</summary>
    public TotpResetService Reset => _reset.Value;
    public GraceGrantService Grace => _grace.Value;
    public SignInService SignIn => _signIn.Value;
    public TokenClaimsService TokenClaims => _tokenClaims.Value;

    /// <summary>PublicationOnly: a failed build (a missing setting) is retried by the next caller, never cached as a failure.</summary>
    /// <remarks>The annotation repeats <see cref="Lazy{T}"/>'s own, so the native build's trim analysis can check each T.</remarks>
    private static Lazy<T> Once<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(Func<T> build) =>
        new(build, LazyThreadSafetyMode.PublicationOnly);
}
