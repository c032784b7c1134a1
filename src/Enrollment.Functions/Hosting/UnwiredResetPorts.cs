using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// Stands in for the reset's adapters (CognitoUserPoolAdmin, DynamoDbEnrollmentRecordStore) until they are merged:
/// the reset function starts and authorizes, then fails closed with SERVICE_UNAVAILABLE; nothing is removed.
/// </summary>
internal sealed class UnwiredResetPorts : IUserPoolAdmin, IEnrollmentRecordStore
{
    private static EnrollmentException Unavailable() =>
        new(ErrorCode.ServiceUnavailable, "The authenticator reset is not available in this build; nothing was changed.");

    public Task<FactorRemoval> RemoveSoftwareTokenAsync(string username, CancellationToken cancellationToken) => throw Unavailable();

    public Task<EnrollmentRecord?> GetAsync(string tenantId, string username, CancellationToken cancellationToken) => throw Unavailable();

    public Task PutAsync(EnrollmentRecord record, CancellationToken cancellationToken) => throw Unavailable();

    public Task DeleteAsync(string tenantId, string username, CancellationToken cancellationToken) => throw Unavailable();
}
