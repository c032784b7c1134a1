using System.Net.Sockets;
using Amazon.Runtime;
using Enrollment.Core.Errors;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Which failures mean "the store cannot be reached". What the caller is told is <see cref="StoreFailures"/> (Core):
/// the library's text never reaches the message (it may name hosts, tables or request ids).
/// </summary>
internal static class DynamoDbFailures
{
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

    /// <summary>Runs one call; a store that cannot be reached becomes <paramref name="unavailable"/> (a <see cref="StoreFailures"/> factory).</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call, Func<EnrollmentException> unavailable, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw unavailable();
        }
    }
}
