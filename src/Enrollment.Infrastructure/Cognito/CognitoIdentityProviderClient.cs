using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// A small Amazon Cognito user pools client: JSON 1.1 over HttpClient, because AWSSDK.CognitoIdentityProvider
/// does not restore here and the functions need only a dozen operations. Token-authorized operations are sent unsigned;
/// IAM operations are signed with SigV4. Each attempt has its own timeout; failures are retried only where a
/// repeat cannot change the outcome (see <see cref="CognitoOperation"/>). Errors surface as
/// <see cref="CognitoServiceException"/> or <see cref="CognitoTransportException"/>, whose messages carry no
/// request or response content.
/// </summary>
public sealed class CognitoIdentityProviderClient
{
    private const string ContentType = "application/x-amz-json-1.1";

    private readonly HttpClient _http;
    private readonly CognitoClientOptions _options;
    private readonly SigV4RequestSigner? _signer;

    /// <param name="httpClient">Shared for the process; its own Timeout should be infinite (attempts are timed here).</param>
    /// <param name="options">Endpoint, region, timeouts and retry settings.</param>
    /// <param name="signer">Needed only for IAM (Admin*, provisioning) operations.</param>
    public CognitoIdentityProviderClient(HttpClient httpClient, CognitoClientOptions options, SigV4RequestSigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _options = options;
        _signer = signer;
    }

    public CognitoClientOptions Options => _options;

