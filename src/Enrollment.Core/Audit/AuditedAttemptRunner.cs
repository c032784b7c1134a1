using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Audit;

/// <summary>
/// Runs one attempt and writes its audit event, success or failure: every attempt leaves exactly one. If the
/// audit store fails, the caller gets SERVICE_UNAVAILABLE and the result (which may hold a secret) is dropped.
/// </summary>
public sealed class AuditedAttemptRunner(TenantResolver tenants, AuditTrail audit)
{
    public async Task<T> RunAsync<T>(string eventType, CallerContext caller, Func<AuditedAttempt, Task<T>> work,
        CancellationToken cancellationToken, string? deviceName = null)
    {
        var attempt = new AuditedAttempt(caller) { DeviceName = deviceName };
        T result;
        try
        {
            result = await work(attempt);
        }
        catch (EnrollmentException failure)
        {
            await RecordAsync(eventType, attempt, failure, cancellationToken);
            throw;
        }
        await RecordAsync(eventType, attempt, attempt.UndisclosedFailure, cancellationToken);
        return result;
    }

    /// <summary>The caller's tenant and the policy rules that need no I/O (enabled, client, app version, network).</summary>
    /// <param name="accessToken">The signed-in caller's token (the tenant binding is read with it); null on the MFA_SETUP session path.</param>
    public Task<CompiledTenantPolicy> ResolveAndGateAsync(AuditedAttempt attempt, CancellationToken cancellationToken, string? accessToken = null) =>
        GateAsync(attempt, accessToken is null
            ? tenants.ResolveAsync(attempt.Caller, cancellationToken)
            : tenants.ResolveAsync(attempt.Caller, accessToken, cancellationToken));

    /// <summary>A tenant already resolved from the user's binding (recovery: the user found by AdminGetUser), then the gate.</summary>
    public static async Task<CompiledTenantPolicy> GateAsync(AuditedAttempt attempt, Task<CompiledTenantPolicy> resolving)
    {
        var policy = await resolving;
        attempt.Policy = policy;
        EnrollmentGate.Check(policy, attempt.Caller);
        return policy;
    }

    private Task RecordAsync(string eventType, AuditedAttempt attempt, EnrollmentException? failure, CancellationToken cancellationToken) =>
        audit.RecordAsync(eventType, attempt.Caller, attempt.Policy, failure, cancellationToken, attempt.DeviceName, factorRemoval: attempt.FactorRemoval, signOut: attempt.SignOut, after: attempt.IntentAt);
}
