using Enrollment.Local.Template;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests;

/// <summary>template.yaml as the runner reads it: the fixed names other engineers code against.</summary>
public sealed class TemplateModelTests
{
    private static readonly string[] FunctionIds =
    [
        "MeAssociateTotpFunction", "MeVerifyTotpFunction", "ChallengeAssociateTotpFunction", "ChallengeVerifyTotpFunction",
        "MeTotpStatusFunction", "MeDisableTotpFunction", "MeRecoveryCodesFunction", "RecoverTotpFunction",
        "AdminGetPolicyFunction", "AdminPutPolicyFunction", "AdminAuditQueryFunction", "AdminResetTotpFunction", "AdminGrantGraceFunction",
    ];

    private static SamTemplate Load(params string[] overrides) =>
        SamTemplate.Load(RepoPaths.Template, new TemplateLoadOptions { Overrides = TemplateLoadOptions.ParseOverrides(overrides), Region = "eu-west-1" });

    [Theory]
    [InlineData("MeAssociateTotpFunction", "Enrollment.Functions::Enrollment.Functions.Http.MeAssociateTotpFunction::Handle")]
    [InlineData("MeVerifyTotpFunction", "Enrollment.Functions::Enrollment.Functions.Http.MeVerifyTotpFunction::Handle")]
    [InlineData("ChallengeAssociateTotpFunction", "Enrollment.Functions::Enrollment.Functions.Http.ChallengeAssociateTotpFunction::Handle")]
    [InlineData("ChallengeVerifyTotpFunction", "Enrollment.Functions::Enrollment.Functions.Http.ChallengeVerifyTotpFunction::Handle")]
    [InlineData("MeTotpStatusFunction", "Enrollment.Functions::Enrollment.Functions.Http.MeTotpStatusFunction::Handle")]
    [InlineData("MeDisableTotpFunction", "Enrollment.Functions::Enrollment.Functions.Http.MeDisableTotpFunction::Handle")]
    [InlineData("MeRecoveryCodesFunction", "Enrollment.Functions::Enrollment.Functions.Http.MeRecoveryCodesFunction::Handle")]
    [InlineData("RecoverTotpFunction", "Enrollment.Functions::Enrollment.Functions.Http.RecoverTotpFunction::Handle")]
    public void Each_function_has_its_handler_and_the_global_runtime_settings(string id, string handler)
    {
        var function = Load().Functions[id];

        Assert.Equal(handler, function.Handler);
        var parsed = function.ParseHandler();
        Assert.Equal("Enrollment.Functions", parsed.AssemblyName);
        Assert.Equal("Handle", parsed.MethodName);
        Assert.Equal("provided.al2023", function.Runtime);
        Assert.Equal(["arm64"], function.Architectures);
        Assert.Equal("./", function.CodeUri); // the Makefile at the repository root builds bootstrap
        Assert.Equal(512, function.MemorySize);
        Assert.Equal(10, function.Timeout);
        var logging = Assert.IsType<Dictionary<string, object?>>(function.Properties["LoggingConfig"]);
        Assert.Equal("JSON", logging["LogFormat"]);
        // Globals' LogFormat merged with the function's own log group (Ref of a log group is its name).
        Assert.Equal($"/aws/lambda/enrollment-local/{id[..^"Function".Length]}", logging["LogGroup"]);
    }

    [Fact]
    public void The_enrollment_functions_are_declared_and_every_handler_exists_in_the_functions_assembly()
    {
        var template = Load();
        Assert.Subset(template.Functions.Keys.ToHashSet(), FunctionIds.ToHashSet());
        foreach (var function in template.Functions.Values)
        {
            var handler = function.ParseHandler();
            var type = Type.GetType($"{handler.TypeName}, {handler.AssemblyName}");
            Assert.True(type is not null, $"{function.LogicalId}: {handler.TypeName} does not exist");
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
            Assert.Equal(typeof(Task<Stream>), type.GetMethod(handler.MethodName, [typeof(Stream)])?.ReturnType);
        }
    }

