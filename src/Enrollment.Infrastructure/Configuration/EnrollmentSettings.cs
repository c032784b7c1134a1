using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Enrollment.Core.Admin;
using Enrollment.Core.Recovery;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Infrastructure.Configuration;

/// <summary>
/// Every setting a function reads, read from the environment once (<see cref="FromEnvironment"/>), the answer to
/// "which variables does function X read". Two kinds, validated in one place, here:
/// <list type="bullet">
/// <item>What every function needs (the tables, the AWS endpoints and region by <see cref="AwsEndpoints"/>'s one rule,
/// the timeouts, the policy cache): validated when read, so a bad value fails the cold start naming the variable.</item>
/// <item>What only some functions are given (USER_POOL_ID, CURSOR_SIGNING_KEY, RECOVERY_CODE_PEPPER): kept as read and
/// validated by <see cref="RequireUserPoolId"/>, <see cref="CursorSigner"/> and <see cref="RecoveryCodeHasher"/> when
/// the part that needs it is first built, so a function that never builds that part never needs the variable.</item>
/// </list>
/// Messages name the variable, never its value. <see cref="ToString"/> leaves the secrets out.
/// </summary>
public sealed record EnrollmentSettings
{
    public const string AuditTableVariable = "AUDIT_TABLE_NAME";
    public const string TenantsTableVariable = "TENANTS_TABLE_NAME";
    public const string UserStateTableVariable = "USER_STATE_TABLE_NAME";
    public const string UpstreamTimeoutVariable = "UPSTREAM_TIMEOUT_MS";
    public const string PolicyCacheVariable = "POLICY_CACHE_SECONDS";
    public const string UserPoolIdVariable = "USER_POOL_ID";
    public const string CursorSigningKeyVariable = "CURSOR_SIGNING_KEY";
    public const string RecoveryCodePepperVariable = "RECOVERY_CODE_PEPPER";
    public const string LogLevelVariable = "LOG_LEVEL";

    /// <summary>Upper bound of one attempt in a sign-in trigger: Define may make four calls in a row inside Cognito's 5 s.</summary>
    public static readonly TimeSpan MaxTriggerAttempt = TimeSpan.FromSeconds(1);

    public required TableNames Tables { get; init; }

    /// <summary>AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1: signs every call.</summary>
    public required string Region { get; init; }

    /// <summary>By <see cref="AwsEndpoints.CognitoIdentityProvider"/>: a configured endpoint, else Cognito's rule set.</summary>
    public required Uri CognitoEndpoint { get; init; }

    /// <summary>By <see cref="AwsEndpoints.ConfiguredEndpoint"/>; null hands region, FIPS and dual-stack to the SDK's DynamoDB rule set.</summary>
    public Uri? DynamoDbEndpoint { get; init; }

    public bool UseFips { get; init; }

    public bool UseDualStack { get; init; }

    /// <summary>AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (Lambda sets them); null: the SDK's default chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>UPSTREAM_TIMEOUT_MS: one attempt at DynamoDB or Cognito (100 to 8000 ms, default 2500).</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Retries after the first attempt, for both clients.</summary>
    public int UpstreamRetries { get; init; } = 2;

