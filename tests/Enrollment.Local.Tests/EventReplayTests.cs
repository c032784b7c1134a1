using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Enrollment.Core.Policy;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Infrastructure.Tests.DynamoDb;
using Enrollment.Local.Hosting;
using Enrollment.Local.Tests.OpenApi;
using Enrollment.Local.Template;
using Enrollment.Testing;
using Xunit;

namespace Enrollment.Local.Tests;

/// <summary>
/// Every HTTP event file in events/ replayed through the handler template.yaml names for its route, the way
/// `invoke` runs it (template environment, handler loaded by its Handler string), against moto seeded with
/// events/tenants.sample.json. Events for the signed-in routes get a live access token of a fresh user in
/// place of their sample token, so the allowed ones really succeed. Each file's outcome is asserted, and a
/// file without an expected outcome fails: a new event needs a line here.
/// </summary>
public sealed class EventReplayTests(EventReplayBackend backend) : IClassFixture<EventReplayBackend>
{
    /// <summary>The sub of a moto access token (a JWT), as the authorizer passes it on.</summary>
    private static string SubOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonNode.Parse(Convert.FromBase64String(payload))!["sub"]!.GetValue<string>();
    }

    /// <summary>File → (status, error code or null, reason or null).</summary>
    private static readonly Dictionary<string, (int Status, string? Code, string? Reason)> Expected = new()
    {
        ["me-associate.json"] = (200, null, null),
        ["me-associate-qr.json"] = (200, null, null),
        ["me-associate-empty-body.json"] = (200, null, null),
        ["me-associate-by-client.json"] = (200, null, null),
        ["me-associate-ipv6.json"] = (200, null, null),
        ["me-associate-denied-network.json"] = (403, "POLICY_DENIED", "NETWORK_NOT_ALLOWED"),
        ["me-associate-old-app.json"] = (403, "POLICY_DENIED", "APP_VERSION_TOO_OLD"),
        // The tenant is the user's binding (demo); a client the tenant does not list is refused.
        ["me-associate-unknown-client.json"] = (403, "POLICY_DENIED", "CLIENT_NOT_ALLOWED"),
        // A well-formed code for a user who has not associated a secret: the user pool refuses it.
        ["me-verify.json"] = (400, "CODE_MISMATCH", null),
        ["me-verify-base64.json"] = (400, "CODE_MISMATCH", null),
        ["me-verify-bad-code.json"] = (400, "VALIDATION_ERROR", "code"),
        ["me-verify-malformed-json.json"] = (400, "VALIDATION_ERROR", "body"),
        ["me-verify-missing-code.json"] = (400, "VALIDATION_ERROR", "code"),
        // The sample sessions are not sessions of the emulator's pool.
        ["challenge-associate.json"] = (401, "UNAUTHORIZED", null),
        ["challenge-associate-denied-network.json"] = (403, "POLICY_DENIED", "NETWORK_NOT_ALLOWED"),
        ["challenge-associate-unknown-client.json"] = (403, "POLICY_DENIED", "TENANT_NOT_FOUND"),
        ["challenge-associate-missing-session.json"] = (400, "VALIDATION_ERROR", "session"),
        ["challenge-associate-oversize.json"] = (400, "VALIDATION_ERROR", "body"),
        ["challenge-verify.json"] = (401, "UNAUTHORIZED", null),
        ["challenge-verify-bad-code.json"] = (400, "VALIDATION_ERROR", "code"),
        ["challenge-verify-wrong-types.json"] = (400, "VALIDATION_ERROR", "code"),
        // Lifecycle. The fresh user has no authenticator: status answers, disable and new codes pass every rule and
        // stop at the state (409), which proves the rules let them through.
        ["me-totp-status.json"] = (200, null, null),
        // No tenant_id claim: the tenant is the user's binding (demo, read with GetUser); its policy does not list the client.
        ["me-totp-status-unknown-client.json"] = (403, "POLICY_DENIED", "CLIENT_NOT_ALLOWED"),
        ["me-disable.json"] = (409, "CONFLICT", "NOT_ENROLLED"),
        ["me-disable-stale-sign-in.json"] = (403, "POLICY_DENIED", "REAUTHENTICATION_REQUIRED"),
        ["me-disable-denied-network.json"] = (403, "POLICY_DENIED", "NETWORK_NOT_ALLOWED"),
        ["me-disable-malformed-json.json"] = (400, "VALIDATION_ERROR", "body"),
        ["me-recovery-codes.json"] = (409, "CONFLICT", "NOT_ENROLLED"),
        ["me-recovery-codes-stale-sign-in.json"] = (403, "POLICY_DENIED", "REAUTHENTICATION_REQUIRED"),
        ["me-recovery-codes-malformed-json.json"] = (400, "VALIDATION_ERROR", "body"),
        // The demo user has no codes: answered like any other attempt (docs/api-lifecycle.md).
        ["recover.json"] = (202, null, null),
        ["recover-typed-loosely.json"] = (202, null, null),
        ["recover-denied-network.json"] = (403, "POLICY_DENIED", "NETWORK_NOT_ALLOWED"),
        ["recover-unknown-client.json"] = (403, "POLICY_DENIED", "TENANT_NOT_FOUND"),
        ["recover-missing-code.json"] = (400, "VALIDATION_ERROR", "recoveryCode"),
        ["recover-bad-code.json"] = (400, "VALIDATION_ERROR", "recoveryCode"),
        ["recover-wrong-types.json"] = (400, "VALIDATION_ERROR", "recoveryCode"),
        // Admin routes: the sample tenant's administrator (group demo-enrollment-admins, app demo-client-id).
        ["admin-get-policy.json"] = (200, null, null),
        ["admin-get-policy-other-tenant.json"] = (403, "POLICY_DENIED", "NOT_TENANT_ADMIN"),
        ["admin-get-policy-not-in-group.json"] = (403, "POLICY_DENIED", "NOT_TENANT_ADMIN"),
        ["admin-put-policy.json"] = (200, null, null),
        ["admin-put-policy-stale-version.json"] = (409, "CONFLICT", "POLICY_VERSION_CONFLICT"),
        ["admin-put-policy-malformed-json.json"] = (400, "VALIDATION_ERROR", "body"),
        ["admin-put-policy-malformed-tenant-in-body.json"] = (400, "VALIDATION_ERROR", "tenantId"),
        ["admin-put-policy-unknown-field.json"] = (400, "VALIDATION_ERROR", "enrollment.maxAttempts"),
        ["admin-put-policy-missing-if-match.json"] = (400, "VALIDATION_ERROR", "if-match"),
        ["admin-put-policy-other-tenant.json"] = (403, "POLICY_DENIED", "NOT_TENANT_ADMIN"),
        ["admin-audit-query.json"] = (200, null, null),
        ["admin-audit-query-filters.json"] = (200, null, null),
        ["admin-audit-query-tampered-cursor.json"] = (400, "VALIDATION_ERROR", "cursor"),
        ["admin-audit-query-malformed-limit.json"] = (400, "VALIDATION_ERROR", "limit"),
        ["admin-audit-query-other-tenant.json"] = (403, "POLICY_DENIED", "NOT_TENANT_ADMIN"),
        // Exports answer JSON Lines or CSV (checked against the spec's schema for that content type).
        ["admin-audit-query-export-jsonl.json"] = (200, null, null),
        ["admin-audit-query-export-csv.json"] = (200, null, null),
        ["admin-audit-query-export-bad-format.json"] = (400, "VALIDATION_ERROR", "format"),
        // The path's user (demo-user) is not in this pool: not a member of the tenant, so not found.
        ["admin-reset.json"] = (404, "NOT_FOUND", null),
        // The sample tenant does not require MFA: there is no grace period to grant.
        ["admin-grant-grace.json"] = (409, "CONFLICT", "GRACE_PERIOD_DISABLED"),
        ["admin-reset-not-in-group.json"] = (403, "POLICY_DENIED", "NOT_TENANT_ADMIN"),
        ["admin-reset-other-tenant.json"] = (403, "POLICY_DENIED", "NOT_TENANT_ADMIN"),
    };

    public static TheoryData<string> EventFiles => EventFilesTests.EventFiles;

    public static TheoryData<string> TriggerEventFiles => EventFilesTests.TriggerEventFiles;

    /// <summary>
    /// Trigger events whose function refuses on any backend (the refusal does not depend on stored state): Cognito
    /// fails the sign-in with the function's fixed text. Every other trigger event must be answered.
    /// </summary>
    private static readonly HashSet<string> RefusedTriggerEvents =
    [
        "trigger-pretoken-client-of-no-tenant.json", "trigger-pretoken-user-of-another-tenant.json", "trigger-pretoken-user-not-in-tenant.json",
        "trigger-pretoken-no-request.json", "trigger-pretoken-client-credentials-v3.json",
    ];

    /// <summary>
    /// Cognito trigger events through the function template.yaml attaches for their trigger, as `invoke` runs it,
    /// against the same backend: the event's pool is the backend's (moto) and its user exists there, so AdminGetUser
    /// answers. Cognito needs the whole event back with `response` filled in, within its budget; the decisions
    /// themselves are asserted per file in the Functions tests (TriggerEventReplayTests).
    /// </summary>
    [Theory]
    [MemberData(nameof(TriggerEventFiles))]
    public Task Each_trigger_event_is_answered_by_the_function_the_template_attaches(string name) =>
        ReplayTriggerAsync(name, (template, function, bytes, log) =>
            FunctionHost.Start(template, function, new FunctionHostOptions { EnvVars = backend.EnvVars, Log = log }).InvokeAsync(bytes, cancellationToken: TestContext.Current.CancellationToken));

    /// <summary>
    /// The same trigger events through the shipped artifact's path: the bootstrap in its own process, behind the local
    /// Runtime API (one process per function, kept warm across events, as a Lambda execution environment is).
    /// </summary>
    [Theory]
    [MemberData(nameof(TriggerEventFiles))]
    public Task Each_trigger_event_is_answered_by_the_bootstrap_through_the_runtime_api(string name) =>
        ReplayTriggerAsync(name, async (template, function, bytes, log) =>
            await (await backend.RuntimeApiHostAsync(template, function, log)).InvokeAsync(bytes, cancellationToken: TestContext.Current.CancellationToken));

    private async Task ReplayTriggerAsync(string name, Func<SamTemplate, string, byte[], StringWriter, Task<InvocationResult>> invoke)
    {
        var template = SamTemplate.Load(RepoPaths.Template);
        var e = JsonNode.Parse(await File.ReadAllBytesAsync(RepoPaths.Event(name), TestContext.Current.CancellationToken))!.AsObject();
        e["userPoolId"] = backend.PoolId;
        if (e["userName"]?.GetValue<string>() is { } user && e["request"]?["userNotFound"]?.GetValue<bool>() != true)
            await backend.EnsureUserAsync(user);
        var bytes = System.Text.Encoding.UTF8.GetBytes(e.ToJsonString());
        var source = e["triggerSource"]!.GetValue<string>();
        var trigger = source.StartsWith("TokenGeneration_", StringComparison.Ordinal) ? "PreTokenGeneration" : source[..source.IndexOf('_')];
        var function = Assert.Single(template.CognitoTriggers, t => t.Triggers.Contains(trigger)).FunctionLogicalId;

        var log = new StringWriter();
        var result = await invoke(template, function, bytes, log);

        if (RefusedTriggerEvents.Contains(name))
        {
            Assert.True(result.IsError, $"{name}: answered {result.PayloadText}");
            Assert.Contains("The sign-in could not be completed. Try again later.", result.PayloadText);
            return;
        }
        Assert.False(result.IsError, $"{name}: {result.PayloadText}\n{log}");
        var answer = JsonNode.Parse(result.Payload)!.AsObject();
        Assert.Equal(e["userName"]?.ToJsonString(), answer["userName"]?.ToJsonString());
        Assert.Equal(e["request"]!.ToJsonString(), answer["request"]!.ToJsonString()); // nothing Cognito sent is lost
        var response = Assert.IsType<JsonObject>(answer["response"]);
        switch (trigger)
        {
            case "DefineAuthChallenge":
                Assert.True(response["issueTokens"] is not null && response["failAuthentication"] is not null, $"{name}: {response}");
                break;
            case "VerifyAuthChallengeResponse":
                Assert.NotNull(response["answerCorrect"]);
                break;
            case "CreateAuthChallenge":
                Assert.NotNull(response["publicChallengeParameters"]);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(EventFiles))]
    public Task Each_event_gets_its_expected_answer_from_the_handler_the_template_names(string name) =>
        ReplayHttpAsync(name, (template, function, bytes, log) =>
            FunctionHost.Start(template, function, new FunctionHostOptions { EnvVars = backend.EnvVars, Log = log }).InvokeAsync(bytes, cancellationToken: TestContext.Current.CancellationToken));

    /// <summary>Events whose outcome does not depend on the order they run in, one or more per kind of route.</summary>
    public static TheoryData<string> RuntimeApiEventFiles =>
    [
        "me-associate.json", "me-associate-old-app.json", "me-verify.json", "me-verify-malformed-json.json", "challenge-associate.json",
        "me-totp-status.json", "recover.json", "admin-get-policy.json", "admin-audit-query.json",
    ];

    /// <summary>HTTP events through the bootstrap in its own process behind the local Runtime API: the artifact's path.</summary>
    [Theory]
    [MemberData(nameof(RuntimeApiEventFiles))]
    public Task Http_events_get_the_same_answers_from_the_bootstrap_through_the_runtime_api(string name) =>
        ReplayHttpAsync(name, async (template, function, bytes, log) =>
            await (await backend.RuntimeApiHostAsync(template, function, log)).InvokeAsync(bytes, cancellationToken: TestContext.Current.CancellationToken));

    private async Task ReplayHttpAsync(string name, Func<SamTemplate, string, byte[], StringWriter, Task<InvocationResult>> invoke)
    {
        Assert.True(Expected.TryGetValue(name, out var expected), $"events/{name} has no expected outcome in {nameof(EventReplayTests)}");
        var template = SamTemplate.Load(RepoPaths.Template);
        var e = JsonNode.Parse(await File.ReadAllBytesAsync(RepoPaths.Event(name), TestContext.Current.CancellationToken))!.AsObject();
        var route = template.FindRoute(e["routeKey"]!.GetValue<string>())!;
        if (route.RequiresAuthorization)
        {
            var (username, token) = await backend.FreshUserAsync();
            e["headers"]!["authorization"] = "Bearer " + token;
            var claims = e["requestContext"]!["authorizer"]!["jwt"]!["claims"]!;
            claims["username"] = username; // the claims match the token, as API Gateway passes them
            claims["sub"] = SubOf(token);    // user state is keyed by sub: each replay is its own user
            // A token issued at sign-in (auth_time = iat) is the live one's: just signed in. A file whose auth_time is
            // older than its iat plays a refreshed token of an old sign-in, and keeps it.
            if (claims["auth_time"]?.GetValue<string>() == claims["iat"]?.GetValue<string>())
                claims["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        }

        var log = new StringWriter();
        var result = await invoke(template, route.FunctionLogicalId, System.Text.Encoding.UTF8.GetBytes(e.ToJsonString()), log);

        Assert.False(result.IsError, $"{name}: {result.PayloadText}\n{log}");
        using var response = JsonDocument.Parse(result.Payload);
        var status = response.RootElement.GetProperty("statusCode").GetInt32();
        var headers = response.RootElement.GetProperty("headers");
        var bodyText = response.RootElement.GetProperty("body").GetString()!;
        Assert.True(expected.Status == status, $"{name}: expected {expected.Status}, got {status}: {bodyText}");
        Assert.Equal(e["requestContext"]!["requestId"]!.GetValue<string>(), headers.GetProperty("x-request-id").GetString());
        var http = e["requestContext"]!["http"]!;
        OpenApiContract.AssertAnswer(http["method"]!.GetValue<string>(), http["path"]!.GetValue<string>(), status,
            headers.EnumerateObject().ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value.GetString() ?? ""), bodyText);
        if (e["queryStringParameters"]?["format"]?.GetValue<string>() is "jsonl" or "csv" && status == 200) return; // not the envelope
        using var body = JsonDocument.Parse(bodyText);
        Assert.StartsWith("application/json", headers.GetProperty("content-type").GetString());
        Assert.Equal(status is >= 200 and < 300, body.RootElement.GetProperty("success").GetBoolean());
        if (expected.Code is not null)
        {
            var error = body.RootElement.GetProperty("error");
            Assert.Equal(expected.Code, error.GetProperty("code").GetString());
            if (expected.Reason is not null) Assert.Equal(expected.Reason, error.GetProperty("reason").GetString());
        }
    }
}

