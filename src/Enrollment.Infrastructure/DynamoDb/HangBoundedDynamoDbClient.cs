using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>The SDK's DynamoDB client with <see cref="HangBoundedRetryPolicy"/> in place of its retry handler's policy.</summary>
internal sealed class HangBoundedDynamoDbClient : AmazonDynamoDBClient
{
    public HangBoundedDynamoDbClient(AmazonDynamoDBConfig config) : base(config) { }

    public HangBoundedDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config) : base(credentials, config) { }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new HangBoundedRetryPolicy(Config)));
    }
}
