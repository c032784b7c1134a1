using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Lifecycle;

/// <summary>POST /v1/recovery/totp on moto: its denials, its limits, one answer for every failure, and one winner per code.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class RecoveryRouteTests(LifecycleStack stack)
{
    private readonly LifecycleFunctions _app = new(stack);

    [Fact]
    public async Task Unknown_user_user_without_codes_wrong_code_and_used_code_get_the_same_answer()
    {
        var enrolled = await _app.NewUserAsync();
        var codes = LifecycleFunctions.CodesOf((await _app.EnrollAsync(enrolled)).Verify);
        var plain = await _app.NewUserAsync();
        var otherEnrolled = await _app.NewUserAsync();
        var otherCodes = LifecycleFunctions.CodesOf((await _app.EnrollAsync(otherEnrolled)).Verify);
        await _app.RecoverAsync(otherEnrolled.Username, otherCodes[0], stack.NextSourceIp());

        var answers = new[]
        {
            await _app.RecoverAsync("no-such-user-" + Guid.NewGuid().ToString("N")[..8], codes[0], stack.NextSourceIp()),
            await _app.RecoverAsync(plain.Username, codes[0], stack.NextSourceIp()),
            await _app.RecoverAsync(enrolled.Username, "AAAAA-AAAAA", stack.NextSourceIp()),
            await _app.RecoverAsync(otherEnrolled.Username, otherCodes[0], stack.NextSourceIp()),
            await _app.RecoverAsync(enrolled.Username, otherCodes[1], stack.NextSourceIp()),
        };

        Assert.All(answers, a => Assert.Equal(202, a.StatusCode));
        Assert.Single(answers.Select(Shape).Distinct());
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, (await stack.Pool.SignInAsync(enrolled.Username, CognitoTestPool.Password)).ChallengeName);
        // Nothing proven, nothing attributed: the failed attempts name no user in the audit trail.
        Assert.Empty(await stack.AuditOfAsync(plain.Username));
        Assert.DoesNotContain(await stack.AuditOfAsync(enrolled.Username), e => e["eventType"].S == "TOTP_RECOVERY");
    }

    [Fact]
    public async Task Attempts_are_limited_per_source_with_retry_after_and_never_per_username()
    {
        // Guesses for one username from many sources spend no counter of that user (anyone could lock them out).
        var username = "target-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 6; i++) Assert.Equal(202, (await _app.RecoverAsync(username, "AAAAA-AAAAA", stack.NextSourceIp())).StatusCode);

        var source = stack.NextSourceIp();
        for (var i = 0; i < 5; i++) Assert.Equal(202, (await _app.RecoverAsync($"spray-{i}-{Guid.NewGuid():N}", "AAAAA-AAAAA", source)).StatusCode);
        var perSource = await _app.RecoverAsync("spray-last-" + Guid.NewGuid().ToString("N")[..8], "AAAAA-AAAAA", source);
        perSource.AssertError(429, "RATE_LIMITED");
        Assert.InRange(int.Parse(perSource.Headers["retry-after"]), 1, 3600);
    }

    [Fact]
    public async Task Policy_and_shape_denials_are_told()
    {
        var ip = stack.NextSourceIp();
        var unknown = await _app.RecoverAsync("jane", "AAAAA-AAAAA", ip, clientId: "unknown-client-id");
        Assert.Equal((403, "TENANT_NOT_FOUND"), (unknown.StatusCode, unknown.Reason));

        var network = await _app.RecoverAsync("jane", "AAAAA-AAAAA", "198.51.100.9");
        Assert.Equal((403, "NETWORK_NOT_ALLOWED"), (network.StatusCode, network.Reason));

        var off = await _app.RecoverAsync("jane", "AAAAA-AAAAA", ip, clientId: LifecycleStack.StrictClientId);
        Assert.Equal((403, "RECOVERY_CODES_DISABLED"), (off.StatusCode, off.Reason));

        (await _app.RecoverAsync("jane", "AAAAA-AAAA9", ip)).AssertError(400, "VALIDATION_ERROR");
        (await _app.SendAsync(HttpApiRequestBuilder.Post("/v1/recovery/totp").WithSourceIp(ip).WithHeader("x-app-version", LifecycleStack.AppVersion)
            .WithBody("""{"username":"jane","clientId":"x","recoveryCode":42}"""))).AssertError(400, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Two_concurrent_recoveries_with_one_code_remove_the_factor_once()
    {
        var user = await _app.NewUserAsync();
        var code = LifecycleFunctions.CodesOf((await _app.EnrollAsync(user)).Verify)[0];
        var serialized = new LifecycleFunctions(stack, serializeDynamo: true);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Five: the demo tenant's attempts per username an hour (a sixth would be a 429, not a race).
        var attempts = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await serialized.RecoverAsync(user.Username, code, stack.NextSourceIp());
        })).ToList();
        start.SetResult();

        var answers = await Task.WhenAll(attempts);

        Assert.All(answers, a => Assert.Equal(202, a.StatusCode));
        var outcomes = (await stack.AuditOfAsync(user.Username)).Where(e => e["eventType"].S == "TOTP_RECOVERY").Select(e => e["outcome"].S).ToList();
        // Under the user: the winner's intent and outcome; the four losers proved nothing and name no one.
        Assert.Equal(["STARTED", "SUCCESS"], outcomes.Order(StringComparer.Ordinal));
        Assert.Null((await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password)).ChallengeName);
    }

    /// <summary>The answer without what differs per request by design (the request id).</summary>
    private static string Shape(FunctionResponse response)
    {
        var headers = response.Headers.Where(h => h.Key != "x-request-id").OrderBy(h => h.Key).Select(h => $"{h.Key}={h.Value}");
        return $"{response.StatusCode}|{string.Join(";", headers)}|{response.Body.GetRawText()}";
    }
}
