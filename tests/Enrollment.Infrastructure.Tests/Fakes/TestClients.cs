using Amazon.Runtime;
using Enrollment.Infrastructure.Cognito;

namespace Enrollment.Infrastructure.Tests.Fakes;

/// <summary>Clients wired for tests: retry waits recorded and skipped, pinned jitter, dummy credentials.</summary>
public static class TestClients
{
    public static readonly Uri AwsEndpoint = new("https://cognito-idp.us-east-1.amazonaws.com/");
    public const string AccessKey = "AKIDEXAMPLE";

    public static CognitoClientOptions Options(Uri endpoint, List<TimeSpan>? delays = null, TimeSpan? attemptTimeout = null, int maxRetries = 2) => new()
    {
        Endpoint = endpoint,
        Region = "us-east-1",
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromMilliseconds(2500),
        MaxRetries = maxRetries,
        RetryDelay = (delay, _) =>
        {
            if (delays is not null) lock (delays) delays.Add(delay);
            return Task.CompletedTask;
        },
        Jitter = () => 1.0,
    };

    public static SigV4RequestSigner Signer() => new(new BasicAWSCredentials(AccessKey, "test-secret"), "us-east-1");

    public static CognitoIdentityProviderClient For(StubHttpHandler handler, List<TimeSpan>? delays = null, TimeSpan? attemptTimeout = null) =>
        new(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, Options(AwsEndpoint, delays, attemptTimeout), Signer());

    /// <summary>An endpoint outside every AWS partition's domain, as an emulator's is.</summary>
    public static readonly Uri EmulatorEndpoint = new("http://127.0.0.1:4566/");

    public static CognitoIdentityProviderClient ForEmulator(StubHttpHandler handler) =>
        new(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, Options(EmulatorEndpoint), Signer());
}
