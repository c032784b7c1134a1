using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// Signs IAM-authorized (Admin*, provisioning) requests with AWS Signature V4, using AWSSDK.Core's public
/// <see cref="AWSSigV4Signer"/> so we never hand-roll the canonical request. Credentials are resolved once and
/// cached; refreshing credential types (container, instance profile) renew themselves inside the SDK object.
/// </summary>
public sealed class SigV4RequestSigner
{
    public const string CognitoService = "cognito-idp";

    private readonly Func<Task<AWSCredentials>> _resolve;
    private readonly RegionEndpoint _region;
    private readonly string _service;
    private AWSCredentials? _credentials;

    public SigV4RequestSigner(AWSCredentials credentials, string region, string service = CognitoService)
        : this(() => Task.FromResult(credentials ?? throw new ArgumentNullException(nameof(credentials))), region, service)
    {
    }

    private SigV4RequestSigner(Func<Task<AWSCredentials>> resolve, string region, string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        _resolve = resolve;
        _region = RegionEndpoint.GetBySystemName(region);
        _service = service;
    }

    /// <summary>The SDK's default credential chain (the Lambda role), resolved on the first signed call.</summary>
    public static SigV4RequestSigner WithDefaultCredentials(string region, string service = CognitoService) =>
        new(() => DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null!), region, service);

    /// <summary>Adds Authorization, X-Amz-Date, X-Amz-Content-SHA256 and the session token header.</summary>
    /// <remarks>Call per attempt: the signature is only valid for a few minutes around X-Amz-Date.</remarks>
    public async Task SignAsync(HttpRequestMessage request, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.RequestUri);
        var credentials = await GetCredentialsAsync().ConfigureAwait(false);

        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.RequestUri, Content = body };
        // Every header we send besides Host must be signed with the exact value we send.
        foreach (var header in request.Headers)
            signing.Headers[header.Key] = string.Join(",", header.Value);
        if (request.Content is not null)
            foreach (var header in request.Content.Headers)
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    signing.Headers[header.Key] = string.Join(",", header.Value);

        var parameters = new AWSSigV4Parameters { Credentials = credentials, Region = _region, Service = _service };
        var result = await AWSSigV4Signer.SignAsync(signing, parameters, cancellationToken).ConfigureAwait(false);
        foreach (var header in result.Headers)
        {
            request.Headers.Remove(header.Key);
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    private async Task<AWSCredentials> GetCredentialsAsync()
    {
        // A benign race: two first callers may both resolve; either result is valid. A failure is not cached,
        // so a transient metadata-endpoint error does not poison a warm Lambda for its whole life.
        if (_credentials is { } cached) return cached;
        var resolved = await _resolve().ConfigureAwait(false);
        _credentials = resolved;
        return resolved;
    }
}
