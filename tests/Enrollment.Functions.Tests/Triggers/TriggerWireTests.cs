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
        var log = new StringWriter();
        var root = new ServiceRoot(TestRoots.Ports(world) with { Policies = new HangingPolicyStore() }, TestRoots.Settings(), world.Time, new FunctionLog(log));
        var define = new DefineAuthChallengeFunction(root.SignIn, new TriggerRunner(new FunctionLog(log), TimeSpan.FromMilliseconds(200)));

        var started = DateTime.UtcNow;
        var returned = await TriggerFunctions.InvokeAsync(define.Handle, CognitoEvents.Define("enrolled-user", AfterPassword(), null, false).ToJsonString());

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
        Assert.True((bool)returned["response"]!["failAuthentication"]!);
        Assert.Contains("\"code\":\"TIMEOUT\"", log.ToString());
    }

    [Fact]
    public void Production_ports_are_the_DynamoDB_and_Cognito_adapters_the_http_functions_use()
    {
        var settings = TestRoots.Settings(new TableNames("audit", "tenants", "user-state"));
        var ports = Ports.Production(settings, TimeProvider.System, new FunctionLog(new StringWriter()));

        Assert.IsType<CachedTenantPolicyStore>(ports.Policies);
        Assert.IsType<DynamoDbTenantPolicyStore>(ports.PolicyAdmin);
        Assert.IsType<DynamoDbEnrollmentRecordStore>(ports.Enrollments);
        // One store for issuing and consuming: a code consumed at sign-in is consumed for the recovery route too.
        Assert.IsType<DynamoDbRecoveryCodeStore>(ports.RecoveryCodes);
        Assert.IsType<DynamoDbRateLimiter>(ports.Limiter);
        Assert.IsType<MeteredAuditLog>(ports.Audit); // the DynamoDB audit log, with its failure metric (docs/operations.md)
        Assert.IsType<DynamoDbGracePeriodStore>(ports.Grace);
        Assert.IsType<DynamoDbRecoverySignInStore>(ports.Recoveries);
        Assert.IsType<Enrollment.Infrastructure.Cognito.CognitoSignInUserPool>(ports.SignInUserPool);
        // No USER_POOL_ID: building the ports does not need it; only the functions that make Admin* calls do.
        Assert.Contains("USER_POOL_ID", Assert.Throws<InvalidOperationException>(() => ports.UserPoolAdmin()).Message);
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
