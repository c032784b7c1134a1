using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Writes one audit item per attempt and never overwrites one. Any failure to write is ServiceUnavailable,
/// so the workflow returns no secret that the trail does not record. Reading lives in
/// <see cref="DynamoDbAuditReader"/>: the enrollment functions need only dynamodb:PutItem.
/// </summary>
public sealed class DynamoDbAuditLog(IAmazonDynamoDB client, string tableName) : IAuditLog
{
    public async Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var item = AuditItemMapper.ToItem(auditEvent);
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = item,
            ConditionExpression = "attribute_not_exists(pk)",
            // On a collision the stored item tells a retry of this very write (the SDK retries when a
            // response is lost) from a different event: no second read is needed.
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            await client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException collision)
        {
            if (AuditItemMapper.SameItem(collision.Item, item)) return;
            throw StoreFailures.AuditDuplicate();
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.AuditUnavailable();
        }
    }
}
