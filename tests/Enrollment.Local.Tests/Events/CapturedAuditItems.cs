using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Audit;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Local.Tests.Events;

/// <summary>
/// The audit items the product writes, as it writes them: an <see cref="AuditEvent"/> goes through the real
/// <see cref="DynamoDbAuditLog"/> (and so the real item mapper) into a DynamoDB client that keeps the PutItem
/// request instead of sending it. <see cref="StreamRecord"/> wraps an item as the table's stream delivers it.
/// </summary>
public static class CapturedAuditItems
{
    public static async Task<Dictionary<string, AttributeValue>> WriteAsync(AuditEvent auditEvent)
    {
        var client = DispatchProxy.Create<IAmazonDynamoDB, CapturingClient>();
        await new DynamoDbAuditLog(client, "audit").WriteAsync(auditEvent, CancellationToken.None);
        return ((CapturingClient)(object)client).Item ?? throw new InvalidOperationException("The audit log wrote nothing.");
    }

    /// <summary>
    /// One DynamoDB stream record with StreamViewType NEW_IMAGE, in the record shape of the DynamoDB Streams API
    /// (GetRecords: eventID, eventName, eventVersion, eventSource, awsRegion, dynamodb.{Keys, NewImage, ...}) that
    /// Pipes passes to filters and input templates.
    /// </summary>
    public static JsonObject StreamRecord(Dictionary<string, AttributeValue> item, string eventName = "INSERT")
    {
        var image = new JsonObject();
        foreach (var (name, value) in item.OrderBy(p => p.Key, StringComparer.Ordinal))
            image[name] = value.S is not null ? new JsonObject { ["S"] = value.S } : new JsonObject { ["N"] = value.N };
        var keys = new JsonObject { ["pk"] = image["pk"]!.DeepClone(), ["sk"] = image["sk"]!.DeepClone() };
        var dynamodb = new JsonObject
        {
            ["ApproximateCreationDateTime"] = 1732185600,
            ["Keys"] = keys,
            ["SequenceNumber"] = "111100000000012345678901",
            ["SizeBytes"] = 512,
            ["StreamViewType"] = "NEW_IMAGE",
        };
        if (eventName != "REMOVE") dynamodb["NewImage"] = image; // a removed item has no new image
        return new JsonObject
        {
            ["eventID"] = "c4ca4238a0b923820dcc509a6f75849b",
            ["eventName"] = eventName,
            ["eventVersion"] = "1.1",
            ["eventSource"] = "aws:dynamodb",
            ["awsRegion"] = "us-east-1",
            ["dynamodb"] = dynamodb,
            ["eventSourceARN"] = "arn:aws:dynamodb:us-east-1:123456789012:table/audit/stream/2026-11-21T00:00:00.000",
        };
    }

    public class CapturingClient : DispatchProxy
    {
        public Dictionary<string, AttributeValue>? Item { get; private set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(IAmazonDynamoDB.PutItemAsync) && args?[0] is PutItemRequest request)
            {
                Item = request.Item;
                return Task.FromResult(new PutItemResponse());
            }
            if (targetMethod?.Name == "Dispose") return null;
            throw new NotSupportedException($"The audit log called {targetMethod?.Name}.");
        }
    }
}
