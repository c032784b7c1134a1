using System.Text;
using System.Text.Json;
using Enrollment.Core.Policy;
using Enrollment.Local.Template;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests;

/// <summary>
/// events/: realistic payload 2.0 events, one or more per route of template.yaml, named after the function they
/// feed, with JWT claims and a bearer token wherever the route has the authorizer.
/// </summary>
public sealed class EventFilesTests
{
    private const int MaxBodyBytes = 16 * 1024;

    private static readonly SamTemplate Template = SamTemplate.Load(RepoPaths.Template);

    /// <summary>HTTP event files: every *.json in events/ except the tenants sample, the env-vars file and the trigger events.</summary>
    public static IEnumerable<string> EventFileNames() =>
        AllEventFileNames().Where(name => !name.StartsWith(TriggerPrefix, StringComparison.Ordinal));

    /// <summary>Cognito trigger events (trigger-*.json).</summary>
    public static IEnumerable<string> TriggerEventFileNames() =>
        AllEventFileNames().Where(name => name.StartsWith(TriggerPrefix, StringComparison.Ordinal));

    private const string TriggerPrefix = "trigger-";

    private static IEnumerable<string> AllEventFileNames() =>
        Directory.GetFiles(RepoPaths.Events, "*.json")
            .Select(Path.GetFileName)
            .Where(name => name is not null && !name.EndsWith(".sample.json", StringComparison.Ordinal) && !name.StartsWith("env.", StringComparison.Ordinal))
            .Select(name => name!)
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> TriggerEventFiles => new(TriggerEventFileNames());

    [Theory]
    [MemberData(nameof(TriggerEventFiles))]
    public void Each_trigger_event_feeds_a_function_the_template_attaches_to_the_pool(string name)
    {
        var e = Read(name);
        var source = e.GetProperty("triggerSource").GetString()!;
        var trigger = source switch
        {
            "DefineAuthChallenge_Authentication" => "DefineAuthChallenge",
            "CreateAuthChallenge_Authentication" => "CreateAuthChallenge",
            "VerifyAuthChallengeResponse_Authentication" => "VerifyAuthChallengeResponse",
            _ when source.StartsWith("TokenGeneration_", StringComparison.Ordinal) => "PreTokenGeneration",
            _ => throw new Xunit.Sdk.XunitException($"{name}: unknown triggerSource {source}"),
        };
        Assert.Contains(Template.CognitoTriggers, t => t.Triggers.Contains(trigger));
        Assert.True(e.TryGetProperty("request", out _) && e.TryGetProperty("response", out _), $"{name}: request and response");
        Assert.False(string.IsNullOrEmpty(e.GetProperty("userPoolId").GetString()));
    }

    public static TheoryData<string> EventFiles => new(EventFileNames());

