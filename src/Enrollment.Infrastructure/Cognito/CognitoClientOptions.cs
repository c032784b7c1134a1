using Enrollment.Infrastructure.Configuration;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// Where the user pool API is and how long we wait for it. The defaults bound the worst case (three attempts
/// of 2.5 s plus at most 1.3 s of backoff) well inside API Gateway's 29 s integration timeout.
/// </summary>
public sealed record CognitoClientOptions
{
    /// <summary>Retries are capped at 2: more would only stack latency on a struggling service.</summary>
    public const int MaxAllowedRetries = 2;

    public required Uri Endpoint { get; init; }

    public required string Region { get; init; }

    /// <summary>
    /// The endpoint is under one of the AWS partitions' domains (a service or VPC endpoint), not an emulator. Some
    /// answers mean different things on each (<see cref="UnknownOperation"/>), and a fallback that leaves a factor in
    /// place is allowed only off AWS.
    /// </summary>
    public bool EndpointIsAws => AwsPartitions.IsAwsHost(Endpoint.Host);

    /// <summary>How long one HTTP attempt may take, connect to last byte. The caller's token still applies on top.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Retries after the first attempt, for failures where a retry is safe (0 to <see cref="MaxAllowedRetries"/>).</summary>
    public int MaxRetries { get; init; } = MaxAllowedRetries;

    /// <summary>The first backoff cap; full jitter picks uniformly in [0, min(max, base * 2^retry)].</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Waits between attempts. Tests pass a delegate that records and returns at once: no sleeps.</summary>
    public Func<TimeSpan, CancellationToken, Task> RetryDelay { get; init; } = static (delay, token) => Task.Delay(delay, token);

    /// <summary>Source of jitter in [0, 1); injectable so tests can pin the delays.</summary>
    public Func<double> Jitter { get; init; } = static () => Random.Shared.NextDouble();

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(Region);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRetries, MaxAllowedRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryBaseDelay);
        ArgumentNullException.ThrowIfNull(RetryDelay);
        ArgumentNullException.ThrowIfNull(Jitter);
    }
}
