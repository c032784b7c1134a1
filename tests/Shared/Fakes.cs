using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.UserPool;

namespace Enrollment.Testing;

/// <summary>Records the order of port calls so tests can assert the workflow's ordering contract.</summary>
public sealed class CallLog
{
    public List<string> Calls { get; } = [];

    /// <summary>False for benchmarks, so the log does not grow with every measured call.</summary>
    public bool Recording { get; init; } = true;

    public void Add(string call)
    {
        if (!Recording) return;
        lock (Calls) Calls.Add(call);
    }
}

public sealed class FakePolicyStore(CallLog log, params TenantPolicy[] policies) : ITenantPolicyStore
{
    public bool Down { get; set; }

    /// <summary>Replaces the tenant's policy (as an administrator's PUT would).</summary>
    public void Put(TenantPolicy policy) => policies[Array.FindIndex(policies, p => p.TenantId == policy.TenantId)] = policy;

    public Task<CompiledTenantPolicy?> FindByTenantIdAsync(string tenantId, CancellationToken cancellationToken)
    {
        log.Add("policy");
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        var p = policies.FirstOrDefault(x => x.TenantId == tenantId);
        return Task.FromResult(p is null ? null : new CompiledTenantPolicy(p));
    }

    public Task<CompiledTenantPolicy?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken)
    {
        log.Add("policy");
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        var p = policies.FirstOrDefault(x => x.AppClientIds.Contains(clientId));
        return Task.FromResult(p is null ? null : new CompiledTenantPolicy(p));
    }
}

public sealed class FakeUserPool(CallLog log) : IUserPoolTotp
{
    public const string Secret = "JBSWY3DPEHPK3PXP";
    public bool HasSoftwareToken { get; set; }
    public string RightCode { get; set; } = "123456";
    public EnrollmentException? Failure { get; set; }

    /// <summary>Answer a wrong code as VerifySoftwareToken's Status ERROR (the port allows it) instead of an exception.</summary>
    public bool WrongCodeAsStatusError { get; set; }

    public Task<UserPoolUser> GetUserAsync(string accessToken, CancellationToken cancellationToken)
    {
        log.Add("cognito:GetUser");
        return Task.FromResult(new UserPoolUser("jane", "sub-1", HasSoftwareToken, null));
    }

    /// <summary>The tenant binding GetUser returns (custom:tenant_id); null: a user created without one.</summary>
    public string? TenantAttribute { get; set; } = "acme";

    /// <summary>The <see cref="Enrollment.Core.Binding.IUserTenantLookup"/> side of GetUser (jane, sub-1, <see cref="TenantAttribute"/>).</summary>
    public Enrollment.Core.Binding.IUserTenantLookup Binding => new TenantLookup(this);

    /// <summary>How many times the binding was read (not in the call log, so ordering assertions stay about the workflow).</summary>
    public static int BindingReads;

    private sealed class TenantLookup(FakeUserPool pool) : Enrollment.Core.Binding.IUserTenantLookup
    {
        public Task<Enrollment.Core.Binding.UserBinding> GetSignedInUserAsync(string accessToken, CancellationToken cancellationToken)
        {
            BindingReads++;
            return Task.FromResult(new Enrollment.Core.Binding.UserBinding("jane", "sub-1", pool.TenantAttribute));
        }
    }

    public Task<TotpAssociation> AssociateAsync(TotpCredential credential, CancellationToken cancellationToken)
    {
        log.Add("cognito:Associate");
        if (Failure is not null) throw Failure;
        return Task.FromResult(new TotpAssociation(Secret, credential.Kind == TotpCredentialKind.Session ? "next-session" : null));
    }

    public Task<TotpVerification> VerifyAsync(TotpCredential credential, string code, string? deviceName, CancellationToken cancellationToken)
    {
        log.Add("cognito:Verify");
        if (Failure is not null) throw Failure;
        if (code != RightCode && WrongCodeAsStatusError) return Task.FromResult(new TotpVerification(false, null));
        if (code != RightCode) throw new EnrollmentException(ErrorCode.CodeMismatch, "wrong");
        return Task.FromResult(new TotpVerification(true, credential.Kind == TotpCredentialKind.Session ? "done-session" : null));
    }

    public Task SetSoftwareTokenPreferredAsync(string accessToken, CancellationToken cancellationToken)
    {
        log.Add("cognito:SetPreference");
        return Task.CompletedTask;
    }

    public Task DisableSoftwareTokenAsync(string accessToken, CancellationToken cancellationToken)
    {
        log.Add("cognito:Disable");
        HasSoftwareToken = false;
        return Task.CompletedTask;
    }
}

public sealed class FakeLimiter(CallLog log) : IRateLimiter
{
    private readonly Dictionary<string, int> _counts = [];
    public int Count(string action) { lock (_counts) return _counts.Where(kv => kv.Key.EndsWith(action)).Sum(kv => kv.Value); }

    public Task<RateLimitDecision> TryAcquireAsync(RateLimitCounter counter, int limit, CancellationToken cancellationToken)
    {
        log.Add("limit:" + counter.Action);
        lock (_counts)
        {
            var key = $"{counter.TenantId}|{counter.Subject}|{counter.WindowStart:O}|{counter.Action}";
            var count = _counts.GetValueOrDefault(key);
            if (count >= limit) return Task.FromResult(new RateLimitDecision(false));
            _counts[key] = count + 1;
            return Task.FromResult(new RateLimitDecision(true));
        }
    }

    public Task<int> CountAsync(RateLimitCounter counter, CancellationToken cancellationToken)
    {
        log.Add("count:" + counter.Action);
        lock (_counts) return Task.FromResult(_counts.GetValueOrDefault($"{counter.TenantId}|{counter.Subject}|{counter.WindowStart:O}|{counter.Action}"));
    }

    /// <summary>The count of one subject's counter of an action (any window).</summary>
    public int CountOf(string subject, string action) { lock (_counts) return _counts.Where(kv => kv.Key.Contains($"|{subject}|") && kv.Key.EndsWith(action)).Sum(kv => kv.Value); }

    public Task ReleaseAsync(RateLimitCounter counter, CancellationToken cancellationToken)
    {
        log.Add("release:" + counter.Action);
        lock (_counts)
        {
            var key = $"{counter.TenantId}|{counter.Subject}|{counter.WindowStart:O}|{counter.Action}";
            _counts[key] = Math.Max(0, _counts.GetValueOrDefault(key) - 1);
        }
        return Task.CompletedTask;
    }
}

public sealed class FakeAuditLog(CallLog log) : IAuditLog
{
    public List<AuditEvent> Events { get; } = [];
    public bool Down { get; set; }

    public Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        log.Add("audit:" + auditEvent.Outcome);
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "The audit store is unavailable.");
        lock (Events) Events.Add(auditEvent);
        return Task.CompletedTask;
    }
}

public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>GetUser by access token: the users a test registered under their tokens; an unknown token is UNAUTHORIZED.</summary>
public sealed class FakeTenantLookup : Enrollment.Core.Binding.IUserTenantLookup
{
    public Dictionary<string, Enrollment.Core.Binding.UserBinding> ByToken { get; } = new(StringComparer.Ordinal);
    public int Reads { get; private set; }

    public Task<Enrollment.Core.Binding.UserBinding> GetSignedInUserAsync(string accessToken, CancellationToken cancellationToken)
    {
        lock (ByToken)
        {
            Reads++;
            return ByToken.TryGetValue(accessToken, out var user)
                ? Task.FromResult(user)
                : throw new EnrollmentException(ErrorCode.Unauthorized, "unknown token");
        }
    }
}
