using Enrollment.Core.Errors;
using Enrollment.Core.Recovery;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;

namespace Enrollment.Testing;

/// <summary>Enrollment records in memory, logging each call for ordering assertions.</summary>
public sealed class FakeRecordStore(CallLog log) : IEnrollmentRecordStore
{
    public Dictionary<(string Tenant, string User), EnrollmentRecord> Records { get; } = [];

    public Task<EnrollmentRecord?> GetAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        log.Add("record:get");
        lock (Records) return Task.FromResult(Records.GetValueOrDefault((tenantId, username)));
    }

    public Task PutAsync(EnrollmentRecord record, CancellationToken cancellationToken)
    {
        log.Add("record:put");
        lock (Records) Records[(record.TenantId, record.UserSub ?? record.Username)] = record;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        log.Add("record:delete");
        lock (Records) Records.Remove((tenantId, username));
        return Task.CompletedTask;
    }
}

/// <summary>Recovery code sets in memory with the real hashing, so consuming a shown code works as in production.</summary>
public sealed class FakeRecoveryCodeStore(CallLog log) : IRecoveryCodeStore
{
    /// <summary>A fixed test pepper: hashing as production does, with a key that is not in any store.</summary>
    public static readonly byte[] TestPepper = System.Text.Encoding.ASCII.GetBytes("test-pepper-of-at-least-32-bytes-long");

    public RecoveryCodeHasher Hasher { get; } = new(TestPepper);

    private readonly Dictionary<(string Tenant, string User), (RecoveryCodeSet Set, HashSet<string> Used)> _sets = [];

    public bool Down { get; set; }

    public RecoveryCodeSet? SetOf(string tenantId, string username)
    {
        lock (_sets) return _sets.TryGetValue((tenantId, username), out var entry) ? entry.Set : null;
    }

    public Task<bool> TryConsumeAsync(string tenantId, string username, string code, CancellationToken cancellationToken)
    {
        log.Add("codes:consume");
        ThrowIfDown();
        var normalized = RecoveryCode.Normalize(code);
        lock (_sets)
        {
            if (normalized is null || !_sets.TryGetValue((tenantId, username), out var entry)) return Task.FromResult(false);
            var hash = Hasher.Hash(entry.Set.Salt, normalized);
            return Task.FromResult(entry.Set.Hashes.Contains(hash) && entry.Used.Add(hash));
        }
    }

    public Task ReplaceAsync(string tenantId, string username, RecoveryCodeSet set, CancellationToken cancellationToken)
    {
        log.Add("codes:replace");
        ThrowIfDown();
        lock (_sets) _sets[(tenantId, username)] = (set, []);
        return Task.CompletedTask;
    }

    public Task<int> CountRemainingAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        log.Add("codes:count");
        lock (_sets) return Task.FromResult(_sets.TryGetValue((tenantId, username), out var entry) ? entry.Set.Hashes.Count - entry.Used.Count : 0);
    }

    public Task DeleteAllAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        log.Add("codes:delete");
        ThrowIfDown();
        lock (_sets) _sets.Remove((tenantId, username));
        return Task.CompletedTask;
    }

    private void ThrowIfDown()
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "The recovery code store is unavailable.");
    }
}

/// <summary>The Admin* port: answers as told, or fails as told.</summary>
public sealed class FakeUserPoolAdmin(CallLog log) : IUserPoolAdmin
{
    /// <summary>The pool's users by username, matched case-insensitively as the template's pool does (CaseSensitive false).</summary>
    public Dictionary<string, Enrollment.Core.Binding.UserBinding> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Enrollment.Core.Binding.UserBinding AddUser(string username, string sub, string? tenantId)
    {
        var user = new Enrollment.Core.Binding.UserBinding(username, sub, tenantId);
        lock (Users) Users[username] = user;
        return user;
    }

    public Task<Enrollment.Core.Binding.UserBinding?> FindUserAsync(string username, CancellationToken cancellationToken)
    {
        log.Add("cognito:AdminGetUser");
        lock (Users) return Task.FromResult(Users.GetValueOrDefault(username));
    }

    public FactorRemoval Answer { get; set; } = FactorRemoval.Deleted;
    public EnrollmentException? Failure { get; set; }
    public List<string> Removed { get; } = [];

    public Task<FactorRemoval> RemoveSoftwareTokenAsync(string username, CancellationToken cancellationToken)
    {
        log.Add("cognito:AdminRemove");
        if (Failure is not null) throw Failure;
        lock (Removed) Removed.Add(username);
        return Task.FromResult(Answer);
    }

    /// <summary>When set, the sign-out fails with it (the removal before it still succeeds).</summary>
    public EnrollmentException? SignOutFailure { get; set; }
    public List<string> SignedOut { get; } = [];

    public Task SignOutEverywhereAsync(string username, CancellationToken cancellationToken)
    {
        log.Add("cognito:AdminSignOut");
        if (SignOutFailure is not null) throw SignOutFailure;
        lock (SignedOut) SignedOut.Add(username);
        return Task.CompletedTask;
    }
}