    [Theory]
    [InlineData("MeAssociateTotpFunction", "POST /v1/me/totp/associate", true)]
    [InlineData("MeVerifyTotpFunction", "POST /v1/me/totp/verify", true)]
    [InlineData("ChallengeAssociateTotpFunction", "POST /v1/challenge/totp/associate", false)]
    [InlineData("ChallengeVerifyTotpFunction", "POST /v1/challenge/totp/verify", false)]
    [InlineData("MeTotpStatusFunction", "GET /v1/me/totp", true)]
    [InlineData("MeDisableTotpFunction", "DELETE /v1/me/totp", true)]
    [InlineData("MeRecoveryCodesFunction", "POST /v1/me/totp/recovery-codes", true)]
    [InlineData("RecoverTotpFunction", "POST /v1/recovery/totp", false)]
    public void Routes_and_their_authorization(string id, string routeKey, bool jwt)
    {
        var template = Load();
        var route = Assert.Single(template.Functions[id].HttpApiEvents);

        Assert.Equal(routeKey, route.RouteKey);
        Assert.Equal("EnrollmentApi", route.ApiLogicalId);
        Assert.Equal("2.0", route.PayloadFormatVersion);
        Assert.Same(route, template.FindRoute(routeKey));
        if (jwt)
        {
            Assert.Equal("CognitoJwt", route.AuthorizerName);
            Assert.Equal(["aws.cognito.signin.user.admin"], route.AuthorizationScopes);
        }
        else
        {
            Assert.Null(route.AuthorizerName);
            Assert.False(route.RequiresAuthorization);
        }
        Assert.True(route.TryMatch(route.Method, route.Path, out _));
        Assert.False(route.TryMatch(route.Method == "GET" ? "POST" : "GET", route.Path, out _));
    }

    [Fact]
    public void The_api_finds_routes_by_method_and_path()
    {
        var api = Load().HttpApis["EnrollmentApi"];

        Assert.Equal(13, api.Routes.Count);
        Assert.Equal("MeVerifyTotpFunction", api.FindRoute("POST", "/v1/me/totp/verify", out _)?.FunctionLogicalId);
        Assert.Equal("MeTotpStatusFunction", api.FindRoute("GET", "/v1/me/totp", out _)?.FunctionLogicalId);
        Assert.Equal("MeDisableTotpFunction", api.FindRoute("DELETE", "/v1/me/totp", out _)?.FunctionLogicalId);
        Assert.Null(api.FindRoute("POST", "/v1/me/totp", out _));
        Assert.Equal("AdminResetTotpFunction", api.FindRoute("POST", "/v1/admin/tenants/acme/users/jane/totp/reset", out var parameters)?.FunctionLogicalId);
        Assert.Equal(new Dictionary<string, string> { ["tenantId"] = "acme", ["username"] = "jane" }, parameters);
        Assert.Equal("AdminPutPolicyFunction", api.FindRoute("PUT", "/v1/admin/tenants/acme/policy", out _)?.FunctionLogicalId);
        Assert.Null(api.FindRoute("POST", "/v1/me/totp/nope", out _));
        Assert.Null(api.FindRoute("GET", "/v1/me/totp/verify", out _));
        Assert.Null(api.DefaultAuthorizer);
    }

    [Fact]
    public void The_jwt_authorizer_trusts_the_pool_issuer_and_the_app_clients()
    {
        var authorizer = Load().HttpApis["EnrollmentApi"].Authorizers["CognitoJwt"];
        Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/UserPool", authorizer.Issuer);
        Assert.Equal(["UserPoolClient"], authorizer.Audience);
        Assert.Equal("$request.header.Authorization", authorizer.IdentitySource);

        var local = Load("UserPool=eu-west-1_AbCd", "UserPoolClient=client-1", "AdditionalAudiences=client-2,client-3")
            .HttpApis["EnrollmentApi"].Authorizers["CognitoJwt"];
        Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCd", local.Issuer);
        Assert.Equal(["client-1", "client-2", "client-3"], local.Audience);
    }

