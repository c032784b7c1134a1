using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Testing;

/// <summary>Clients for a moto server, with the production settings where they matter and dummy credentials.</summary>
public static class MotoClients
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("test", "test");

    private static readonly HttpClient SharedHttp = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The production DynamoDB client settings pointed at moto.</summary>
    public static AmazonDynamoDBClient DynamoDb(Uri endpoint) =>
        DynamoDbClientFactory.Create(new DynamoDbClientSettings { Endpoint = endpoint, Region = MotoServer.Region }, Credentials);

    /// <summary>
    /// A client with one connection, so moto handles its requests one after another. DynamoDB applies the
    /// writes to one item one at a time; moto does not (its threads race on conditional writes: 40 parallel
    /// acquisitions under a limit of 7 were let through 9 or 11 times). Tests of concurrency use this client
    /// so that they test our code, not moto's missing lock: the calls still overlap in our process.
    /// </summary>
    public static AmazonDynamoDBClient SerializedDynamoDb(Uri endpoint) =>
        new(Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = MotoServer.Region,
            MaxConnectionsPerServer = 1,
            Timeout = TimeSpan.FromSeconds(30),
        });

    /// <summary>The Cognito client, its Admin* calls signed with the dummy credentials (moto does not check them).</summary>
    public static CognitoIdentityProviderClient Cognito(Uri endpoint) =>
        new(SharedHttp,
            new CognitoClientOptions { Endpoint = endpoint, Region = MotoServer.Region, AttemptTimeout = TimeSpan.FromSeconds(10) },
            new SigV4RequestSigner(Credentials, MotoServer.Region));
}
