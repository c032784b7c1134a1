using System.Text.Json.Nodes;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Functions.Http;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Lifecycle;

/// <summary>
/// The HTTP functions wired as production wires them (<see cref="Enrollment.Functions.Hosting.ServiceRoot"/> over the production ports) against the moto
/// stack, with their log captured, and the steps a mobile app takes with them.
/// </summary>
public sealed class LifecycleFunctions
{
    private readonly LifecycleStack _stack;
    private readonly Dictionary<string, Func<Stream, Task<Stream>>> _routes;

    /// <param name="serializeDynamo">One DynamoDB connection, for concurrency tests (see <see cref="MotoBackend.Functions"/>).</param>
    public LifecycleFunctions(LifecycleStack stack, bool serializeDynamo = false)
    {
        _stack = stack;
        // No policy cache: tests read what the stack wrote.
        var functions = stack.Backend.Functions(Log, serializeDynamo, userPoolId: stack.Pool.PoolId, policyCacheLifetime: TimeSpan.Zero);
        _routes = new()
        {
            [MeAssociateTotpFunction.Route] = functions.MeAssociate.Handle,
            [MeVerifyTotpFunction.Route] = functions.MeVerify.Handle,
            [MeTotpStatusFunction.Route] = functions.MeTotpStatus.Handle,
            [MeDisableTotpFunction.Route] = functions.MeDisable.Handle,
            [MeRecoveryCodesFunction.Route] = functions.MeRecoveryCodes.Handle,
            [RecoverTotpFunction.Route] = functions.Recover.Handle,
        };
    }

    public StringWriter Log { get; } = new();

    public async Task<FunctionResponse> SendAsync(HttpApiRequestBuilder request) =>
        await FunctionResponse.ReadAsync(await _routes[request.RouteKey](request.BuildStream()));

    public async Task<FunctionResponse> SendAsync(string routeKey, string eventJson) =>
        await FunctionResponse.ReadAsync(await _routes[routeKey](new MemoryStream(System.Text.Encoding.UTF8.GetBytes(eventJson))));

    /// <summary>A signed-in request of the demo tenant, signed in <paramref name="signedInSecondsAgo"/> ago, from the tenant's network.</summary>
    public HttpApiRequestBuilder SignedIn(HttpApiRequestBuilder request, PoolUser user, int signedInSecondsAgo = 5,
        string tenantId = LifecycleStack.DemoTenant, string? clientId = null) =>
        request.WithAccessToken(user.AccessToken, user.Username, clientId ?? _stack.Pool.ClientId, tenantId)
            .WithAuthTime(DateTimeOffset.UtcNow.AddSeconds(-signedInSecondsAgo))
            .WithHeader("x-app-version", LifecycleStack.AppVersion);

    /// <summary>Associate then verify with a fresh code, as the app does; returns the recovery codes shown once.</summary>
    public async Task<(FunctionResponse Verify, string Secret, string Code)> EnrollAsync(PoolUser user, string deviceName = "Pixel 9")
    {
        var associate = await SendAsync(SignedIn(HttpApiRequestBuilder.Post("/v1/me/totp/associate"), user));
        Assert.True(associate.StatusCode == 200, associate.BodyText);
        var secret = associate.Data.GetProperty("secretCode").GetString()!;
        var code = await TotpGenerator.FreshCodeAsync(secret);
        var verify = await SendAsync(SignedIn(HttpApiRequestBuilder.Post("/v1/me/totp/verify"), user)
            .WithBody(new JsonObject { ["code"] = code, ["deviceName"] = deviceName }.ToJsonString()));
        Assert.True(verify.StatusCode == 200, verify.BodyText);
        return (verify, secret, code);
    }

    public Task<FunctionResponse> RecoverAsync(string username, string recoveryCode, string sourceIp, string? clientId = null) =>
        SendAsync(HttpApiRequestBuilder.Post("/v1/recovery/totp")
            .WithHeader("x-app-version", LifecycleStack.AppVersion)
            .WithSourceIp(sourceIp)
            .WithBody(new JsonObject
            {
                ["username"] = username,
                ["clientId"] = clientId ?? _stack.Pool.ClientId,
                ["recoveryCode"] = recoveryCode,
            }.ToJsonString()));

    /// <summary>A confirmed user of the pool, signed in with the password: a real access token from moto.</summary>
    public async Task<PoolUser> NewUserAsync()
    {
        var username = await _stack.Pool.CreateConfirmedUserAsync();
        return new PoolUser(username, await _stack.Pool.SignInForAccessTokenAsync(username));
    }

    public static IReadOnlyList<string> CodesOf(FunctionResponse response) =>
        response.Data.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
}

/// <summary>A pool user and the access token of their last sign-in. ToString is redacted.</summary>
public sealed record PoolUser(string Username, string AccessToken)
{
    public override string ToString() => $"PoolUser({Username})";
}
