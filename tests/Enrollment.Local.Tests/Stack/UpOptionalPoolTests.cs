using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Local.Stack;
using Enrollment.Local.Emulator;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Stack;

/// <summary>
/// `up` (pool MFA optional) played as the mobile app plays it, over HTTP: sign in with the emulator, associate,
/// verify wrong and right codes, sign in again with SOFTWARE_TOKEN_MFA; policy denials; the authorizer's refusals.
/// </summary>
public sealed class UpOptionalPoolTests(UpFixture up) : IClassFixture<UpFixture>
{
    private MobileApp App => up.App;

    [Fact]
    public void Up_starts_in_seconds_and_prints_where_everything_is()
    {
        Assert.True(up.StartTime < TimeSpan.FromSeconds(30), $"up took {up.StartTime.TotalSeconds:0.0} s");
        var stdout = up.Up.Stdout;
        Assert.Contains("starting emulator… ready", stdout);
        Assert.Contains("creating tables…", stdout);
        Assert.Contains("seeding 4 tenants…", stdout);
        Assert.Contains($"serving on {up.Stack.ApiUrl}", stdout);
        Assert.Contains($"moto_server pid {up.Stack.EmulatorPid}", stdout);
        Assert.Contains("curl -s -X POST", stdout);
        Assert.Contains($"{App.User(UpFixture.Enrolling).Username} / {App.User(UpFixture.Enrolling).Password}", stdout);
        Assert.Contains("creating 4 admin groups…", stdout);
        var admin = App.Admin(UpFixture.Enrolling);
        Assert.Contains($"{admin.Username} / {admin.Password}  tenant {UpFixture.Enrolling}, client {App.ClientId(UpFixture.Enrolling)}, admin (group {admin.Group})", stdout);
        Assert.Contains($"/v1/admin/tenants/{UpFixture.Enrolling}/policy", stdout);
        Assert.Contains("note        tenant fenced allows only 203.0.113.0/24", stdout);
    }

