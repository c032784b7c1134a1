using System.Text.Json.Nodes;
using Xunit;

namespace Enrollment.Local.Tests.OpenApi;

/// <summary>The answer check refuses what the spec does not describe: it can fail, so its passes mean something.</summary>
public sealed class OpenApiContractCheckTests
{
    private static readonly Dictionary<string, string> FunctionHeaders = new() { ["x-request-id"] = "r-1", ["cache-control"] = "no-store" };

    [Fact]
    public void A_documented_denial_passes()
    {
        var errors = OpenApiContract.CheckAnswer("POST", "/v1/me/totp/associate", 403, FunctionHeaders,
            """{"success":false,"error":{"code":"POLICY_DENIED","message":"No.","requestId":"r-1","reason":"NETWORK_NOT_ALLOWED"}}""");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(403, """{"success":false,"error":{"code":"POLICY_DENIED","message":"No.","requestId":"r-1","reason":"SOMETHING_NEW"}}""", "SOMETHING_NEW")]
    [InlineData(403, """{"success":false,"error":{"code":"CONFLICT","message":"No.","requestId":"r-1","reason":"NOT_ENROLLED"}}""", "oneOf")]
    [InlineData(418, """{"success":false,"error":{"code":"POLICY_DENIED","message":"No.","requestId":"r-1"}}""", "not documented")]
    [InlineData(200, """{"success":true,"data":{"secretCode":"ABC","otpauthUri":"otpauth://totp/x","issuer":"i","accountName":"a","extra":1}}""", "extra")]
    [InlineData(200, """{"success":true,"data":{"otpauthUri":"otpauth://totp/x","issuer":"i","accountName":"a"}}""", "secretCode")]
    [InlineData(200, "not json", "not JSON")]
    public void An_answer_outside_the_spec_is_reported(int status, string body, string expected)
    {
        var errors = OpenApiContract.CheckAnswer("POST", "/v1/me/totp/associate", status, FunctionHeaders, body);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_retry_after_is_reported()
    {
        var errors = OpenApiContract.CheckAnswer("POST", "/v1/me/totp/associate", 429, FunctionHeaders,
            """{"success":false,"error":{"code":"RATE_LIMITED","message":"Later.","requestId":"r-1","reason":"ASSOCIATION_LIMIT"}}""");
        Assert.Contains(errors, e => e.Contains("retry-after", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_route_must_be_the_gateways_404()
    {
        Assert.Empty(OpenApiContract.CheckAnswer("GET", "/v1/nowhere", 404, new Dictionary<string, string>(), """{"message":"Not Found"}"""));
        Assert.NotEmpty(OpenApiContract.CheckAnswer("GET", "/v1/nowhere", 200, new Dictionary<string, string>(), """{"message":"Not Found"}"""));
        Assert.NotEmpty(OpenApiContract.CheckAnswer("PUT", "/v1/me/totp", 404, new Dictionary<string, string>(), """{"success":false}"""));
    }

    [Fact]
    public void Path_parameters_match_one_segment()
    {
        Assert.True(OpenApiContract.Matches("/v1/admin/tenants/{tenantId}/audit", "/v1/admin/tenants/acme/audit"));
        Assert.False(OpenApiContract.Matches("/v1/admin/tenants/{tenantId}/audit", "/v1/admin/tenants/acme/x/audit"));
        Assert.False(OpenApiContract.Matches("/v1/admin/tenants/{tenantId}/audit", "/v1/admin/tenants//audit"));
    }

    [Fact]
    public void A_schema_keyword_the_checker_does_not_implement_fails_instead_of_passing()
    {
        var checker = new JsonSchemaSubset(new JsonObject());
        Assert.Throws<NotSupportedException>(() => checker.Validate(JsonNode.Parse("""{"type":"string","allOf":[]}""")!, JsonValue.Create("x")));
    }

    [Fact]
    public void Date_times_and_nullable_types_are_checked()
    {
        var checker = new JsonSchemaSubset(new JsonObject());
        var schema = JsonNode.Parse("""{"type":["string","null"],"format":"date-time"}""")!;
        Assert.Empty(checker.Validate(schema, JsonValue.Create("2026-11-21T10:15:30.123Z")));
        Assert.Empty(checker.Validate(schema, null));
        Assert.NotEmpty(checker.Validate(schema, JsonValue.Create("yesterday")));
        Assert.NotEmpty(checker.Validate(schema, JsonValue.Create(3)));
    }
}
