using Enrollment.Core.Errors;
using Enrollment.Core.Recovery;
using Enrollment.Core.SignIn;
using Enrollment.Core.Totp;

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

/// <summary>
/// The user pool as AdminGetUser and AdminUserGlobalSignOut see it (botocore's cognito-idp model): each user's
/// <c>UserMFASettingList</c>. An unknown user or another pool fails as the adapter maps Cognito's
/// UserNotFoundException / ResourceNotFoundException: one UPSTREAM_ERROR. Can be put "down".
/// </summary>
public sealed class FakeSignInUserPool(string userPoolId) : ISignInUserPool
{
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";

    private readonly Dictionary<string, List<string>> _mfaSettings = new(StringComparer.OrdinalIgnoreCase); // the pool is case-insensitive
    private readonly List<string> _signedOut = [];

    public bool Down { get; set; }
    public bool SignOutDown { get; set; }
    public int GetUserCalls { get; private set; }

    /// <summary>Every AdminUserGlobalSignOut, in order (the usernames).</summary>
    public IReadOnlyList<string> SignedOut { get { lock (_signedOut) return [.. _signedOut]; } }

    public void AddUser(string username, params string[] mfaSettings)
    {
        lock (_mfaSettings) _mfaSettings[username] = [.. mfaSettings];
    }

    /// <summary>SetUserMFAPreference (or an operator) outside the API: the factor is gone from UserMFASettingList.</summary>
    public void RemoveFactor(string username)
    {
        lock (_mfaSettings) _mfaSettings[username].Remove(SoftwareTokenMfa);
    }

    public Task<bool> HasSoftwareTokenAsync(string poolId, string username, CancellationToken cancellationToken)
    {
        lock (_mfaSettings)
        {
            GetUserCalls++;
            if (Down || poolId != userPoolId || !_mfaSettings.TryGetValue(username, out var settings))
                throw new EnrollmentException(ErrorCode.UpstreamError, "The user pool could not be asked about the user.");
            return Task.FromResult(settings.Contains(SoftwareTokenMfa));
        }
    }

    public Task SignOutEverywhereAsync(string poolId, string username, CancellationToken cancellationToken)
    {
        if (SignOutDown || poolId != userPoolId)
            throw new EnrollmentException(ErrorCode.UpstreamError, "The user pool could not be asked about the user.");
        lock (_signedOut) _signedOut.Add(username);
        return Task.CompletedTask;
    }
}
