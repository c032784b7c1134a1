using System.Diagnostics;
using Enrollment.Functions.Http;
using Enrollment.Functions.Hosting;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Infrastructure.Tests.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Integration;

/// <summary>
/// A dependency that accepts connections and never answers, behind the production composition: the answer is the
/// failing dependency's code (503 for DynamoDB) within the per-attempt bound, never 502 after the request budget.
/// </summary>
public sealed class HungDependencyTests : IDisposable
{
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(1);
    private readonly HungListener _hung = new();
    private readonly StringWriter _log = new();

    public void Dispose() => _hung.Dispose();

    [Fact]
    public async Task A_hung_DynamoDB_is_503_within_the_attempt_bound()
    {
        using var dynamo = DynamoDbClientFactory.Create(new DynamoDbClientSettings { Endpoint = _hung.Endpoint, Region = MotoServer.Region, AttemptTimeout = Attempt }, DynamoMotoFixture.Credentials);
        var settings = TestRoots.Settings();
        var log = new FunctionLog(_log);
        var root = new ServiceRoot(Ports.Production(settings, dynamo, MotoBackend.CognitoClientFor(new Uri($"http://127.0.0.1:{MotoServer.FreePort()}")), TimeProvider.System, log),
            settings, TimeProvider.System, log);
        var function = new MeAssociateTotpFunction(root);
        const string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

        // The first request of a process also pays the SDK's start-up (a cold start); time a warm one.
        await BackedFunctions.Call(function.Handle, HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken(token, "nina", "client-0"));
        var clock = Stopwatch.StartNew();
        var response = await BackedFunctions.Call(function.Handle, HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken(token, "nina", "client-1"));
        clock.Stop();

        response.AssertError(503, "SERVICE_UNAVAILABLE");
        // The policy read and the failure's audit write: one attempt each, never retried on a hang.
        Assert.True(clock.Elapsed < Attempt * 3, $"took {clock.Elapsed} (request budget {ServiceRoot.RequestBudget})");
        SecretScan.AssertAbsent([_log.ToString(), response.Raw], token);
    }

    [Fact]
    public async Task The_budget_expiring_in_a_DynamoDB_call_is_503_not_502()
    {
        using var dynamo = DynamoDbClientFactory.Create(new DynamoDbClientSettings { Endpoint = _hung.Endpoint, Region = MotoServer.Region, AttemptTimeout = TimeSpan.FromSeconds(30) }, DynamoMotoFixture.Credentials);
        var settings = TestRoots.Settings();
        var log = new FunctionLog(_log);
        var root = new ServiceRoot(Ports.Production(settings, dynamo, MotoBackend.CognitoClientFor(new Uri($"http://127.0.0.1:{MotoServer.FreePort()}")), TimeProvider.System, log),
            settings, TimeProvider.System, log);
        var function = new MeAssociateTotpFunction(root.Enrollment, new HttpFunctionRunner(new FunctionLog(_log), TimeSpan.FromMilliseconds(700)));

        var clock = Stopwatch.StartNew();
        var response = await BackedFunctions.Call(function.Handle, HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken("eyJ.eyJ.sig", "nina", "client-1"));

        response.AssertError(503, "SERVICE_UNAVAILABLE");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
