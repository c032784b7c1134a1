using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Enrollment.Core.Errors;
using Enrollment.Core.Time;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// The sign-in triggers' items in the user state table (one partition per user of a tenant:
/// <c>pk</c> = <see cref="UserStateKeys.UserPartition"/>, by sub), their timestamps, and which failures mean "unreachable".
/// </summary>
internal static class SignInStateItems
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    public static Dictionary<string, AttributeValue> Key(string tenantId, string username, string sortKey) => new()
    {
        [PartitionKey] = new AttributeValue { S = UserStateKeys.UserPartition(tenantId, username) },
        [SortKey] = new AttributeValue { S = sortKey },
    };

    /// <summary>Exact precision (<see cref="IsoTime.FormatExact"/>): the first sign-in returns what it writes, later ones read it back.</summary>
    public static AttributeValue Timestamp(DateTimeOffset at) => new() { S = IsoTime.FormatExact(at) };

    public static bool TryReadTimestamp(Dictionary<string, AttributeValue>? item, string attribute, out DateTimeOffset at)
    {
        at = default;
        return item is not null
            && item.TryGetValue(attribute, out var value)
            && IsoTime.TryParse(value.S, out at);
    }

    /// <summary>
    /// Service errors (throttling, access denied, missing table), client errors (credentials, endpoint), network
    /// errors and timeouts. The caller's own cancellation passes through. The library's text never reaches a message.
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AmazonServiceException or AmazonClientException => true,
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public static EnrollmentException UnavailableError() => StoreFailures.UserStateUnavailable();
}
