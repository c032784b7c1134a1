using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Functions.Http;
using Enrollment.Local.Template;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.OpenApi;

/// <summary>
/// docs/openapi.yaml is a valid OpenAPI 3.1 document and says what template.yaml, the code and docs/contract.md say:
/// the same routes and methods, the same authorizer per route, every error code with its status, every reason. The
/// answers themselves are checked against it where the event-replay and local-stack tests receive them
/// (<see cref="OpenApiContract.AssertAnswer"/>).
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] ReasonEnums = ["PolicyDeniedReason", "ConflictReason", "RateLimitedReason", "UnauthorizedReason", "UpstreamErrorReason"];

    [Fact]
    public async Task The_spec_is_a_valid_OpenAPI_3_1_document()
    {
        Assert.Equal("3.1.0", OpenApiContract.Document["openapi"]!.GetValue<string>());
        var python = FindOnPath("python3");
        Assert.True(python is not null, "python3 is not on PATH; the spec check needs it with openapi-spec-validator (part of this machine image).");
        var (code, stdout, stderr) = await CompletedProcess.RunAsync(python,
            ["-m", "openapi_spec_validator", "--schema", "3.1", OpenApiContract.SpecPath], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"openapi-spec-validator exit {code}:\n{stdout}\n{stderr}");
        Assert.Contains("OK", stdout);
    }

    [Fact]
    public void Paths_and_methods_equal_the_routes_of_the_template()
    {
        var template = SamTemplate.Load(RepoPaths.Template);
        var routes = template.Routes.Select(r => r.RouteKey).Order(StringComparer.Ordinal).ToList();
        var operations = OpenApiContract.Operations.Select(o => o.RouteKey).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(routes, operations);
    }

    [Fact]
    public void Each_operation_has_the_security_the_template_puts_on_its_route()
    {
        var scheme = OpenApiContract.Document["components"]!["securitySchemes"]!["CognitoJwt"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        Assert.Equal("JWT", scheme["bearerFormat"]!.GetValue<string>());
        Assert.Null(OpenApiContract.Document["security"]); // no default: each operation says

        var template = SamTemplate.Load(RepoPaths.Template);
        foreach (var route in template.Routes)
        {
            var operation = OpenApiContract.Operations.Single(o => o.RouteKey == route.RouteKey).Operation;
            var security = Assert.IsType<JsonArray>(operation["security"]);
            if (!route.RequiresAuthorization)
            {
                Assert.True(security.Count == 0, $"{route.RouteKey} has no authorizer in template.yaml, yet the spec secures it");
                continue;
            }
            var requirement = Assert.IsType<JsonObject>(Assert.Single(security));
            var scopes = Assert.IsType<JsonArray>(requirement["CognitoJwt"]).Select(s => s!.GetValue<string>()).ToList();
            Assert.Equal(route.AuthorizationScopes.Order(StringComparer.Ordinal), scopes.Order(StringComparer.Ordinal));
            Assert.True(operation["responses"]?["401"] is not null, $"{route.RouteKey}: a JWT route must document the authorizer's 401");
        }
    }

    [Fact]
    public void Every_error_code_is_in_the_spec_with_the_status_the_code_gives_it()
    {
        var pairs = ErrorPairsInSpec();
        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            var name = ErrorCodeNames.Of(code);
            Assert.True(pairs.Any(p => p.Code == name), $"{name} is answered by the code but no operation of the spec documents it");
        }
        foreach (var (status, code, where) in pairs)
        {
            var known = Enum.GetValues<ErrorCode>().Single(c => ErrorCodeNames.Of(c) == code);
            Assert.True(ErrorStatus.Of(known) == status, $"{where}: {code} documented under {status}, the code answers {ErrorStatus.Of(known)}");
        }
    }

    [Fact]
    public void Every_reason_constant_of_the_core_is_a_reason_of_the_spec()
    {
        var inSpec = ReasonEnums.SelectMany(SpecEnum).ToHashSet(StringComparer.Ordinal);
        var inCore = typeof(ErrorReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);
        foreach (var reason in inCore) Assert.True(inSpec.Contains(reason), $"ErrorReasons {reason} is not in any reason enum of docs/openapi.yaml");
    }

    [Fact]
    public void The_prose_contract_and_the_spec_list_the_same_routes()
    {
        var operations = OpenApiContract.Operations.Select(o => o.RouteKey).Order(StringComparer.Ordinal).ToList();
        foreach (var page in new[] { "contract.md", "api.md" })
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", page));
            var routes = RouteInTable().Matches(text).Select(m => $"{m.Groups["method"].Value} {m.Groups["path"].Value}")
                .Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.True(operations.SequenceEqual(routes),
                $"docs/{page} lists\n  {string.Join("\n  ", routes)}\nthe spec\n  {string.Join("\n  ", operations)}");
        }
    }

    [Fact]
    public void The_prose_contract_and_the_spec_agree_on_error_codes_statuses_and_reasons()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "contract.md"));
        var prose = ErrorCodeRow().Matches(text).Select(m => (Status: int.Parse(m.Groups["status"].Value), Code: m.Groups["code"].Value))
            .Order().ToList();
        var spec = ErrorPairsInSpec().Select(p => (p.Status, p.Code)).Distinct().Order().ToList();
        Assert.Equal(spec, prose);

        foreach (var (code, enumName) in new[] { ("POLICY_DENIED", "PolicyDeniedReason"), ("CONFLICT", "ConflictReason"), ("RATE_LIMITED", "RateLimitedReason") })
        {
            var start = text.IndexOf($"`{code}` (", StringComparison.Ordinal);
            Assert.True(start >= 0, $"docs/contract.md has no reason list for {code}");
            var end = text.IndexOf("\n\n`", start + 1, StringComparison.Ordinal);
            var section = text[start..(end < 0 ? text.Length : end)];
            var reasons = ReasonInProse().Matches(section).Select(m => m.Groups["reason"].Value).Where(r => r != code)
                .Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.Equal(SpecEnum(enumName).Order(StringComparer.Ordinal), reasons);
        }
    }

    /// <summary>(status, error code, where) for every error envelope any operation documents.</summary>
    private static List<(int Status, string Code, string Where)> ErrorPairsInSpec()
    {
        var schemas = OpenApiContract.Schemas;
        var pairs = new List<(int, string, string)>();
        foreach (var (routeKey, _, operation) in OpenApiContract.Operations)
        {
            foreach (var (status, declared) in operation["responses"]!.AsObject())
            {
                var response = declared!["$ref"] is { } reference ? schemas.Resolve(reference.GetValue<string>()) : declared;
                var schema = response["content"]?["application/json"]?["schema"];
                if (schema is null) continue;
                foreach (var code in ErrorCodesOf(schema, schemas))
                    pairs.Add((int.Parse(status), code, $"{routeKey} {status}"));
            }
        }
        return pairs;
    }

    private static IEnumerable<string> ErrorCodesOf(JsonNode schema, JsonSchemaSubset schemas)
    {
        if (schema["$ref"] is { } reference) return ErrorCodesOf(schemas.Resolve(reference.GetValue<string>()), schemas);
        if (schema["oneOf"] is JsonArray alternatives) return alternatives.SelectMany(a => ErrorCodesOf(a!, schemas));
        var code = schema["properties"]?["error"]?["properties"]?["code"]?["const"];
        return code is null ? [] : [code.GetValue<string>()];
    }

    private static IEnumerable<string> SpecEnum(string name) =>
        OpenApiContract.Document["components"]!["schemas"]![name]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"^\| `(?<method>GET|PUT|POST|DELETE|PATCH) (?<path>/[^`\s]*)`", RegexOptions.Multiline)]
    private static partial Regex RouteInTable();

    [GeneratedRegex(@"^\| `(?<code>[A-Z_]+)` \| (?<status>[0-9]{3}) \|", RegexOptions.Multiline)]
    private static partial Regex ErrorCodeRow();

    [GeneratedRegex(@"`(?<reason>[A-Z][A-Z0-9]*(_[A-Z0-9]+)+)`")]
    private static partial Regex ReasonInProse();
}
