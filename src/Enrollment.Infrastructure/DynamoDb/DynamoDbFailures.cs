using System.Net.Sockets;
using Amazon.Runtime;
using Enrollment.Core.Errors;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Which failures mean "the store cannot be reached", and the error that says so. The library's text never
/// reaches the message: it may name hosts, tables or request ids.
/// </summary>
internal static class DynamoDbFailures
{
    public const string AuditUnavailable = "The audit store is unavailable; nothing was returned.";
    public const string PolicyUnavailable = "The tenant policy store is unavailable; nothing was returned.";
    public const string RateLimitUnavailable = "The rate limit store is unavailable; nothing was returned.";
    public const string EnrollmentRecordUnavailable = "The enrollment record store is unavailable; nothing was returned.";
    public const string RecoveryCodesUnavailable = "The recovery code store is unavailable; nothing was returned.";

    /// <summary>
    /// Service errors (throttling, access denied, missing table), client errors (credentials, endpoint),
    /// network errors and timeouts. A cancelled token counts too: in a function the only token is the request's
    /// budget, and when it expires while a store is being waited on, the store is the dependency that failed, so
    /// the answer is its SERVICE_UNAVAILABLE rather than a generic timeout.
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AmazonServiceException or AmazonClientException => true,
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        OperationCanceledException => true,
        _ => false,
    };

    public static EnrollmentException Unavailable(string message) => new(ErrorCode.ServiceUnavailable, message);

    /// <summary>Runs one call; a store that cannot be reached becomes SERVICE_UNAVAILABLE with <paramref name="message"/>.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call, string message, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw Unavailable(message);
        }
    }
}