    /// <summary>POLICY_CACHE_SECONDS: how long a policy is served from memory (default 60; 0 disables the cache).</summary>
    public TimeSpan PolicyCacheLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>LOG_LEVEL (the template's parameter); null logs everything.</summary>
    public string? LogLevel { get; init; }

    public string? UserPoolId { get; init; }

    public string? CursorSigningKey { get; init; }

    public string? RecoveryCodePepper { get; init; }

    /// <param name="environment">The variables; null reads the process environment (tests pass their own).</param>
    public static EnrollmentSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        var read = environment ?? Environment.GetEnvironmentVariable;
        string? Value(string name) => read(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var endpoints = new AwsEndpoints(read);
        return new EnrollmentSettings
        {
            Tables = new TableNames(Table(Value, AuditTableVariable), Table(Value, TenantsTableVariable), Table(Value, UserStateTableVariable)),
            Region = endpoints.Region,
            CognitoEndpoint = endpoints.CognitoIdentityProvider,
            DynamoDbEndpoint = endpoints.ConfiguredEndpoint(DynamoDbServiceId),
            UseFips = endpoints.UseFips,
            UseDualStack = endpoints.UseDualStack,
            Credentials = Value("AWS_ACCESS_KEY_ID") is { } key && Value("AWS_SECRET_ACCESS_KEY") is { } secret
                ? Value("AWS_SESSION_TOKEN") is { } session ? new SessionAWSCredentials(key, secret, session) : new BasicAWSCredentials(key, secret)
                : null,
            UpstreamTimeout = Value(UpstreamTimeoutVariable) is { } ms ? Milliseconds(ms) : TimeSpan.FromMilliseconds(2500),
            PolicyCacheLifetime = Value(PolicyCacheVariable) is { } seconds ? Seconds(seconds) : TimeSpan.FromSeconds(60),
            LogLevel = Value(LogLevelVariable),
            UserPoolId = Value(UserPoolIdVariable),
            CursorSigningKey = read(CursorSigningKeyVariable),
            RecoveryCodePepper = read(RecoveryCodePepperVariable),
        };
    }

    /// <summary>
    /// The sign-in triggers' clients: attempts of at most <see cref="MaxTriggerAttempt"/> and one retry, so a trigger
    /// answers inside Cognito's 5 s; AdminGetUser is read-only and signing out twice is signing out once, so a retry is safe.
    /// </summary>
    public EnrollmentSettings ForSignInTriggers() =>
        this with { UpstreamTimeout = UpstreamTimeout < MaxTriggerAttempt ? UpstreamTimeout : MaxTriggerAttempt, UpstreamRetries = 1 };

    /// <summary>The recovery, admin reset, grace and challenge verify functions' pool (their Admin* calls and trusted issuer).</summary>
    public string RequireUserPoolId() => UserPoolId
        ?? throw new InvalidOperationException($"{UserPoolIdVariable} must name the user pool for the recovery, admin reset, grace and challenge verify functions.");

    /// <summary>The admin audit function's cursor secret (resolved from Secrets Manager at deploy time): at least 32 bytes.</summary>
    public AuditCursorSigner CursorSigner() =>
        CursorSigningKey is { } key && Encoding.UTF8.GetByteCount(key) >= AuditCursorSigner.MinSecretBytes
            ? AuditCursorSigner.FromText(key)
            : throw new InvalidOperationException(
                $"{CursorSigningKeyVariable} must hold a secret of at least {AuditCursorSigner.MinSecretBytes} bytes (the template resolves it from Secrets Manager).");

    /// <summary>The recovery codes' hashing; the pepper (at least 32 bytes) is checked on the first hash, so a function that never hashes never needs it.</summary>
    public RecoveryCodeHasher RecoveryCodeHasher() => new(() =>
        RecoveryCodePepper is { } pepper && Encoding.UTF8.GetByteCount(pepper) >= Core.Recovery.RecoveryCodeHasher.MinPepperBytes
            ? Encoding.UTF8.GetBytes(pepper)
            : throw new InvalidOperationException(
                $"{RecoveryCodePepperVariable} must hold a secret of at least {Core.Recovery.RecoveryCodeHasher.MinPepperBytes} bytes (the template resolves it from Secrets Manager)."));

    /// <summary>The one Cognito client of a process: our JSON 1.1 client, SigV4-signed for the Admin* calls.</summary>
    public CognitoIdentityProviderClient CreateCognitoClient()
    {
        var options = new CognitoClientOptions { Endpoint = CognitoEndpoint, Region = Region, AttemptTimeout = UpstreamTimeout, MaxRetries = UpstreamRetries };
        var signer = Credentials is null ? SigV4RequestSigner.WithDefaultCredentials(Region) : new SigV4RequestSigner(Credentials, Region);
        return new CognitoIdentityProviderClient(CognitoIdentityProviderClient.CreateHttpClient(options), options, signer);
    }

    /// <summary>The one DynamoDB client of a process.</summary>
    public Amazon.DynamoDBv2.AmazonDynamoDBClient CreateDynamoDbClient() => DynamoDbClientFactory.Create(new DynamoDbClientSettings
    {
        Endpoint = DynamoDbEndpoint,
        Region = Region,
        UseFips = UseFips,
        UseDualStack = UseDualStack,
        AttemptTimeout = UpstreamTimeout,
        MaxErrorRetry = UpstreamRetries,
    }, Credentials);

    /// <summary>Without the secrets: a settings line in a log must never carry them.</summary>
    public override string ToString() =>
        $"EnrollmentSettings {{ Tables = {Tables}, Region = {Region}, CognitoEndpoint = {CognitoEndpoint}, DynamoDbEndpoint = {DynamoDbEndpoint}, " +
        $"UpstreamTimeout = {UpstreamTimeout}, UpstreamRetries = {UpstreamRetries}, PolicyCacheLifetime = {PolicyCacheLifetime}, LogLevel = {LogLevel}, UserPoolId = {UserPoolId} }}";

    /// <summary>DynamoDB's service id, which names its endpoint variable (AWS_ENDPOINT_URL_DYNAMODB).</summary>
    private const string DynamoDbServiceId = "DynamoDB";

    private static string Table(Func<string, string?> value, string variable) =>
        value(variable) ?? throw new InvalidOperationException($"The environment variable {variable} must name a DynamoDB table.");

    private static TimeSpan Milliseconds(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is >= 100 and <= 8000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new InvalidOperationException($"{UpstreamTimeoutVariable} must be whole milliseconds between 100 and 8000.");

    private static TimeSpan Seconds(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{PolicyCacheVariable} must be a whole number of seconds (0 disables the cache).");
}