    [Fact]
    public void Globals_environment_is_merged_into_every_function_and_follows_parameters()
    {
        var template = Load();
        foreach (var id in FunctionIds)
        {
            var env = template.Functions[id].Environment;
            Assert.Equal("AuditTable", env["AUDIT_TABLE_NAME"]);
            Assert.Equal("TenantsTable", env["TENANTS_TABLE_NAME"]);
            Assert.Equal("UserStateTable", env["USER_STATE_TABLE_NAME"]);
            Assert.Equal("60", env["POLICY_CACHE_SECONDS"]);
            Assert.Equal("2500", env["UPSTREAM_TIMEOUT_MS"]);
            Assert.Equal("Information", env["LOG_LEVEL"]);
            // A pool id in a function's environment makes a cycle once that function is a pool trigger; only the
            // recovery and admin reset functions (no triggers, the ones with Admin* rights) have it.
            // The challenge verify function also has it: the issuer its server-finished MFA_SETUP tokens must carry.
            if (AdminCallers.Contains(id) || id == "ChallengeVerifyTotpFunction") Assert.Equal("UserPool", env["USER_POOL_ID"]);
            else Assert.DoesNotContain("USER_POOL_ID", env.Keys);
            // The cursor secret only where cursors are signed; CloudFormation resolves it from Secrets Manager.
            if (id == "AdminAuditQueryFunction") Assert.Equal("{{resolve:secretsmanager:CursorSigningSecret:SecretString}}", env["CURSOR_SIGNING_KEY"]);
            else Assert.DoesNotContain("CURSOR_SIGNING_KEY", env.Keys);
        }

        var overridden = Load("PolicyCacheSeconds=5", "AuditTable=enrollment-local-audit", "LogLevel=Debug");
        var merged = overridden.Functions["MeVerifyTotpFunction"].Environment;
        Assert.Equal("5", merged["POLICY_CACHE_SECONDS"]);
        Assert.Equal("enrollment-local-audit", merged["AUDIT_TABLE_NAME"]);
        Assert.Equal("Debug", merged["LOG_LEVEL"]);
        Assert.Equal("enrollment-local-audit", overridden.Tables["AuditTable"].TableName);

        var stack = template.WithOptions(template.Options with { Overrides = new Dictionary<string, string> { ["TenantsTable"] = "tenants-7" } });
        Assert.Equal("tenants-7", stack.Functions["ChallengeVerifyTotpFunction"].Environment["TENANTS_TABLE_NAME"]);
        Assert.Equal("TenantsTable", template.Functions["ChallengeVerifyTotpFunction"].Environment["TENANTS_TABLE_NAME"]);
    }

    private const string Tenants = "arn:aws:dynamodb:eu-west-1:123456789012:table/TenantsTable";
    private const string Audit = "arn:aws:dynamodb:eu-west-1:123456789012:table/AuditTable";
    private const string UserState = "arn:aws:dynamodb:eu-west-1:123456789012:table/UserStateTable";