    [Fact]
    public async Task The_stack_file_has_the_api_md_shape_and_names_what_up_created()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(up.StackFilePath, TestContext.Current.CancellationToken));
        var root = document.RootElement;
        Assert.Equal(up.Stack.ApiUrl, root.GetProperty("apiUrl").GetString());
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", root.GetProperty("apiUrl").GetString());
        Assert.Equal("us-east-1", root.GetProperty("region").GetString());
        Assert.StartsWith("http://127.0.0.1:", root.GetProperty("endpoints").GetProperty("cognitoIdp").GetString());
        Assert.StartsWith("http://127.0.0.1:", root.GetProperty("endpoints").GetProperty("dynamodb").GetString());
        Assert.StartsWith("us-east-1_", root.GetProperty("userPoolId").GetString());
        var tables = root.GetProperty("tables");
        Assert.Equal(["audit", "tenants", "userState"], tables.EnumerateObject().Select(p => p.Name).Order());
        var tenants = root.GetProperty("tenants").EnumerateArray().ToList();
        Assert.Equal([UpFixture.Enrolling, UpFixture.Second, UpFixture.Fenced, UpFixture.Versioned], tenants.Select(t => t.GetProperty("tenantId").GetString()));
        Assert.All(tenants, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("clientId").GetString())));
        Assert.Equal(4, tenants.Select(t => t.GetProperty("clientId").GetString()).Distinct().Count());
        var demoUsers = root.GetProperty("demoUsers").EnumerateArray().ToList();
        Assert.Equal("user", demoUsers[0].GetProperty("role").GetString()); // the walkthrough's .demoUsers[0]
        foreach (var user in demoUsers)
        {
            var role = user.GetProperty("role").GetString();
            Assert.Equal($"{user.GetProperty("tenantId").GetString()}-{role}", user.GetProperty("username").GetString());
            Assert.True(user.GetProperty("password").GetString()!.Length >= 12);
        }
        foreach (var tenant in tenants.Select(t => t.GetProperty("tenantId").GetString()))
        {
            Assert.Single(demoUsers, u => u.GetProperty("tenantId").GetString() == tenant && u.GetProperty("role").GetString() == "user");
            var admin = Assert.Single(demoUsers, u => u.GetProperty("tenantId").GetString() == tenant && u.GetProperty("role").GetString() == "admin");
            Assert.Equal($"{tenant}-enrollment-admins", admin.GetProperty("group").GetString());
        }

        // The tables are the template's: keys, the audit index and TTL.
        using var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = up.Stack.Endpoints.Dynamodb, AuthenticationRegion = up.Stack.Region });
        var audit = await dynamo.DescribeTableAsync(up.Stack.Tables["audit"], TestContext.Current.CancellationToken);
        Assert.Equal(["pk", "sk"], audit.Table.KeySchema.Select(k => k.AttributeName));
        Assert.Equal("byTenantTime", Assert.Single(audit.Table.GlobalSecondaryIndexes).IndexName);
        var ttl = await dynamo.DescribeTimeToLiveAsync(up.Stack.Tables["audit"], TestContext.Current.CancellationToken);
        Assert.Equal("expiresAt", ttl.TimeToLiveDescription.AttributeName);

        // Each tenant's policy is stored with the client up created for it.
        var store = new DynamoDbTenantPolicyStore(dynamo, up.Stack.Tables["tenants"]);
        var fenced = await store.FindByClientIdAsync(App.ClientId(UpFixture.Fenced), TestContext.Current.CancellationToken);
        Assert.Equal(UpFixture.Fenced, fenced?.TenantId);
        Assert.Equal(["203.0.113.0/24"], fenced!.Policy.Enrollment.AllowedNetworks);
    }

    [Fact]
    public async Task A_mobile_app_enrolls_TOTP_and_then_signs_in_with_it()
    {
        var tenant = UpFixture.Enrolling;
        var user = App.User(tenant);
        var tokens = await App.SignInForTokensAsync(tenant);

        var associate = await App.PostAsync("/v1/me/totp/associate?qr=svg", "{}", tokens.AccessToken);
        Assert.True(associate.Status == HttpStatusCode.OK, associate.ToString());
        var secret = associate.Data.GetProperty("secretCode").GetString()!;
        Assert.StartsWith($"otpauth://totp/{tenant}%20Inc:{user.Username}?secret={secret}", associate.Data.GetProperty("otpauthUri").GetString());
        Assert.Contains("<svg", associate.Data.GetProperty("qrCodeSvg").GetString());
        Assert.Equal(associate.Header("apigw-requestid"), associate.Header("x-request-id"));

        var wrong = await App.PostAsync("/v1/me/totp/verify", $$"""{"code": "{{TotpGenerator.WrongCode(secret)}}", "deviceName": "Pixel 9"}""", tokens.AccessToken);
        Assert.True(wrong.Status == HttpStatusCode.BadRequest, wrong.ToString());
        Assert.Equal("CODE_MISMATCH", wrong.ErrorCode);

        var code = await TotpGenerator.FreshCodeAsync(secret);
        var verify = await App.PostAsync("/v1/me/totp/verify", $$"""{"code": "{{code}}", "deviceName": "Pixel 9"}""", tokens.AccessToken);
        Assert.True(verify.Status == HttpStatusCode.OK, verify.ToString());
        Assert.Equal("SUCCESS", verify.Data.GetProperty("status").GetString());
        Assert.True(verify.Data.GetProperty("mfaEnabled").GetBoolean());

        // The next sign-in asks for the authenticator's code.
        var signIn = await App.SignInAsync(App.ClientId(tenant), user.Username, user.Password);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, signIn.ChallengeName);
        var answer = await App.Cognito.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
        {
            ClientId = App.ClientId(tenant),
            ChallengeName = ChallengeNames.SoftwareTokenMfa,
            Session = signIn.Session,
            ChallengeResponses = new Dictionary<string, string>
            {
                [ChallengeKeys.Username] = user.Username,
                [ChallengeKeys.SoftwareTokenMfaCode] = await TotpGenerator.FreshCodeAsync(secret),
            },
        }, TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrEmpty(answer.AuthenticationResult?.AccessToken));
    }

    [Fact]
    public async Task The_demo_administrator_reads_the_policy_and_the_audit_trail_and_the_demo_user_is_refused()
    {
        var tenant = UpFixture.Second;
        var admin = App.Admin(tenant);
        Assert.Equal($"{tenant}-admin", admin.Username);
        Assert.Equal($"{tenant}-enrollment-admins", admin.Group);

        // An event of this tenant first: the demo user asks for a secret.
        var userTokens = await App.SignInForTokensAsync(tenant);
        // Twice: the export below pages with limit=1 and needs a second event of its own, whatever other tests did.
        var first = await App.PostAsync("/v1/me/totp/associate", "{}", userTokens.AccessToken);
        Assert.True(first.Status == HttpStatusCode.OK, first.ToString());
        var associate = await App.PostAsync("/v1/me/totp/associate", "{}", userTokens.AccessToken);
        Assert.True(associate.Status == HttpStatusCode.OK, associate.ToString());

        // Groups enter the access token at sign-in (moto adds cognito:groups only to a group's members).
        var adminTokens = await App.SignInForTokensAsync(tenant, admin);
        var claims = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(adminTokens.AccessToken!.Split('.')[1]));
        Assert.Contains(admin.Group!, claims);

        var policy = await App.GetAsync($"/v1/admin/tenants/{tenant}/policy", adminTokens.AccessToken);
        Assert.True(policy.Status == HttpStatusCode.OK, policy.ToString());
        var version = policy.Data.GetProperty("version").GetInt64();
        Assert.Equal($"\"{version}\"", policy.Header("etag"));
        Assert.Equal(tenant, policy.Data.GetProperty("policy").GetProperty("tenantId").GetString());

        var audit = await App.GetAsync($"/v1/admin/tenants/{tenant}/audit?username={App.User(tenant).Username}&eventType=TOTP_ASSOCIATE", adminTokens.AccessToken);
        Assert.True(audit.Status == HttpStatusCode.OK, audit.ToString());
        var events = audit.Data.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("outcome").GetString() == "SUCCESS" && e.GetProperty("requestId").GetString() == associate.Header("apigw-requestid"));
        Assert.All(events, e => Assert.Equal(tenant, e.GetProperty("tenantId").GetString()));

        // The whole tenant's trail (all users, the sharded index) holds it too.
        var trail = await App.GetAsync($"/v1/admin/tenants/{tenant}/audit?limit=200", adminTokens.AccessToken);
        Assert.True(trail.Status == HttpStatusCode.OK, trail.ToString());
        var all = trail.Data.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(all, e => e.TryGetProperty("username", out var u) && u.GetString() == App.User(tenant).Username && e.GetProperty("eventType").GetString() == "TOTP_ASSOCIATE");
        Assert.All(all, e => Assert.Equal(tenant, e.GetProperty("tenantId").GetString()));

        // The same trail exported as CSV and JSON Lines, page size 1: the cursor travels in x-next-cursor.
        var csv = await App.GetAsync($"/v1/admin/tenants/{tenant}/audit?format=csv&limit=1", adminTokens.AccessToken);
        Assert.True(csv.Status == HttpStatusCode.OK, csv.ToString());
        Assert.StartsWith("text/csv", csv.Header("content-type"));
        Assert.StartsWith("occurredAt,eventType,outcome,reason,tenantId,username,", csv.Text);
        var cursor = csv.Header("x-next-cursor");
        Assert.False(string.IsNullOrEmpty(cursor), "more than one event: a next page");
        var lines = await App.GetAsync($"/v1/admin/tenants/{tenant}/audit?format=jsonl&limit=200&cursor={Uri.EscapeDataString(cursor!)}", adminTokens.AccessToken);
        Assert.True(lines.Status == HttpStatusCode.OK, lines.ToString());
        Assert.StartsWith("application/x-ndjson", lines.Header("content-type"));
        Assert.Equal(all.Count - 1, lines.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // The plain demo user is in no group: no cognito:groups claim, not an administrator.
        foreach (var path in new[] { $"/v1/admin/tenants/{tenant}/policy", $"/v1/admin/tenants/{tenant}/audit" })
        {
            var refused = await App.GetAsync(path, userTokens.AccessToken);
            Assert.True(refused.Status == HttpStatusCode.Forbidden, $"{path}: {refused}");
            Assert.Equal("POLICY_DENIED", refused.ErrorCode);
            Assert.Equal("NOT_TENANT_ADMIN", refused.ErrorReason);
        }

        // One group per tenant: beta's administrator administers beta only.
        var foreign = await App.GetAsync($"/v1/admin/tenants/{UpFixture.Enrolling}/policy", adminTokens.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Equal("NOT_TENANT_ADMIN", foreign.ErrorReason);
    }

    [Fact]
    public async Task Every_tenant_client_is_in_the_authorizer_audience()
    {
        var tokens = await App.SignInForTokensAsync(UpFixture.Second);

        var associate = await App.PostAsync("/v1/me/totp/associate", null, tokens.AccessToken);

        Assert.True(associate.Status == HttpStatusCode.OK, associate.ToString());
        Assert.Equal($"{UpFixture.Second} Inc", associate.Data.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Policy_denials_come_back_through_the_real_http_path()
    {
        var fenced = await App.SignInForTokensAsync(UpFixture.Fenced);
        var network = await App.PostAsync("/v1/me/totp/associate", "{}", fenced.AccessToken);
        Assert.True(network.Status == HttpStatusCode.Forbidden, network.ToString());
        Assert.Equal("POLICY_DENIED", network.ErrorCode);
        Assert.Equal("NETWORK_NOT_ALLOWED", network.ErrorReason);

        var versioned = await App.SignInForTokensAsync(UpFixture.Versioned);
        var old = await App.PostAsync("/v1/me/totp/associate", "{}", versioned.AccessToken, appVersion: "2.9.9");
        Assert.True(old.Status == HttpStatusCode.Forbidden, old.ToString());
        Assert.Equal("APP_VERSION_TOO_OLD", old.ErrorReason);

        var current = await App.PostAsync("/v1/me/totp/associate", "{}", versioned.AccessToken, appVersion: "3.0.0");
        Assert.True(current.Status == HttpStatusCode.OK, current.ToString());
    }

    [Fact]
    public async Task The_challenge_routes_have_no_authorizer_and_check_the_session_themselves()
    {
        var response = await App.PostAsync("/v1/challenge/totp/associate",
            $$"""{"session": "not-a-session", "username": "{{App.User(UpFixture.Second).Username}}", "clientId": "{{App.ClientId(UpFixture.Second)}}"}""");

        Assert.NotEqual(HttpStatusCode.NotFound, response.Status);
        Assert.True(response.Body.TryGetProperty("success", out var success) && !success.GetBoolean(), response.ToString()); // the function answered, not the gateway
        Assert.Null(response.Header("www-authenticate"));
    }

    [Fact]
    public async Task The_authorizer_refuses_missing_malformed_tampered_and_foreign_tokens()
    {
        var tokens = await App.SignInForTokensAsync(UpFixture.Second);
        var parts = tokens.AccessToken!.Split('.');
        // Another username in a well-formed payload, under the original signature.
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
        var tamperedPayload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.Replace(App.User(UpFixture.Second).Username, "someone-else"));
        var cases = new (string Name, string? Authorization, string Description)[]
        {
            ("missing", null, "no token"),
            ("not a JWT", "Bearer not-a-jwt", "malformed"),
            ("tampered", $"Bearer {parts[0]}.{tamperedPayload}.{parts[2]}", "signature"),
            ("signed by someone else", $"Bearer {ForeignToken.Sign(up.Stack.Issuer!, App.ClientId(UpFixture.Second))}", "key id"),
        };
        foreach (var (name, authorization, description) in cases)
        {
            var response = await App.PostAsync("/v1/me/totp/associate", "{}", authorization: authorization);
            Assert.True(response.Status == HttpStatusCode.Unauthorized, $"{name}: {response}");
            Assert.Equal("""{"message":"Unauthorized"}""", response.Text);
            var challenge = response.Header("www-authenticate");
            Assert.NotNull(challenge);
            Assert.StartsWith("Bearer scope=\"aws.cognito.signin.user.admin\" error=\"invalid_token\"", challenge);
            Assert.Contains(description, challenge);
        }
    }

    [Fact]
    public async Task Tokens_from_another_pool_or_an_unlisted_client_get_401()
    {
        var token = TestContext.Current.CancellationToken;
        var user = App.User(UpFixture.Second);

        // A client of the same pool that no tenant lists: a valid token, but not for this API's audience.
        var stranger = await App.Cognito.CreateUserPoolClientAsync(new CreateUserPoolClientRequest
        {
            UserPoolId = up.Stack.UserPoolId, ClientName = "stranger", GenerateSecret = false, ExplicitAuthFlows = [AuthFlows.AllowUserPasswordAuth],
        }, token);
        var strangerSignIn = await App.SignInAsync(stranger.UserPoolClient!.ClientId!, user.Username, user.Password);
        var wrongClient = await App.PostAsync("/v1/me/totp/associate", "{}", strangerSignIn.AuthenticationResult!.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongClient.Status);
        Assert.Contains("error_description=\"the token does not have a valid audience\"", wrongClient.Header("www-authenticate"));

        // Another pool on the same emulator: the same signing key, another issuer.
        var other = await CognitoTestPool.CreateAsync(App.Cognito, MfaConfigurations.Optional);
        var otherUser = await other.CreateConfirmedUserAsync();
        var otherToken = await other.SignInForAccessTokenAsync(otherUser);
        var wrongIssuer = await App.PostAsync("/v1/me/totp/associate", "{}", otherToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongIssuer.Status);
        Assert.Contains("valid issuer", wrongIssuer.Header("www-authenticate"));
    }

    [Fact]
    public async Task An_id_token_lacks_the_routes_scope()
    {
        var tokens = await App.SignInForTokensAsync(UpFixture.Second);

        var response = await App.PostAsync("/v1/me/totp/associate", "{}", tokens.IdToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status); // a valid token without the route's scope
        Assert.Contains("error=\"insufficient_scope\"", response.Header("www-authenticate"));
    }

    [Fact]
    public async Task An_id_token_on_an_admin_route_is_403_and_ups_line_says_403()
    {
        var tokens = await App.SignInForTokensAsync(UpFixture.Second);
        var path = $"/v1/admin/tenants/{UpFixture.Second}/policy";

        var response = await App.GetAsync(path, tokens.IdToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("""{"message":"Forbidden"}""", response.Text);
        // The authorizer's refusal (other tests reach this route too, and a plain user's 403 comes from the function).
        var line = await up.Up.WaitForLineAsync(l => l.Contains($"GET {path} → 403") && l.Contains("authorizer"), TimeSpan.FromSeconds(10));
        Assert.Contains("required scopes", line);
        Assert.DoesNotContain($"GET {path} → 401", up.Up.Output);
    }

    [Fact]
    public async Task Ups_request_lines_never_carry_the_query()
    {
        const string cursor = "eyJ2IjoxLCJ0IjoiYWxwaGEifQ.bm90LWEtcmVhbC1zaWduYXR1cmU";
        var tokens = await App.SignInForTokensAsync(UpFixture.Second);
        var path = $"/v1/admin/tenants/{UpFixture.Second}/audit";

        await App.GetAsync($"{path}?cursor={cursor}&username=someone", tokens.AccessToken);

        var line = await up.Up.WaitForLineAsync(l => l.Contains($"GET {path} → "), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("?", line);
        Assert.DoesNotContain(cursor, up.Up.Output);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_get_404_as_API_Gateway_gives_it()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/"), (HttpMethod.Post, "/v1/me/totp"), (HttpMethod.Get, "/v1/me/totp/associate"), (HttpMethod.Post, "/v1/me/totp/associate/extra") })
        {
            var response = await App.SendAsync(method, path, bearer: "anything");
            Assert.True(response.Status == HttpStatusCode.NotFound, $"{method} {path}: {response}");
            Assert.Equal("""{"message":"Not Found"}""", response.Text);
            Assert.False(string.IsNullOrEmpty(response.Header("apigw-requestid")));
        }
    }

    [Fact]
    public async Task Start_api_serves_the_template_against_the_running_stack()
    {
        var stack = up.Stack;
        var directory = Path.Combine(Path.GetTempPath(), "start-api-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var envVars = Path.Combine(directory, "env.json");
        await File.WriteAllTextAsync(envVars, $$$"""
            {"Parameters": {
              "AWS_ENDPOINT_URL_DYNAMODB": "{{{stack.Endpoints.Dynamodb}}}",
              "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": "{{{stack.Endpoints.CognitoIdp}}}",
              "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "POLICY_CACHE_SECONDS": "0"}}
            """, TestContext.Current.CancellationToken);
        var clients = stack.Tenants.Select(t => t.ClientId).ToList();
        var port = Emulator.LoopbackPort.Free();
        await using var startApi = RunnerProcess.Start([
            "start-api", "--port", port.ToString(), "--env-vars", envVars, "--jwks", stack.JwksUrl!,
            "--parameter-overrides", $"UserPool={stack.UserPoolId}", $"UserPoolClient={clients[0]}", $"AdditionalAudiences={string.Join(',', clients.Skip(1))}",
        ]);
        try
        {
            var authorizer = await startApi.WaitForLineAsync(line => line.Contains("authorizer CognitoJwt"), TimeSpan.FromSeconds(60));
            Assert.Contains($"issuer {stack.Issuer}", authorizer);

            using var app = new MobileApp(stack with { ApiUrl = $"http://127.0.0.1:{port}" });
            var tokens = await app.SignInForTokensAsync(UpFixture.Second);
            var associate = await app.PostAsync("/v1/me/totp/associate", "{}", tokens.AccessToken);
            Assert.True(associate.Status == HttpStatusCode.OK, associate.ToString() + startApi.Output);
            var refused = await app.PostAsync("/v1/me/totp/associate", "{}", bearer: "not-a-jwt");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);

            startApi.Signal(RunnerProcess.SigTerm);
            Assert.Equal(0, await startApi.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Invoke_with_the_stack_file_replays_an_event_against_the_running_stack()
    {
        // The sample events name tenant "demo", which this stack does not have: the handler reads the stack's
        // tenants table (not a 503 from an unreachable store) and refuses as the policy says.
        var (code, stdout, stderr) = await CompletedProcess.RunAsync(RunnerProcess.DotnetHost(),
            [RepoPaths.LocalRunnerDll, "invoke", "MeAssociateTotpFunction", "--event", RepoPaths.Event("me-associate.json"), "--stack-file", up.StackFilePath],
            TimeSpan.FromSeconds(60));

        Assert.True(code == 0, stderr);
        using var response = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(403, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("TENANT_NOT_FOUND", response.RootElement.GetProperty("body").GetString());

        var missing = await CompletedProcess.RunAsync(RunnerProcess.DotnetHost(),
            [RepoPaths.LocalRunnerDll, "invoke", "MeAssociateTotpFunction", "--event", RepoPaths.Event("me-associate.json"), "--stack-file", "/nonexistent/stack.json"],
            TimeSpan.FromSeconds(60));
        Assert.Equal(2, missing.Code);
        Assert.Contains("Start the local stack first", missing.Stderr);
    }
}
