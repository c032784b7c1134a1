using Enrollment.Core.Audit;
using Enrollment.Core.SignIn;
using Enrollment.Functions.Triggers;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The triggers' composition root, separate from <see cref="FunctionServices"/> so a trigger loads only what it
/// needs (no QR code; a Cognito client for AdminGetUser and AdminUserGlobalSignOut only): one process-wide set, built
/// on first use. Tests call <see cref="Build"/>.
/// </summary>
public sealed class TriggerServices
{
    /// <summary>Our own time for one invocation, under Cognito's 5 s that include the cold start.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private static readonly Lazy<TriggerServices> SharedInstance =
        new(() => Build(TriggerProductionPorts.Create(Environment.GetEnvironmentVariable), TimeProvider.System, FunctionLog.Console));

    /// <summary>Throws <see cref="InvalidOperationException"/> when the production adapters are not wired (<see cref="TriggerProductionPorts.InfrastructureAdapters"/>).</summary>
    public static TriggerServices Shared => SharedInstance.Value;

    public required SignInService SignIn { get; init; }
    public required TokenClaimsService TokenClaims { get; init; }
    public required TriggerRunner Runner { get; init; }

    public static TriggerServices Build(TriggerPorts ports, TimeProvider time, FunctionLog log)
    {
        var audit = new AuditTrail(ports.Audit, time);
        return new TriggerServices
        {
            SignIn = new SignInService(ports.Policies, ports.Enrollments, ports.Grace, ports.Recoveries, ports.RecoveryCodes, ports.Limiter, ports.UserPool, audit, time),
            TokenClaims = new TokenClaimsService(ports.Policies, ports.Enrollments, ports.Grace, ports.Recoveries, ports.UserPool, audit, time),
            Runner = new TriggerRunner(log, Budget),
        };
    }
}
