using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Local.Stack;
using Enrollment.Local.Tests.OpenApi;

namespace Enrollment.Local.Tests.Stack;

/// <summary>
/// What a mobile app does against a local stack, read from its stack file: sign in with Cognito (the emulator's
/// endpoint, USER_PASSWORD_AUTH) and call the HTTP API with the access token or the challenge session.
/// </summary>
public sealed class MobileApp : IDisposable
{
    public const string AppVersion = "2.3.1";

    private readonly HttpClient _http;

    public MobileApp(StackFile stack)
    {
        Stack = stack;
        _http = new HttpClient { BaseAddress = new Uri(stack.ApiUrl), Timeout = TimeSpan.FromSeconds(30) };
        var options = new CognitoClientOptions { Endpoint = new Uri(stack.Endpoints.CognitoIdp + "/"), Region = stack.Region };
        Cognito = new CognitoIdentityProviderClient(CognitoIdentityProviderClient.CreateHttpClient(options), options,
            new SigV4RequestSigner(new BasicAWSCredentials("test", "test"), stack.Region));
    }

    public StackFile Stack { get; }

    /// <summary>Signed for admin calls too (moto accepts unsigned ones; the tests set up extra pools and clients with it).</summary>
    public CognitoIdentityProviderClient Cognito { get; }

    public StackDemoUser User(string tenantId) => Stack.DemoUsers.Single(u => u.TenantId == tenantId && u.Role == StackDemoUser.UserRole);

    /// <summary>The tenant's demo administrator: a member of its admin group.</summary>
    public StackDemoUser Admin(string tenantId) => Stack.DemoUsers.Single(u => u.TenantId == tenantId && u.Role == StackDemoUser.AdminRole);

    public string ClientId(string tenantId) => Stack.Tenants.Single(t => t.TenantId == tenantId).ClientId;

    public Task<InitiateAuthResponse> SignInAsync(string clientId, string username, string password) =>
        Cognito.InitiateAuthAsync(new InitiateAuthRequest
        {
            AuthFlow = AuthFlows.UserPasswordAuth,
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string> { [ChallengeKeys.Username] = username, [ChallengeKeys.Password] = password },
        }, TestContext.Current.CancellationToken);

    /// <summary>The demo user of a tenant, signed in with a permanent password: the access token.</summary>
    public Task<AuthenticationResult> SignInForTokensAsync(string tenantId) => SignInForTokensAsync(tenantId, User(tenantId));

    /// <summary>A demo user (or administrator) of a tenant, signed in with a permanent password: the tokens.</summary>
    public async Task<AuthenticationResult> SignInForTokensAsync(string tenantId, StackDemoUser user)
    {
        var signIn = await SignInAsync(ClientId(tenantId), user.Username, user.Password);
        return signIn.AuthenticationResult ?? throw new InvalidOperationException($"Expected tokens, got {signIn.ChallengeName}.");
    }

    public Task<ApiResponse> GetAsync(string path, string? bearer = null) => SendAsync(HttpMethod.Get, path, bearer: bearer);

    public Task<ApiResponse> PostAsync(string path, string? body = null, string? bearer = null, string? appVersion = AppVersion, string? authorization = null) =>
        SendAsync(HttpMethod.Post, path, body, bearer, appVersion, authorization);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, string? bearer = null, string? appVersion = AppVersion, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (appVersion is not null) request.Headers.Add("x-app-version", appVersion);
        request.Headers.UserAgent.ParseAdd("EnrollmentTests/1.0");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonElement json = default;
        if (text.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not JSON: the test looks at Text.
            }
        }
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        // Every answer the local-stack tests receive, success or error, is one docs/openapi.yaml describes.
        OpenApiContract.AssertAnswer(method.Method, path, (int)response.StatusCode, headers, text);
        return new ApiResponse(response.StatusCode, json, text, headers);
    }

    public void Dispose() => _http.Dispose();
}
