using System.Text.Json.Nodes;
using System.Text;
using Enrollment.Core.Policy;
using Enrollment.Core.SignIn;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Triggers;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Triggers;

/// <summary>The functions' contract with Cognito around the decisions: the event round trip, safe failures, wiring.</summary>
public sealed class TriggerWireTests
{
    private readonly TriggerFunctions _functions = new();

    private static JsonArray AfterPassword() => [CognitoEvents.SessionEntry("SRP_A", true), CognitoEvents.SessionEntry("PASSWORD_VERIFIER", true)];

    [Fact]
    public async Task Members_Cognito_sends_that_we_do_not_model_come_back_untouched()
    {
        var sent = CognitoEvents.Define("enrolled-user", AfterPassword(), null, false);
        sent["futureTopLevel"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) };
        sent["request"]!["futureRequestMember"] = 42;
        sent["response"]!["futureResponseMember"] = "keep me";

        var returned = await _functions.InvokeAsync(sent);

        Assert.True(JsonNode.DeepEquals(sent["futureTopLevel"], returned["futureTopLevel"]));
        Assert.Equal(42, (int)returned["request"]!["futureRequestMember"]!);
        Assert.Equal("keep me", (string?)returned["response"]!["futureResponseMember"]);
        Assert.True((bool)returned["response"]!["issueTokens"]!);
        Assert.Null(returned["response"]!["challengeName"]);
        Assert.True(returned["response"]!.AsObject().ContainsKey("challengeName"));
    }

    [Fact]
    public async Task Cognito_explicit_nulls_and_absent_members_are_both_read()
    {
        var sent = CognitoEvents.Define("enrolled-user", AfterPassword(), null, false);
        sent["request"]!.AsObject().Remove("clientMetadata");
        sent["request"]!.AsObject().Remove("userNotFound");
        sent.Remove("response");
        var returned = await _functions.InvokeAsync(sent);
        Assert.True((bool)returned["response"]!["issueTokens"]!);
    }

    [Fact]
    public async Task Verify_answers_wrong_when_anything_fails_and_logs_no_answer()
    {
        _functions.World.RecoveryCodes.Down = true;
        var sent = CognitoEvents.Verify("enrolled-user", new JsonObject { ["challenge"] = CustomChallenges.RecoveryCode }, SignInWorld.RecoveryCode1, null, false);

        var returned = await _functions.InvokeAsync(sent);

        Assert.False((bool)returned["response"]!["answerCorrect"]!);
        var log = _functions.Log.ToString();
        Assert.Contains("\"code\":\"SERVICE_UNAVAILABLE\"", log);
        Assert.DoesNotContain(SignInWorld.RecoveryCode1, log);
        Assert.Equal(2, _functions.World.RecoveryCodes.Remaining("demo", SignInWorld.Sub("enrolled-user")));
    }

    [Fact]
    public async Task Define_fails_the_sign_in_when_anything_fails()
    {
        _functions.World.Enrollments.Down = true;
        var returned = await _functions.InvokeAsync(CognitoEvents.Define("enrolled-user", AfterPassword(), null, false));
        Assert.True((bool)returned["response"]!["failAuthentication"]!);
        Assert.False((bool)returned["response"]!["issueTokens"]!);
        Assert.Null(returned["response"]!["challengeName"]);
    }

    [Fact]
    public async Task Define_of_a_misrouted_event_fails_the_sign_in()
    {
        var sent = CognitoEvents.Define("enrolled-user", AfterPassword(), null, false);
        sent["triggerSource"] = "CreateAuthChallenge_Authentication";
        var returned = await TriggerFunctions.InvokeAsync(_functions.Define.Handle, sent.ToJsonString());
        Assert.True((bool)returned["response"]!["failAuthentication"]!);
        Assert.Contains("\"code\":\"VALIDATION_ERROR\"", _functions.Log.ToString());
    }

    [Fact]
    public async Task Create_and_pre_token_generation_fail_with_a_fixed_message_that_says_nothing()
    {
        _functions.World.Grace.Down = true;
        var create = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            _functions.InvokeAsync(CognitoEvents.Create("new-user", AfterPassword(), null, false)));
        Assert.Equal(TriggerFailedException.Text, create.Message);

        var preToken = await Assert.ThrowsAsync<TriggerFailedException>(() =>
            _functions.InvokeAsync(CognitoEvents.PreToken("late-user", ["openid"])));
        Assert.Equal(TriggerFailedException.Text, preToken.Message);
    }

    [Fact]
    public async Task A_version_1_pre_token_event_means_a_misconfigured_pool_and_fails()
    {
        await Assert.ThrowsAsync<TriggerFailedException>(() =>
            _functions.InvokeAsync(CognitoEvents.PreToken("enrolled-user", ["openid"], version: "1")));
        Assert.Contains("VALIDATION_ERROR", _functions.Log.ToString());
    }

    [Fact]
    public async Task An_event_that_is_not_JSON_gets_each_triggers_safe_answer()
    {
        // Define: failAuthentication (the app gets Cognito's NotAuthorizedException); Verify: a wrong answer.
        var define = await TriggerFunctions.InvokeAsync(_functions.Define.Handle, "[1,2");
        Assert.Equal((false, true), ((bool)define["response"]!["issueTokens"]!, (bool)define["response"]!["failAuthentication"]!));
        var verify = await TriggerFunctions.InvokeAsync(_functions.Verify.Handle, "[]");
        Assert.False((bool)verify["response"]!["answerCorrect"]!);
        // Create and pre token generation have no safe answer: they fail with the fixed text.
        await Assert.ThrowsAsync<TriggerFailedException>(() => _functions.Create.Handle(new MemoryStream(Encoding.UTF8.GetBytes("null"))));
        await Assert.ThrowsAsync<TriggerFailedException>(() => _functions.PreToken.Handle(new MemoryStream(Encoding.UTF8.GetBytes("{\"request\": 7}"))));
        Assert.Contains("\"code\":\"INVALID_EVENT\"", _functions.Log.ToString());
    }

    [Fact]
    public async Task An_event_without_user_or_client_is_refused_safely()
    {
        var sent = CognitoEvents.Define("enrolled-user", AfterPassword(), null, false);
        sent["callerContext"]!.AsObject().Remove("clientId");
        var returned = await _functions.InvokeAsync(sent);
        Assert.True((bool)returned["response"]!["failAuthentication"]!);
    }

    [Fact]
    public async Task A_store_slower_than_the_budget_fails_safe_in_time()
    {
        var world = new SignInWorld();
        var ports = new TriggerPorts
        {
            Policies = new HangingPolicyStore(),
            Enrollments = world.Enrollments,
            Grace = world.Grace,
            Recoveries = world.Recoveries,
            RecoveryCodes = world.RecoveryCodes,
            Limiter = world.Limiter,
            Audit = world.Audit,
            UserPool = world.UserPool,
        };
        var log = new StringWriter();
        var services = TriggerServices.Build(ports, world.Time, new FunctionLog(log));
        var define = new DefineAuthChallengeFunction(services.SignIn, new TriggerRunner(new FunctionLog(log), TimeSpan.FromMilliseconds(200)));

        var started = DateTime.UtcNow;
        var returned = await TriggerFunctions.InvokeAsync(define.Handle, CognitoEvents.Define("enrolled-user", AfterPassword(), null, false).ToJsonString());

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
        Assert.True((bool)returned["response"]!["failAuthentication"]!);
        Assert.Contains("\"code\":\"TIMEOUT\"", log.ToString());
    }

    [Fact]
    public void Without_adapters_the_ports_say_plainly_that_the_infrastructure_is_not_wired()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => TriggerProductionPorts.Create(_ => "x", adapters: null));
        Assert.Equal(TriggerProductionPorts.NotWired, failure.Message);
    }

    [Fact]
    public void Production_wires_the_same_DynamoDB_adapters_as_the_http_functions()
    {
        using var client = new Amazon.DynamoDBv2.AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("test", "test"), Amazon.RegionEndpoint.EUWest1);
        var adapters = TriggerProductionPorts.InfrastructureAdapters!(client, new TableNames("audit", "tenants", "user-state"));

        Assert.IsType<CachedTenantPolicyStore>(adapters.Policies);
        Assert.IsType<DynamoDbEnrollmentRecordStore>(adapters.Enrollments);
        Assert.IsType<DynamoDbRecoveryCodeStore>(adapters.RecoveryCodes);
        Assert.IsType<DynamoDbRateLimiter>(adapters.Limiter);
        Assert.IsType<MeteredAuditLog>(adapters.Audit); // the DynamoDB audit log, with its failure metric (docs/operations.md)
    }

    [Fact]
    public void Production_ports_use_this_branchs_DynamoDB_stores_and_the_wired_adapters()
    {
        var world = new SignInWorld();
        var env = new Dictionary<string, string?>
        {
            ["AUDIT_TABLE_NAME"] = "audit",
            ["TENANTS_TABLE_NAME"] = "tenants",
            ["USER_STATE_TABLE_NAME"] = "user-state",
            ["UPSTREAM_TIMEOUT_MS"] = "2500",
            ["AWS_REGION"] = "eu-west-1",
        };
        TableNames? seen = null;
        var ports = TriggerProductionPorts.Create(name => env.GetValueOrDefault(name), (db, tables) =>
        {
            seen = tables;
            return new InfrastructureAdapters(world.Policies, world.Enrollments, world.RecoveryCodes, world.Limiter, world.Audit);
        });
        Assert.IsType<Enrollment.Infrastructure.Cognito.CognitoSignInUserPool>(ports.UserPool);

        Assert.Equal(new TableNames("audit", "tenants", "user-state"), seen);
        Assert.IsType<DynamoDbGracePeriodStore>(ports.Grace);
        Assert.IsType<DynamoDbRecoverySignInStore>(ports.Recoveries);
        Assert.Same(world.Audit, ports.Audit);

        env.Remove("USER_STATE_TABLE_NAME");
        var missing = Assert.Throws<InvalidOperationException>(() => TriggerProductionPorts.Create(name => env.GetValueOrDefault(name), (_, _) => throw new InvalidOperationException("not reached")));
        Assert.Contains("USER_STATE_TABLE_NAME", missing.Message);
    }

    private sealed class HangingPolicyStore : ITenantPolicyStore
    {
        public Task<CompiledTenantPolicy?> FindByTenantIdAsync(string tenantId, CancellationToken cancellationToken) => Hang(cancellationToken);

        public Task<CompiledTenantPolicy?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken) => Hang(cancellationToken);

        private static async Task<CompiledTenantPolicy?> Hang(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return null;
        }
    }
}