/// <summary>moto with the template's tables, the sample tenants and a user pool; the env-vars `invoke` would get.</summary>
public sealed class EventReplayBackend : IAsyncLifetime
{
    private readonly DynamoMotoFixture _dynamo = new();
    private CognitoTestPool? _pool;

    public EnvVarsFile EnvVars { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _dynamo.InitializeAsync();
        var tables = new TableNames(await _dynamo.CreateAuditTableAsync(), await _dynamo.CreateTenantsTableAsync(), await _dynamo.CreateUserStateTableAsync());
        var store = new DynamoDbTenantPolicyStore(_dynamo.Client, tables.Tenants);
        foreach (var tenant in TenantPolicyDocument.ParseMany(await File.ReadAllTextAsync(RepoPaths.Event("tenants.sample.json"))))
            await store.PutAsync(tenant, null, CancellationToken.None);

        var endpoint = _dynamo.Moto.Endpoint;
        var cognito = new CognitoIdentityProviderClient(new HttpClient(), new CognitoClientOptions { Endpoint = endpoint, Region = MotoServer.Region, AttemptTimeout = TimeSpan.FromSeconds(30) },
            new SigV4RequestSigner(new BasicAWSCredentials("test", "test"), MotoServer.Region));
        _pool = await CognitoTestPool.CreateAsync(cognito, "OPTIONAL");
        _pool.DefaultTenantId = "demo"; // the sample tenant: every fresh user is bound to it (custom:tenant_id)

        EnvVars = EnvVarsFile.Parse($$"""
            {"Parameters": {
              "AWS_ENDPOINT_URL": "{{endpoint}}", "AWS_REGION": "{{MotoServer.Region}}",
              "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
              "AUDIT_TABLE_NAME": "{{tables.Audit}}", "TENANTS_TABLE_NAME": "{{tables.Tenants}}", "USER_STATE_TABLE_NAME": "{{tables.UserState}}",
              "UPSTREAM_TIMEOUT_MS": "2000", "POLICY_CACHE_SECONDS": "0",
              "CURSOR_SIGNING_KEY": "replay-cursor-signing-key-of-at-least-32-bytes",
              "RECOVERY_CODE_PEPPER": "replay-recovery-code-pepper-of-at-least-32-bytes",
              "USER_POOL_ID": "{{_pool.PoolId}}"
            } }
            """);
    }

