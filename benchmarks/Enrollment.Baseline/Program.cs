using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Bootstrap.Runtime;

// Hello world plus one PutItem: the cheapest function that does what every Enrollment function does at least once.
// The client is built at init, as the functions build theirs; the table is BASELINE_TABLE.
var table = Environment.GetEnvironmentVariable("BASELINE_TABLE") ?? "baseline";
using var api = LambdaRuntimeApiClient.FromEnvironment();
return await new LambdaRuntimeLoop(api, Console.Error).RunAsync(() =>
{
    var dynamo = new AmazonDynamoDBClient();
    return async input =>
    {
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } },
        });
        return new MemoryStream("""{"hello":"world"}"""u8.ToArray());
    };
}, CancellationToken.None);