    private static JsonElement Read(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Event(name)));
        return document.RootElement.Clone();
    }

    /// <summary>MeAssociateTotpFunction feeds me-associate*.json, MeTotpStatusFunction me-totp-status*.json.</summary>
    private static string Slug(string functionLogicalId)
    {
        var core = functionLogicalId.EndsWith("TotpFunction", StringComparison.Ordinal) ? functionLogicalId[..^"TotpFunction".Length]
            : functionLogicalId.EndsWith("Function", StringComparison.Ordinal) ? functionLogicalId[..^"Function".Length]
            : functionLogicalId;
        var slug = new StringBuilder();
        foreach (var c in core)
        {
            if (char.IsUpper(c) && slug.Length > 0) slug.Append('-');
            slug.Append(char.ToLowerInvariant(c));
        }
        return slug.ToString();
    }

    [Theory]
    [MemberData(nameof(EventFiles))]
    public void Each_event_is_payload_2_0_for_a_route_of_the_template(string name)
    {
        var e = Read(name);

        Assert.Equal("2.0", e.GetProperty("version").GetString());
        var routeKey = e.GetProperty("routeKey").GetString()!;
        var route = Template.FindRoute(routeKey);
        Assert.True(route is not null, $"{name}: routeKey '{routeKey}' is no route of template.yaml");
        Assert.StartsWith(Slug(route.FunctionLogicalId), name);

        var context = e.GetProperty("requestContext");
        Assert.Equal(routeKey, context.GetProperty("routeKey").GetString());
        Assert.Equal("$default", context.GetProperty("stage").GetString());
        Assert.Equal(route.Method, context.GetProperty("http").GetProperty("method").GetString());
        var path = context.GetProperty("http").GetProperty("path").GetString()!;
        Assert.Equal(path, e.GetProperty("rawPath").GetString());
        AssertPathFitsRoute(name, route.Path, path, e);
        Assert.Equal(JsonValueKind.String, e.GetProperty("rawQueryString").ValueKind);
        foreach (var field in new[] { "accountId", "apiId", "domainName", "requestId", "time" })
            Assert.False(string.IsNullOrEmpty(context.GetProperty(field).GetString()), $"{name}: requestContext.{field}");
        Assert.True(context.GetProperty("timeEpoch").GetInt64() > 1_600_000_000_000);
        Assert.False(string.IsNullOrEmpty(context.GetProperty("http").GetProperty("sourceIp").GetString()));
        Assert.False(string.IsNullOrEmpty(context.GetProperty("http").GetProperty("userAgent").GetString()));
        Assert.True(e.GetProperty("isBase64Encoded").ValueKind is JsonValueKind.True or JsonValueKind.False, $"{name}: isBase64Encoded");
        Assert.All(e.GetProperty("headers").EnumerateObject(), header => Assert.Equal(header.Name.ToLowerInvariant(), header.Name));
    }

    [Theory]
    [MemberData(nameof(EventFiles))]
    public void Events_for_authorizer_routes_carry_jwt_claims_and_a_bearer_token(string name)
    {
        var e = Read(name);
        var route = Template.FindRoute(e.GetProperty("routeKey").GetString()!)!;
        var context = e.GetProperty("requestContext");

        if (!route.RequiresAuthorization)
        {
            Assert.False(context.TryGetProperty("authorizer", out _), $"{name}: a route without an authorizer gets no claims");
            return;
        }

        var claims = context.GetProperty("authorizer").GetProperty("jwt").GetProperty("claims");
        foreach (var claim in new[] { "sub", "username", "client_id", "token_use", "scope", "iss", "exp", "iat", "auth_time" })
            Assert.True(claims.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String, $"{name}: claim {claim} (claims arrive as strings)");
        Assert.Equal("access", claims.GetProperty("token_use").GetString());
        Assert.Contains(route.AuthorizationScopes.Single(), claims.GetProperty("scope").GetString()!.Split(' '));
        Assert.StartsWith("https://cognito-idp.", claims.GetProperty("iss").GetString());

        var authorization = e.GetProperty("headers").GetProperty("authorization").GetString()!;
        Assert.StartsWith("Bearer ", authorization);
        var segments = authorization["Bearer ".Length..].Split('.');
        Assert.Equal(3, segments.Length);
        using var header = JsonDocument.Parse(Base64Url(segments[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        using var payload = JsonDocument.Parse(Base64Url(segments[1]));
        Assert.Equal(claims.GetProperty("sub").GetString(), payload.RootElement.GetProperty("sub").GetString());
        Assert.Equal(claims.GetProperty("client_id").GetString(), payload.RootElement.GetProperty("client_id").GetString());
    }

    [Fact]
    public void Every_route_of_the_template_has_an_event()
    {
        var covered = EventFileNames().Select(name => Read(name).GetProperty("routeKey").GetString()).ToHashSet();
        Assert.All(Template.Routes, route => Assert.Contains(route.RouteKey, covered));
    }

    [Theory]
    [InlineData("me-associate.json")]
    [InlineData("me-associate-qr.json")]
    [InlineData("me-associate-denied-network.json")]
    [InlineData("me-associate-old-app.json")]
    [InlineData("me-associate-unknown-client.json")]
    [InlineData("me-verify.json")]
    [InlineData("me-verify-bad-code.json")]
    [InlineData("me-verify-malformed-json.json")]
    [InlineData("challenge-associate.json")]
    [InlineData("challenge-associate-missing-session.json")]
    [InlineData("challenge-associate-oversize.json")]
    [InlineData("challenge-verify.json")]
    [InlineData("challenge-verify-wrong-types.json")]
    [InlineData("me-totp-status.json")]
    [InlineData("me-totp-status-unknown-client.json")]
    [InlineData("me-disable.json")]
    [InlineData("me-disable-stale-sign-in.json")]
    [InlineData("me-disable-denied-network.json")]
    [InlineData("me-disable-malformed-json.json")]
    [InlineData("me-recovery-codes.json")]
    [InlineData("me-recovery-codes-stale-sign-in.json")]
    [InlineData("me-recovery-codes-malformed-json.json")]
    [InlineData("recover.json")]
    [InlineData("recover-typed-loosely.json")]
    [InlineData("recover-denied-network.json")]
    [InlineData("recover-unknown-client.json")]
    [InlineData("recover-missing-code.json")]
    [InlineData("recover-bad-code.json")]
    [InlineData("recover-wrong-types.json")]
    [InlineData("admin-get-policy.json")]
    [InlineData("admin-get-policy-other-tenant.json")]
    [InlineData("admin-get-policy-not-in-group.json")]
    [InlineData("admin-put-policy.json")]
    [InlineData("admin-put-policy-stale-version.json")]
    [InlineData("admin-put-policy-malformed-json.json")]
    [InlineData("admin-put-policy-unknown-field.json")]
    [InlineData("admin-put-policy-other-tenant.json")]
    [InlineData("admin-audit-query.json")]
    [InlineData("admin-audit-query-tampered-cursor.json")]
    [InlineData("admin-audit-query-other-tenant.json")]
    [InlineData("admin-reset.json")]
    [InlineData("admin-reset-not-in-group.json")]
    [InlineData("admin-reset-other-tenant.json")]
    [InlineData("admin-grant-grace.json")]
    public void The_agreed_event_files_exist(string name)
    {
        Assert.True(File.Exists(RepoPaths.Event(name)), $"events/{name} is missing");
    }

    [Fact]
    public void Special_cases_are_what_their_names_say()
    {
        var qr = Read("me-associate-qr.json");
        Assert.Equal("qr=svg", qr.GetProperty("rawQueryString").GetString());
        Assert.Equal("svg", qr.GetProperty("queryStringParameters").GetProperty("qr").GetString());

        Assert.Equal("1.0.0", Read("me-associate-old-app.json").GetProperty("headers").GetProperty("x-app-version").GetString());
        Assert.Equal("2.3.1", Read("me-associate.json").GetProperty("headers").GetProperty("x-app-version").GetString());

        var unknown = Read("me-associate-unknown-client.json").GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt").GetProperty("claims");
        Assert.False(unknown.TryGetProperty("tenant_id", out _));
        Assert.NotEqual("demo-client-id", unknown.GetProperty("client_id").GetString());
        Assert.Equal("demo", Read("me-associate.json").GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt").GetProperty("claims").GetProperty("tenant_id").GetString());

        Assert.Equal("12ab56", Body(Read("me-verify-bad-code.json")).GetProperty("code").GetString());
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(Read("me-verify-malformed-json.json").GetProperty("body").GetString()!));
        Assert.Equal(JsonValueKind.Number, Body(Read("challenge-verify-wrong-types.json")).GetProperty("code").ValueKind);
        Assert.False(Body(Read("challenge-associate-missing-session.json")).TryGetProperty("session", out _));
        Assert.True(Encoding.UTF8.GetByteCount(Read("challenge-associate-oversize.json").GetProperty("body").GetString()!) > MaxBodyBytes);

        var base64 = Read("me-verify-base64.json");
        Assert.True(base64.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("123456", JsonDocument.Parse(Convert.FromBase64String(base64.GetProperty("body").GetString()!)).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public void Lifecycle_cases_are_what_their_names_say()
    {
        foreach (var name in new[] { "me-disable-stale-sign-in.json", "me-recovery-codes-stale-sign-in.json" })
        {
            // A refreshed token: issued now, but the sign-in behind it is a day old.
            var claims = Claims(Read(name));
            Assert.True(long.Parse(claims.GetProperty("iat").GetString()!) - long.Parse(claims.GetProperty("auth_time").GetString()!) > 86400 - 1, name);
        }
        foreach (var name in new[] { "me-disable.json", "me-recovery-codes.json", "me-totp-status.json" })
        {
            var claims = Claims(Read(name));
            Assert.Equal(claims.GetProperty("iat").GetString(), claims.GetProperty("auth_time").GetString());
        }
        Assert.False(Read("me-totp-status.json").TryGetProperty("body", out _));
        Assert.False(Claims(Read("me-totp-status-unknown-client.json")).TryGetProperty("tenant_id", out _));

        var code = Body(Read("recover.json")).GetProperty("recoveryCode").GetString();
        Assert.NotNull(Enrollment.Core.Recovery.RecoveryCode.Normalize(code));
        Assert.NotEqual(code, Body(Read("recover-typed-loosely.json")).GetProperty("recoveryCode").GetString());
        Assert.Equal(Enrollment.Core.Recovery.RecoveryCode.Normalize(code),
            Enrollment.Core.Recovery.RecoveryCode.Normalize(Body(Read("recover-typed-loosely.json")).GetProperty("recoveryCode").GetString()));
        Assert.Null(Enrollment.Core.Recovery.RecoveryCode.Normalize(Body(Read("recover-bad-code.json")).GetProperty("recoveryCode").GetString()));
        Assert.False(Body(Read("recover-missing-code.json")).TryGetProperty("recoveryCode", out _));
        Assert.Equal(JsonValueKind.Number, Body(Read("recover-wrong-types.json")).GetProperty("recoveryCode").ValueKind);
        Assert.Equal("unknown-client-id", Body(Read("recover-unknown-client.json")).GetProperty("clientId").GetString());
    }

    private static JsonElement Claims(JsonElement e) => e.GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt").GetProperty("claims");

    [Fact]
    public void Admin_cases_are_what_their_names_say()
    {
        static JsonElement ClaimsOf(JsonElement e) => e.GetProperty("requestContext").GetProperty("authorizer").GetProperty("jwt").GetProperty("claims");
        var admins = EventFileNames().Where(name => name.StartsWith("admin-", StringComparison.Ordinal)).ToList();
        Assert.Contains("admin-put-policy-stale-version.json", admins);
        Assert.Contains("admin-audit-query-tampered-cursor.json", admins);
        foreach (var name in admins)
        {
            var e = Read(name);
            var claims = ClaimsOf(e);
            Assert.Equal("demo", claims.GetProperty("tenant_id").GetString());
            var pathTenant = e.GetProperty("pathParameters").GetProperty("tenantId").GetString();
            Assert.True(name.Contains("other-tenant", StringComparison.Ordinal) == (pathTenant != "demo"), $"{name}: path tenant {pathTenant}");
            // cognito:groups as API Gateway renders an array claim: "[g1 g2]".
            var inGroup = claims.TryGetProperty("cognito:groups", out var groups) && groups.GetString() == "[demo-enrollment-admins]";
            Assert.True(name.Contains("not-in-group", StringComparison.Ordinal) == !inGroup, $"{name}: groups");
        }
        var putHeaders = admins.Where(n => n.StartsWith("admin-put-policy", StringComparison.Ordinal)).ToDictionary(n => n, n => Read(n).GetProperty("headers"));
        Assert.All(putHeaders, p => Assert.True(p.Key.Contains("missing-if-match", StringComparison.Ordinal) != p.Value.TryGetProperty("if-match", out _), p.Key));
        Assert.Equal("\"1\"", putHeaders["admin-put-policy.json"].GetProperty("if-match").GetString());
        Assert.NotEqual("\"1\"", putHeaders["admin-put-policy-stale-version.json"].GetProperty("if-match").GetString());
        Assert.Contains(".", Read("admin-audit-query-tampered-cursor.json").GetProperty("queryStringParameters").GetProperty("cursor").GetString());
        Assert.Equal("500", Read("admin-audit-query-malformed-limit.json").GetProperty("queryStringParameters").GetProperty("limit").GetString());
    }

    [Fact]
    public void The_sample_tenants_file_is_a_valid_policy_list_that_the_events_are_written_against()
    {
        var tenants = TenantPolicyDocument.ParseMany(File.ReadAllText(RepoPaths.Event("tenants.sample.json")));
        var demo = Assert.Single(tenants);
        Assert.Equal("demo", demo.TenantId);
        Assert.Equal("Demo Corp", demo.DisplayName);
        Assert.Equal(["demo-client-id"], demo.AppClientIds);
        Assert.Equal("2.0.0", demo.Enrollment.MinAppVersion);
        // The documentation networks the events come from, plus loopback so `up` serves this machine with the sample.
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32", "127.0.0.0/8", "::1/128"], demo.Enrollment.AllowedNetworks);

        var networks = NetworkAllowList.Parse(demo.Enrollment.AllowedNetworks);
        foreach (var name in EventFileNames())
        {
            var sourceIp = Read(name).GetProperty("requestContext").GetProperty("http").GetProperty("sourceIp").GetString();
            Assert.True(networks.Allows(sourceIp) == !name.Contains("denied-network", StringComparison.Ordinal), $"{name}: source IP {sourceIp}");
        }
    }

    /// <summary>
    /// The concrete path fills the route's {name} segments, and pathParameters hold exactly those values, as API
    /// Gateway sends them; a route without parameters is its own path.
    /// </summary>
    private static void AssertPathFitsRoute(string name, string routePath, string path, JsonElement e)
    {
        var template = routePath.Split('/');
        var actual = path.Split('/');
        Assert.True(template.Length == actual.Length, $"{name}: path {path} does not fit {routePath}");
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith('{') && template[i].EndsWith('}'))
            {
                Assert.False(string.IsNullOrEmpty(actual[i]), $"{name}: empty {template[i]}");
                expected[template[i][1..^1]] = actual[i];
            }
            else
            {
                Assert.True(template[i] == actual[i], $"{name}: path {path} does not fit {routePath}");
            }
        }
        if (expected.Count == 0) return;
        var parameters = e.GetProperty("pathParameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(expected, parameters);
    }

    private static JsonElement Body(JsonElement e)
    {
        using var document = JsonDocument.Parse(e.GetProperty("body").GetString()!);
        return document.RootElement.Clone();
    }

    private static byte[] Base64Url(string segment)
    {
        var padded = segment.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
