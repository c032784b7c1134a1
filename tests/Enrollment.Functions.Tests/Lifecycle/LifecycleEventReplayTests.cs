using System.Text.Json.Nodes;

namespace Enrollment.Functions.Tests.Lifecycle;

/// <summary>
/// The lifecycle routes' files in events/, replayed through their handlers against the moto stack, each with
/// the outcome its name promises. The bearer tokens in the files are fakes, so the routes that reach Cognito
/// with them end in 401: that too proves the request got past every rule before it. The happy-path files get
/// a fresh auth_time (their own is fixed in the past, where a real token's would be stale too).
/// </summary>
[Collection(LifecycleCollection.Name)]
public sealed class LifecycleEventReplayTests(LifecycleStack stack)
{
    private readonly LifecycleFunctions _app = new(stack);

    public static TheoryData<string, int, string?> Cases() => new()
    {
        { "me-totp-status.json", 401, "UNAUTHORIZED" },
        // No tenant_id claim: the tenant is the user's binding, read with the token (GetUser), which moto refuses.
        { "me-totp-status-unknown-client.json", 401, "UNAUTHORIZED" },
        { "me-disable.json", 401, "UNAUTHORIZED" },
        { "me-disable-stale-sign-in.json", 403, "REAUTHENTICATION_REQUIRED" },
        { "me-disable-denied-network.json", 403, "NETWORK_NOT_ALLOWED" },
        { "me-disable-malformed-json.json", 400, "VALIDATION_ERROR" },
        { "me-recovery-codes.json", 401, "UNAUTHORIZED" },
        { "me-recovery-codes-stale-sign-in.json", 403, "REAUTHENTICATION_REQUIRED" },
        { "me-recovery-codes-malformed-json.json", 400, "VALIDATION_ERROR" },
        { "recover.json", 202, null },
        { "recover-typed-loosely.json", 202, null },
        { "recover-denied-network.json", 403, "NETWORK_NOT_ALLOWED" },
        { "recover-unknown-client.json", 403, "TENANT_NOT_FOUND" },
        { "recover-missing-code.json", 400, "VALIDATION_ERROR" },
        { "recover-bad-code.json", 400, "VALIDATION_ERROR" },
        { "recover-wrong-types.json", 400, "VALIDATION_ERROR" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_lifecycle_event_gets_the_outcome_its_name_says(string file, int status, string? reasonOrCode)
    {
        var e = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(LifecycleStack.EventsFolder, file), TestContext.Current.CancellationToken))!.AsObject();
        var claims = e["requestContext"]!["authorizer"]?["jwt"]?["claims"];
        if (claims is not null && claims["auth_time"]!.GetValue<string>() == claims["iat"]!.GetValue<string>())
            claims["auth_time"] = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds().ToString();

        var response = await _app.SendAsync(e["routeKey"]!.GetValue<string>(), e.ToJsonString());

        Assert.True(response.StatusCode == status, $"{file}: {response.BodyText}");
        Assert.Equal(e["requestContext"]!["requestId"]!.GetValue<string>(), response.Headers["x-request-id"]);
        if (status == 202) Assert.Equal("ACCEPTED", response.Data.GetProperty("status").GetString());
        else Assert.Contains(reasonOrCode, new[] { response.ErrorCode, response.Reason });
    }
}