    /// <summary>Exactly the calls each function makes, on exactly its tables: nothing more (least privilege).</summary>
    private static readonly Dictionary<string, string[]> ExpectedGrants = new()
    {
        ["MeAssociateTotpFunction"] = [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Audit}", $"dynamodb:UpdateItem {UserState}"],
        ["ChallengeAssociateTotpFunction"] = [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Audit}", $"dynamodb:UpdateItem {UserState}"],
        ["ChallengeVerifyTotpFunction"] = [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Audit}", $"dynamodb:UpdateItem {UserState}", $"dynamodb:PutItem {UserState}"],
        ["MeVerifyTotpFunction"] =
            [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Audit}", $"dynamodb:UpdateItem {UserState}",
             $"dynamodb:PutItem {UserState}", $"dynamodb:DeleteItem {UserState}", $"dynamodb:Query {UserState}"],
        ["MeTotpStatusFunction"] = [$"dynamodb:GetItem {Tenants}", $"dynamodb:GetItem {UserState}", $"dynamodb:Query {UserState}"],
        ["MeDisableTotpFunction"] = [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Audit}", $"dynamodb:Query {UserState}", $"dynamodb:DeleteItem {UserState}"],
        ["MeRecoveryCodesFunction"] =
            [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Audit}", $"dynamodb:Query {UserState}", $"dynamodb:PutItem {UserState}", $"dynamodb:DeleteItem {UserState}",
             $"dynamodb:UpdateItem {UserState}"],
        ["RecoverTotpFunction"] =
            [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Audit}", $"dynamodb:UpdateItem {UserState}", $"dynamodb:GetItem {UserState}",
             $"dynamodb:Query {UserState}", $"dynamodb:DeleteItem {UserState}",
             "cognito-idp:AdminGetUser arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool",
             "cognito-idp:AdminDeleteSoftwareToken arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool",
             "cognito-idp:AdminSetUserMFAPreference arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool",
             "cognito-idp:AdminUserGlobalSignOut arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool"],
        ["AdminGetPolicyFunction"] = [$"dynamodb:GetItem {Tenants}"],
        ["AdminPutPolicyFunction"] = [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Tenants}", $"dynamodb:DeleteItem {Tenants}", $"dynamodb:PutItem {Audit}"],
        ["AdminAuditQueryFunction"] = [$"dynamodb:GetItem {Tenants}", $"dynamodb:Query {Audit}", $"dynamodb:Query {Audit}/index/byTenantTime"],
        ["AdminResetTotpFunction"] =
            [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {Audit}", $"dynamodb:GetItem {UserState}", $"dynamodb:Query {UserState}", $"dynamodb:DeleteItem {UserState}",
             "cognito-idp:AdminGetUser arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool",
             "cognito-idp:AdminDeleteSoftwareToken arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool",
             "cognito-idp:AdminSetUserMFAPreference arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool",
             "cognito-idp:AdminUserGlobalSignOut arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool"],
        ["AdminGrantGraceFunction"] =
            [$"dynamodb:GetItem {Tenants}", $"dynamodb:PutItem {UserState}", $"dynamodb:PutItem {Audit}",
             "cognito-idp:AdminGetUser arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool"],
    };

    /// <summary>The functions issue 4 lets call Admin* user pool operations: recovery and the admin reset.</summary>
    private static readonly string[] AdminCallers = ["RecoverTotpFunction", "AdminResetTotpFunction", "AdminGrantGraceFunction"];

    public static TheoryData<string, string[]> Grants()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var (id, grants) in ExpectedGrants) data.Add(id, grants);
        return data;
    }

    [Theory]
    [MemberData(nameof(Grants))]
    public void Each_function_is_granted_exactly_the_calls_it_makes(string id, string[] expected)
    {
        var policies = Assert.IsType<List<object?>>(Load().Functions[id].Properties["Policies"]);
        var document = Assert.IsType<Dictionary<string, object?>>(Assert.Single(policies));
        var statements = Assert.IsType<List<object?>>(document["Statement"]).Cast<Dictionary<string, object?>>().ToList();
        Assert.All(statements, s => Assert.Equal("Allow", s["Effect"]));
        var granted = statements.SelectMany(s => Actions(s["Action"]).Select(action => $"{action} {(string)s["Resource"]!}"));
        Assert.Equal(expected.Order(), granted.Order());
    }

    [Fact]
    public void Every_http_function_has_its_grants_listed_and_only_the_recovery_and_admin_reset_functions_may_call_cognito()
    {
        var template = Load();
        Assert.Equal(template.Functions.Values.Where(f => f.HttpApiEvents.Count > 0).Select(f => f.LogicalId).Order(), ExpectedGrants.Keys.Order());
        foreach (var function in template.Functions.Values.Where(f => !AdminCallers.Contains(f.LogicalId)))
        {
            var policies = Assert.IsType<List<object?>>(function.Properties["Policies"]);
            var actions = policies.Cast<Dictionary<string, object?>>()
                .SelectMany(document => Assert.IsType<List<object?>>(document["Statement"]).Cast<Dictionary<string, object?>>())
                .SelectMany(statement => Actions(statement["Action"]));
            Assert.DoesNotContain(actions, action => action.StartsWith("cognito-idp:", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Define and pre token generation ask the pool itself (issue 8: Cognito is the source of truth for the factor;
    /// a recovery sign-in signs out everywhere), on this stack's pool only, through policies attached to their roles
    /// (the pool names the functions, so the functions' own Policies cannot name the pool). Create and Verify ask nothing.
    /// </summary>
    [Theory]
    [InlineData("DefineAuthChallengeUserPoolAccess", "DefineAuthChallengeFunctionRole", new[] { "cognito-idp:AdminGetUser", "cognito-idp:AdminUserGlobalSignOut" })]
    [InlineData("PreTokenGenerationUserPoolAccess", "PreTokenGenerationFunctionRole", new[] { "cognito-idp:AdminGetUser" })]
    public void The_sign_in_triggers_may_ask_the_stacks_own_pool_and_nothing_more(string policyId, string role, string[] expected)
    {
        var properties = Load().ResolveResourceProperties(policyId);
        Assert.Equal([role], Assert.IsType<List<object?>>(properties["Roles"]).Cast<string>());
        var document = Assert.IsType<Dictionary<string, object?>>(properties["PolicyDocument"]);
        var statements = Assert.IsType<List<object?>>(document["Statement"]).Cast<Dictionary<string, object?>>().ToList();
        Assert.All(statements, s => Assert.Equal("Allow", s["Effect"]));
        var granted = statements.SelectMany(s => Actions(s["Action"]).Select(action => $"{action} {(string)s["Resource"]!}"));
        Assert.Equal(expected.Select(a => $"{a} arn:aws:cognito-idp:eu-west-1:123456789012:userpool/UserPool").Order(), granted.Order());

        foreach (var other in new[] { "CreateAuthChallengeFunction", "VerifyAuthChallengeFunction" })
        {
            var actions = Assert.IsType<List<object?>>(Load().Functions[other].Properties["Policies"]).Cast<Dictionary<string, object?>>()
                .SelectMany(d => Assert.IsType<List<object?>>(d["Statement"]).Cast<Dictionary<string, object?>>())
                .SelectMany(s => Actions(s["Action"]));
            Assert.DoesNotContain(actions, action => action.StartsWith("cognito-idp:", StringComparison.Ordinal));
        }
    }

    private static IEnumerable<string> Actions(object? action) => action switch
    {
        string one => [one],
        List<object?> many => many.Cast<string>(),
        _ => throw new InvalidOperationException($"Unexpected Action {action}"),
    };

    [Fact]
    public void Tables_have_their_keys_index_ttl_and_protection()
    {
        var tables = Load().Tables;
        Assert.Equal(["AuditTable", "TenantsTable", "UserStateTable"], tables.Keys.Order());

        foreach (var table in tables.Values)
        {
            Assert.Equal(new KeyAttribute("pk", "S"), table.PartitionKey);
            Assert.Equal(new KeyAttribute("sk", "S"), table.SortKey);
            Assert.Equal("expiresAt", table.TimeToLiveAttribute);
            Assert.Equal("PAY_PER_REQUEST", table.BillingMode);
            Assert.True(table.SseEnabled);
        }

        var audit = tables["AuditTable"];
        var index = Assert.Single(audit.GlobalSecondaryIndexes);
        Assert.Equal("byTenantTime", index.IndexName);
        Assert.Equal(new KeyAttribute("gsi1pk", "S"), index.PartitionKey);
        Assert.Equal(new KeyAttribute("gsi1sk", "S"), index.SortKey);
        Assert.Equal("ALL", index.ProjectionType);
        Assert.True(audit.PointInTimeRecovery);
        Assert.Equal("Retain", audit.DeletionPolicy);
        // Recovery codes and enrollment records survive a stack deletion or replacement too, and can be restored.
        Assert.True(tables["UserStateTable"].PointInTimeRecovery);
        Assert.Equal("Retain", tables["UserStateTable"].DeletionPolicy);
        // Only the laptop stack deletes them with the stack.
        var local = Load("EnvironmentName=local").Tables;
        Assert.Equal("Delete", local["AuditTable"].DeletionPolicy);
        Assert.Equal("Delete", local["UserStateTable"].DeletionPolicy);
        Assert.Empty(tables["TenantsTable"].GlobalSecondaryIndexes);
        Assert.Empty(tables["UserStateTable"].GlobalSecondaryIndexes);
    }

    [Theory]
    [InlineData(null, "OPTIONAL", true)]
    [InlineData("ON", "ON", true)]
    [InlineData("OFF", "OFF", false)]
    public void The_pool_mfa_setting_comes_from_its_parameter(string? value, string expected, bool softwareToken)
    {
        var template = value is null ? Load() : Load($"PoolMfaConfiguration={value}");
        var pool = Assert.Single(template.UserPools.Values);

        Assert.Equal("UserPool", pool.LogicalId);
        Assert.Equal(expected, pool.MfaConfiguration);
        // Cognito refuses a factor list on a pool whose MFA is off.
        Assert.Equal(softwareToken ? ["SOFTWARE_TOKEN_MFA"] : [], pool.EnabledMfas);
    }

    [Fact]
    public void The_demo_app_client_has_custom_auth_and_refresh_deployed_password_flows_only_locally_and_no_secret()
    {
        var client = Assert.Single(Load("UserPoolClient=demo-client-id").UserPoolClients.Values);

        Assert.Equal("demo-client-id", client.ClientId);
        Assert.Equal("UserPool", client.UserPoolLogicalId);
        // CUSTOM_AUTH runs the sign-in triggers; the password flows stay for the local stack (moto runs no triggers).
        Assert.Equal(["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], client.ExplicitAuthFlows);
        Assert.Equal(["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            Assert.Single(Load("EnvironmentName=local").UserPoolClients.Values).ExplicitAuthFlows);
        Assert.False(client.GenerateSecret);
    }

    [Fact]
    public void Parameters_and_outputs_are_the_agreed_ones()
    {
        var template = Load("EnrollmentApi=abc123");

        foreach (var name in new[] { "EnvironmentName", "PoolMfaConfiguration", "PolicyCacheSeconds", "LogRetentionDays", "AdditionalAudiences" })
            Assert.Contains(name, template.Parameters.Keys);
        Assert.Equal(["OFF", "OPTIONAL", "ON"], template.Parameters["PoolMfaConfiguration"].AllowedValues);

        var outputs = template.ResolveOutputs();
        Assert.Equal(
            new[] { "ApiUrl", "AuditTableName", "TenantsTableName", "UserStateTableName", "UserPoolId", "UserPoolClientId" }.Order(),
            outputs.Keys.Order());
        Assert.Equal("https://abc123.execute-api.eu-west-1.amazonaws.com/", outputs["ApiUrl"]);
        Assert.Equal("AuditTable", outputs["AuditTableName"]);
    }

    [Fact]
    public void Bad_parameter_values_and_unknown_overrides_are_refused_with_a_clear_message()
    {
        var notAllowed = Assert.Throws<TemplateException>(() => Load("PoolMfaConfiguration=SOMETIMES"));
        Assert.Contains("OFF, OPTIONAL, ON", notAllowed.Message);

        var tooBig = Assert.Throws<TemplateException>(() => Load("PolicyCacheSeconds=99999"));
        Assert.Contains("PolicyCacheSeconds", tooBig.Message);

        var unknown = Assert.Throws<TemplateException>(() => Load("NoSuchThing=1"));
        Assert.Contains("NoSuchThing", unknown.Message);
        Assert.Contains("PoolMfaConfiguration", unknown.Message);
    }

    [Theory]
    [InlineData("DefineAuthChallengeFunction", "DefineAuthChallenge")]
    [InlineData("CreateAuthChallengeFunction", "CreateAuthChallenge")]
    [InlineData("VerifyAuthChallengeFunction", "VerifyAuthChallengeResponse")]
    [InlineData("PreTokenGenerationFunction", "PreTokenGeneration")]
    public void Sign_in_triggers_are_attached_to_the_pool_by_cognito_events(string id, string trigger)
    {
        var attached = Assert.Single(Load().Functions[id].CognitoTriggers);
        Assert.Equal("UserPool", attached.UserPoolLogicalId);
        Assert.Equal([trigger], attached.Triggers);
    }

    [Fact]
    public void Pre_token_generation_runs_as_version_2_on_the_same_function()
    {
        var yaml = File.ReadAllText(RepoPaths.Template);
        Assert.Matches(@"PreTokenGenerationConfig:\s+LambdaArn: !GetAtt PreTokenGenerationFunction\.Arn\s+LambdaVersion: V2_0", yaml);
        Assert.Contains("UserPoolTier: ESSENTIALS", yaml);
    }
}