    public string PoolId => _pool!.PoolId;

    /// <summary>A user of the backend's pool named as a trigger event names it (created once, no factor).</summary>
    public async Task EnsureUserAsync(string username)
    {
        try
        {
            await _pool!.Client.AdminCreateUserAsync(new AdminCreateUserRequest
            {
                UserPoolId = _pool.PoolId, Username = username, TemporaryPassword = "Temporary-Pass-1", MessageAction = "SUPPRESS",
            }, TestContext.Current.CancellationToken);
        }
        catch (CognitoServiceException failure) when (failure.ErrorType == "UsernameExistsException")
        {
            // Another event file's user: already there.
        }
    }

    /// <summary>A new user per event, so the sample tenant's hourly limits do not couple the replays.</summary>
    public async Task<(string Username, string AccessToken)> FreshUserAsync()
    {
        var username = await _pool!.CreateConfirmedUserAsync();
        return (username, await _pool.SignInForAccessTokenAsync(username));
    }

    private readonly Dictionary<string, RuntimeApiFunctionHost> _runtimeApiHosts = new(StringComparer.Ordinal);

    /// <summary>One bootstrap process per function for the whole class (warm after its first event), stopped at the end.</summary>
    public async Task<RuntimeApiFunctionHost> RuntimeApiHostAsync(SamTemplate template, string function, StringWriter log)
    {
        if (!_runtimeApiHosts.TryGetValue(function, out var host))
        {
            host = await RuntimeApiFunctionHost.StartAsync(template, function, BootstrapForTests.Artifact,
                new FunctionHostOptions { EnvVars = EnvVars, Log = TextWriter.Synchronized(new StringWriter()), Timeout = TimeSpan.FromSeconds(30) });
            _runtimeApiHosts[function] = host;
        }
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _runtimeApiHosts.Values) await host.DisposeAsync();
        await _dynamo.DisposeAsync();
    }
}
