using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;

namespace Enrollment.Testing;

// In-memory ports of the sign-in triggers. Each can be put "down" to act as an unreachable store, and none keeps a
// secret it was given beyond what the real adapter would (the recovery verifier keeps codes, as hashes would be).

public sealed class MemoryEnrollmentRecordStore : IEnrollmentRecordStore
{
    private readonly Dictionary<string, EnrollmentRecord> _records = [];
    public bool Down { get; set; }
    public int Reads { get; private set; }

    public Task<EnrollmentRecord?> GetAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        lock (_records)
        {
            Reads++;
            return Task.FromResult(_records.GetValueOrDefault($"{tenantId}|{username}"));
        }
    }

    public Task PutAsync(EnrollmentRecord record, CancellationToken cancellationToken)
    {
        lock (_records) _records[$"{record.TenantId}|{record.Username}"] = record;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        lock (_records) _records.Remove($"{tenantId}|{username}");
        return Task.CompletedTask;
    }
}

/// <summary>Records each start once, like the conditional put; counts the starts actually written.</summary>
public sealed class MemoryGracePeriodStore : IGracePeriodStore
{
    private readonly Dictionary<string, DateTimeOffset> _starts = [];
    public bool Down { get; set; }
    public int StartsWritten { get; private set; }
    public IReadOnlyCollection<string> Users { get { lock (_starts) return _starts.Keys.ToList(); } }

    public void Seed(string tenantId, string username, DateTimeOffset startedAt)
    {
        lock (_starts) _starts[$"{tenantId}|{username}"] = startedAt;
    }

    public DateTimeOffset? StartOf(string tenantId, string username)
    {
        lock (_starts) return _starts.TryGetValue($"{tenantId}|{username}", out var at) ? at : null;
    }

    public Task GrantAsync(string tenantId, string userSub, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        lock (_starts) _starts[$"{tenantId}|{userSub}"] = startedAt;
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset> GetOrStartAsync(string tenantId, string username, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        lock (_starts)
        {
            var key = $"{tenantId}|{username}";
            if (_starts.TryGetValue(key, out var started)) return Task.FromResult(started);
            _starts[key] = now;
            StartsWritten++;
            return Task.FromResult(now);
        }
    }
}

public sealed class MemoryRecoverySignInStore : IRecoverySignInStore
{
    private readonly Dictionary<string, DateTimeOffset> _last = [];
    public bool Down { get; set; }

    public Task RecordAsync(string tenantId, string username, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        lock (_last) _last[$"{tenantId}|{username}"] = at;
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetLastAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        lock (_last) return Task.FromResult(_last.TryGetValue($"{tenantId}|{username}", out var at) ? (DateTimeOffset?)at : null);
    }
}

/// <summary>Each code is consumed at most once, also under concurrency; wrong, used and unknown look the same.</summary>
public sealed class MemoryRecoveryCodeVerifier : IRecoveryCodeVerifier
{
    private readonly Dictionary<string, HashSet<string>> _unused = [];
    public bool Down { get; set; }
    public int Calls { get; private set; }
    public int Consumed { get; private set; }

    public void Issue(string tenantId, string username, params string[] codes)
    {
        lock (_unused) _unused[$"{tenantId}|{username}"] = [.. codes];
    }

    public int Remaining(string tenantId, string username)
    {
        lock (_unused) return _unused.TryGetValue($"{tenantId}|{username}", out var codes) ? codes.Count : 0;
    }

    public Task<bool> TryConsumeAsync(string tenantId, string username, string code, CancellationToken cancellationToken)
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        lock (_unused)
        {
            Calls++;
            var ok = _unused.TryGetValue($"{tenantId}|{username}", out var codes) && codes.Remove(code);
            if (ok) Consumed++;
            return Task.FromResult(ok);
        }
    }
}
