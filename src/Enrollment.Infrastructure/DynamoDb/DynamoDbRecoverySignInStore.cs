using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.SignIn;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// The last recovery sign-in in the user state table: item <c>sk = RECOVERY</c>, attribute <c>recoveredAt</c>.
/// Read consistently: pre token generation runs milliseconds after Verify wrote it, and must see it.
/// </summary>
public sealed class DynamoDbRecoverySignInStore(IAmazonDynamoDB client, string tableName) : IRecoverySignInStore
{
    public const string RecoverySortKey = "RECOVERY";
    public const string RecoveredAt = "recoveredAt";

    public async Task RecordAsync(string tenantId, string username, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(SignInStateItems.Key(tenantId, username, RecoverySortKey))
                {
                    [RecoveredAt] = SignInStateItems.Timestamp(at),
                },
            }, cancellationToken);
        }
        catch (Exception ex) when (SignInStateItems.IsUnavailable(ex, cancellationToken))
        {
            throw SignInStateItems.UnavailableError();
        }
    }

    public async Task<DateTimeOffset?> GetLastAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetItemAsync(new GetItemRequest
            {
                TableName = tableName,
                Key = SignInStateItems.Key(tenantId, username, RecoverySortKey),
                ConsistentRead = true,
            }, cancellationToken);
            return SignInStateItems.TryReadTimestamp(response.Item, RecoveredAt, out var at) ? at : null;
        }
        catch (Exception ex) when (SignInStateItems.IsUnavailable(ex, cancellationToken))
        {
            throw SignInStateItems.UnavailableError();
        }
    }
}
