using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Local.Template;

namespace Enrollment.Local.Stack;

/// <summary>
/// Creates a table exactly as template.yaml declares it: keys, global and local indexes, billing mode, then
/// TTL (a separate call in DynamoDB too). SSE and point-in-time recovery have no local meaning and are skipped.
/// </summary>
public sealed class TableProvisioner(IAmazonDynamoDB dynamo)
{
    public async Task CreateAsync(DynamoDbTable table, CancellationToken cancellationToken)
    {
        var request = new CreateTableRequest
        {
            TableName = table.TableName,
            AttributeDefinitions = AttributeDefinitions(table),
            KeySchema = KeySchema(table.PartitionKey, table.SortKey),
            BillingMode = table.BillingMode == "PROVISIONED" ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
        };
        var provisioned = table.BillingMode == "PROVISIONED" ? new ProvisionedThroughput(5, 5) : null;
        if (provisioned is not null) request.ProvisionedThroughput = provisioned;
        if (table.GlobalSecondaryIndexes.Count > 0)
        {
            request.GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.Select(index => new GlobalSecondaryIndex
            {
                IndexName = index.IndexName,
                KeySchema = KeySchema(index.PartitionKey, index.SortKey),
                Projection = Projection(index),
                ProvisionedThroughput = provisioned,
            }).ToList();
        }
        if (table.LocalSecondaryIndexes.Count > 0)
        {
            request.LocalSecondaryIndexes = table.LocalSecondaryIndexes.Select(index => new LocalSecondaryIndex
            {
                IndexName = index.IndexName,
                KeySchema = KeySchema(index.PartitionKey, index.SortKey),
                Projection = Projection(index),
            }).ToList();
        }
        await dynamo.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);

        if (table.TimeToLiveAttribute is { } ttl)
        {
            await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = table.TableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ttl, Enabled = true },
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<AttributeDefinition> AttributeDefinitions(DynamoDbTable table)
    {
        // DynamoDB wants every key attribute of the table and its indexes defined once, and nothing else.
        var keys = new[] { table.PartitionKey, table.SortKey }
            .Concat(table.GlobalSecondaryIndexes.SelectMany(i => new[] { i.PartitionKey, i.SortKey }))
            .Concat(table.LocalSecondaryIndexes.SelectMany(i => new[] { i.PartitionKey, i.SortKey }))
            .OfType<KeyAttribute>()
            .DistinctBy(k => k.Name, StringComparer.Ordinal);
        return keys.Select(k => new AttributeDefinition(k.Name, new ScalarAttributeType(k.AttributeType))).ToList();
    }

    private static List<KeySchemaElement> KeySchema(KeyAttribute partition, KeyAttribute? sort)
    {
        var schema = new List<KeySchemaElement> { new(partition.Name, KeyType.HASH) };
        if (sort is not null) schema.Add(new KeySchemaElement(sort.Name, KeyType.RANGE));
        return schema;
    }

    private static Projection Projection(SecondaryIndex index)
    {
        var projection = new Projection { ProjectionType = new ProjectionType(index.ProjectionType) };
        if (index.NonKeyAttributes.Count > 0) projection.NonKeyAttributes = [.. index.NonKeyAttributes];
        return projection;
    }
}