    /// <summary>An HttpClient fit for this client: no client-wide timeout, DNS refreshed every few minutes.</summary>
    public static HttpClient CreateHttpClient(CognitoClientOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.AttemptTimeout,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    // Token-authorized operations (no SigV4).

    public Task<AssociateSoftwareTokenResponse> AssociateSoftwareTokenAsync(AssociateSoftwareTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(CognitoOperation.AssociateSoftwareToken(withSession: request.Session is not null), request, Json.AssociateSoftwareTokenRequest, Json.AssociateSoftwareTokenResponse, cancellationToken);
    }

    public Task<VerifySoftwareTokenResponse> VerifySoftwareTokenAsync(VerifySoftwareTokenRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(CognitoOperation.VerifySoftwareToken, request, Json.VerifySoftwareTokenRequest, Json.VerifySoftwareTokenResponse, cancellationToken);

    public Task SetUserMfaPreferenceAsync(SetUserMfaPreferenceRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(CognitoOperation.SetUserMfaPreference, request, Json.SetUserMfaPreferenceRequest, cancellationToken);

    public Task<GetUserResponse> GetUserAsync(GetUserRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(CognitoOperation.GetUser, request, Json.GetUserRequest, Json.GetUserResponse, cancellationToken);

    public Task<RespondToAuthChallengeResponse> RespondToAuthChallengeAsync(RespondToAuthChallengeRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(CognitoOperation.RespondToAuthChallenge, request, Json.RespondToAuthChallengeRequest, Json.RespondToAuthChallengeResponse, cancellationToken);

    // IAM-authorized operations (SigV4, service cognito-idp).

    public Task<AdminGetUserResponse> AdminGetUserAsync(AdminGetUserRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(CognitoOperation.AdminGetUser, request, Json.AdminGetUserRequest, Json.AdminGetUserResponse, cancellationToken);

    public Task AdminSetUserMfaPreferenceAsync(AdminSetUserMfaPreferenceRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(CognitoOperation.AdminSetUserMfaPreference, request, Json.AdminSetUserMfaPreferenceRequest, cancellationToken);

    public Task AdminDeleteSoftwareTokenAsync(AdminDeleteSoftwareTokenRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(CognitoOperation.AdminDeleteSoftwareToken, request, Json.AdminDeleteSoftwareTokenRequest, cancellationToken);

    public Task AdminUserGlobalSignOutAsync(AdminUserGlobalSignOutRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(CognitoOperation.AdminUserGlobalSignOut, request, Json.AdminUserGlobalSignOutRequest, cancellationToken);

    private static CognitoJsonContext Json => CognitoJsonContext.Default;

    /// <summary>
    /// Sends one operation and reads its answer: the transport (retries, timeouts, SigV4, error mapping) for the
    /// operations above and for those only the local runner and tests use, which live with them (Enrollment.Local)
    /// so they do not ship in the Lambda package.
    /// </summary>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        CognitoOperation operation, TRequest request, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        where TResponse : class
    {
        var payload = await SendWithRetriesAsync(operation, Serialize(request, requestInfo), cancellationToken).ConfigureAwait(false);
        try
        {
            // Some emulators answer an empty body where AWS sends {}.
            return (payload.Length == 0 ? JsonSerializer.Deserialize("{}", responseInfo) : JsonSerializer.Deserialize(payload, responseInfo))
                ?? throw new JsonException();
        }
        catch (JsonException)
        {
            // No inner exception: a parser message can quote a fragment of the body.
            throw new CognitoTransportException(operation.Name, CognitoTransportFailure.InvalidResponse);
        }
    }

    /// <summary>Sends one operation whose answer has no content worth reading.</summary>
    public async Task InvokeAsync<TRequest>(CognitoOperation operation, TRequest request, JsonTypeInfo<TRequest> requestInfo, CancellationToken cancellationToken) =>
        await SendWithRetriesAsync(operation, Serialize(request, requestInfo), cancellationToken).ConfigureAwait(false);

    private static byte[] Serialize<TRequest>(TRequest request, JsonTypeInfo<TRequest> requestInfo)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.SerializeToUtf8Bytes(request, requestInfo);
    }

    private async Task<byte[]> SendWithRetriesAsync(CognitoOperation operation, byte[] body, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await SendOnceAsync(operation, body, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (retry < _options.MaxRetries
                && !cancellationToken.IsCancellationRequested
                && CognitoRetryRules.IsRetryable(operation, failure))
            {
                await _options.RetryDelay(CognitoRetryRules.Backoff(_options, retry), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<byte[]> SendOnceAsync(CognitoOperation operation, byte[] body, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.AttemptTimeout);

        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = new ByteArrayContent(body) };
        // Exactly this value, no charset: moto answers 500 to anything else, and SigV4 signs it verbatim.
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", operation.Target);

        try
        {
            if (operation.RequiresSigV4) await SignAsync(operation, request, body, attempt.Token).ConfigureAwait(false);

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token).ConfigureAwait(false);
            var payload = await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return payload;

            throw new CognitoServiceException(
                operation.Name,
                CognitoErrorReader.ReadErrorType(response.Headers, payload),
                (int)response.StatusCode,
                response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null,
                response.Content.Headers.ContentType?.MediaType);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our attempt timer fired, not the caller's token: the request may well have been received.
            throw new CognitoTransportException(operation.Name, CognitoTransportFailure.Timeout);
        }
        catch (HttpRequestException failure)
        {
            throw new CognitoTransportException(operation.Name, NeverSent(failure) ? CognitoTransportFailure.NotSent : CognitoTransportFailure.ConnectionLost, failure);
        }
        catch (IOException failure)
        {
            throw new CognitoTransportException(operation.Name, CognitoTransportFailure.ConnectionLost, failure);
        }
    }

    private async Task SignAsync(CognitoOperation operation, HttpRequestMessage request, byte[] body, CancellationToken cancellationToken)
    {
        if (_signer is null)
            throw new InvalidOperationException($"{operation.Name} is IAM-authorized: construct the client with a {nameof(SigV4RequestSigner)}.");
        try
        {
            await _signer.SignAsync(request, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new CognitoTransportException(operation.Name, CognitoTransportFailure.CredentialsUnavailable, failure);
        }
    }

    /// <summary>Failures while connecting happen before a byte of the request is written.</summary>
    private static bool NeverSent(HttpRequestException failure) =>
        failure.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError
        || failure.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable };
}
