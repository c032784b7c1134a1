using Enrollment.Local.Template;
using Xunit;

namespace Enrollment.Local.Tests;

/// <summary>CloudFormation tags and intrinsics as the runner resolves them, on small inline templates.</summary>
public sealed class IntrinsicResolverTests
{
    private const string Template = """
        Parameters:
          Stage:
            Type: String
            Default: dev
          Count:
            Type: Number
            Default: 3
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          NotProd: !Not [{"Fn::Equals": [!Ref Stage, prod]}]
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              KeySchema: [{AttributeName: pk, KeyType: HASH}]
              AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
          NamedTable:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: !Sub "orders-${Stage}"
              KeySchema: [{AttributeName: id, KeyType: HASH}]
              AttributeDefinitions: [{AttributeName: id, AttributeType: N}]
          Pool:
            Type: AWS::Cognito::UserPool
          Probe:
            Type: AWS::CloudFormation::WaitConditionHandle
            Properties:
              SubPlain: !Sub "https://cognito-idp.${AWS::Region}.amazonaws.com/${Pool}/${Stage}"
              SubAttribute: !Sub "${Table.Arn}|${Pool.Arn}"
              SubLiteral: !Sub "${!NotAVariable}-${AWS::AccountId}-${AWS::StackName}-${AWS::Partition}.${AWS::URLSuffix}"
              SubMap: !Sub ["${Greeting}, ${Stage}", {Greeting: !Ref Stage}]
              LongSub: {"Fn::Sub": "${Stage}-long"}
              GetAttShort: !GetAtt Table.Arn
              GetAttList: !GetAtt [Pool, Arn]
              GetAttLong: {"Fn::GetAtt": [NamedTable, Arn]}
              RefNamed: !Ref NamedTable
              LongRef: {"Ref": "Stage"}
              Split: !Split [",", !Sub "a,${Stage}"]
              IfTrue: !If [NotProd, "not prod", "prod"]
              IfDropped: !If [IsProd, "only in prod", !Ref AWS::NoValue]
              ListWithNoValue: [one, !If [IsProd, two, !Ref AWS::NoValue], three]
              Number: !Ref Count
        """;

    private static IReadOnlyDictionary<string, object?> Probe(TemplateLoadOptions? options = null) =>
        SamTemplate.Parse(Template, options ?? new TemplateLoadOptions { Region = "us-west-2" }).ResolveResourceProperties("Probe");

    [Fact]
    public void Sub_resolves_parameters_pseudo_parameters_resources_attributes_and_literals()
    {
        var p = Probe();
        Assert.Equal("https://cognito-idp.us-west-2.amazonaws.com/Pool/dev", p["SubPlain"]);
        Assert.Equal("arn:aws:dynamodb:us-west-2:123456789012:table/Table|arn:aws:cognito-idp:us-west-2:123456789012:userpool/Pool", p["SubAttribute"]);
        Assert.Equal("${NotAVariable}-123456789012-enrollment-local-aws.amazonaws.com", p["SubLiteral"]);
        Assert.Equal("dev, dev", p["SubMap"]);
        Assert.Equal("dev-long", p["LongSub"]);
    }

    [Fact]
    public void GetAtt_Ref_and_Split_in_short_list_and_long_forms()
    {
        var p = Probe();
        Assert.Equal("arn:aws:dynamodb:us-west-2:123456789012:table/Table", p["GetAttShort"]);
        Assert.Equal("arn:aws:cognito-idp:us-west-2:123456789012:userpool/Pool", p["GetAttList"]);
        Assert.Equal("arn:aws:dynamodb:us-west-2:123456789012:table/orders-dev", p["GetAttLong"]);
        Assert.Equal("orders-dev", p["RefNamed"]);
        Assert.Equal("dev", p["LongRef"]);
        Assert.Equal("3", p["Number"]);
        Assert.Equal(new List<object?> { "a", "dev" }, p["Split"]);
    }

    [Fact]
    public void Conditions_drive_If_and_NoValue_removes_keys_and_list_items()
    {
        var dev = Probe();
        Assert.Equal("not prod", dev["IfTrue"]);
        Assert.False(dev.ContainsKey("IfDropped"));
        Assert.Equal(new List<object?> { "one", "three" }, dev["ListWithNoValue"]);

        var prod = Probe(new TemplateLoadOptions { Overrides = new Dictionary<string, string> { ["Stage"] = "prod" } });
        Assert.Equal("prod", prod["IfTrue"]);
        Assert.Equal("only in prod", prod["IfDropped"]);
        Assert.Equal(new List<object?> { "one", "two", "three" }, prod["ListWithNoValue"]);
    }

    [Fact]
    public void Overrides_set_resource_refs_and_attributes()
    {
        var p = Probe(new TemplateLoadOptions
        {
            Region = "us-east-1",
            Overrides = new Dictionary<string, string> { ["Pool"] = "us-east-1_Local", ["Table.Arn"] = "arn:local:table" },
        });
        Assert.Equal("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Local/dev", p["SubPlain"]);
        Assert.Equal("arn:local:table", p["GetAttShort"]);
    }

    [Fact]
    public void The_supported_tags_are_exactly_the_ones_template_yaml_uses()
    {
        var used = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(RepoPaths.Template), @"(?<=[\s\[:{,])![A-Za-z]+\b")
            .Select(m => m.Value).ToHashSet();
        Assert.Equal(used.Order(), YamlTemplateReader.ShortFormTags.Keys.Order());
    }

    [Theory]
    [InlineData("      A: !Join [\",\", [a, b]]\n", "unsupported tag '!Join' at line 5")]
    [InlineData("      A: !Select [0, [a]]\n", "unsupported tag '!Select' at line 5")]
    [InlineData("      A: !FindInMap [M, a, b]\n", "unsupported tag '!FindInMap' at line 5")]
    [InlineData("      A: !Base64 hi\n", "unsupported tag '!Base64' at line 5")]
    [InlineData("      A: {\"Fn::Join\": [\",\", [a, b]]}\n", "unsupported intrinsic 'Fn::Join' at line 5")]
    [InlineData("      A:\n        Fn::ImportValue: shared\n", "unsupported intrinsic 'Fn::ImportValue' at line 6")]
    public void Other_intrinsics_fail_loudly_naming_the_intrinsic_and_the_line(string property, string expected)
    {
        var error = Assert.Throws<TemplateException>(() => SamTemplate.Parse("Resources:\n  X:\n    Type: T\n    Properties:\n" + property));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("A: !Ref AWS::StackId", "Resources.X.Properties.A (Ref) uses the pseudo parameter AWS::StackId")]
    [InlineData("A: !Sub \"${AWS::NotificationARNs}\"", "Resources.X.Properties.A (Fn::Sub) uses the pseudo parameter AWS::NotificationARNs")]
    public void Unknown_pseudo_parameters_fail_loudly_naming_the_parameter_and_the_property(string property, string expected)
    {
        var template = SamTemplate.Parse("Resources:\n  X:\n    Type: T\n    Properties:\n      " + property + "\n");
        var error = Assert.Throws<TemplateException>(() => template.ResolveResourceProperties("X"));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Mappings:\n  M: {a: {b: c}}\nResources:\n  X: {Type: T}\n", "Mappings (Fn::FindInMap) are not supported")]
    [InlineData("Conditions:\n  C: !Equals [a, a]\nResources:\n  X: {Type: T, Condition: C}\n", "Resources.X.Condition is not supported")]
    [InlineData("Resources:\n  X: {Type: T}\nOutputs:\n  O: {Value: v, Condition: C}\n", "Outputs.O.Condition is not supported")]
    [InlineData("Parameters:\n  L: {Type: CommaDelimitedList}\nResources:\n  X: {Type: T}\n", "Parameters.L has Type CommaDelimitedList")]
    public void Template_features_template_yaml_does_not_use_fail_loudly(string yaml, string expected)
    {
        var error = Assert.Throws<TemplateException>(() => SamTemplate.Parse(yaml));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Resources:\n  X:\n    Type: T\n    Properties:\n      A: !Frobnicate x\n", "unsupported tag '!Frobnicate'")]
    [InlineData("Resources:\n  X:\n    Type: T\n    Properties:\n      A: [unclosed\n", "not valid YAML at line")]
    [InlineData("Parameters: {}\n", "no Resources section")]
    [InlineData("- just\n- a list\n", "must be a YAML mapping")]
    public void Bad_yaml_gives_a_message_with_a_position_or_a_cause(string yaml, string expected)
    {
        var error = Assert.Throws<TemplateException>(() => SamTemplate.Parse(yaml));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_reference_to_nothing_names_what_is_missing()
    {
        const string yaml = "Resources:\n  X:\n    Type: T\n    Properties:\n      A: !Ref Nowhere\n      B: !GetAtt Ghost.Arn\n";
        var template = SamTemplate.Parse(yaml);

        var error = Assert.Throws<TemplateException>(() => template.ResolveResourceProperties("X"));
        Assert.Contains("'Nowhere'", error.Message);
    }

    [Fact]
    public void A_parameter_without_default_must_be_given()
    {
        const string yaml = "Parameters:\n  Needed:\n    Type: String\nResources:\n  X:\n    Type: T\n    Properties:\n      A: !Ref Needed\n";
        var error = Assert.Throws<TemplateException>(() => SamTemplate.Parse(yaml).ResolveResourceProperties("X"));
        Assert.Contains("--parameter-overrides Needed=", error.Message);

        var given = SamTemplate.Parse(yaml, new TemplateLoadOptions { Overrides = TemplateLoadOptions.ParseOverrides(["ParameterKey=Needed,ParameterValue=here"]) });
        Assert.Equal("here", given.ResolveResourceProperties("X")["A"]);
    }

    [Fact]
    public void Globals_merge_maps_key_by_key_concatenate_lists_and_let_the_function_win()
    {
        var globals = new Dictionary<string, object?>
        {
            ["Timeout"] = "10",
            ["Layers"] = new List<object?> { "g" },
            ["Environment"] = new Dictionary<string, object?> { ["Variables"] = new Dictionary<string, object?> { ["A"] = "global", ["B"] = "global" } },
        };
        var local = new Dictionary<string, object?>
        {
            ["Timeout"] = "30",
            ["Layers"] = new List<object?> { "l" },
            ["Environment"] = new Dictionary<string, object?> { ["Variables"] = new Dictionary<string, object?> { ["B"] = "local", ["C"] = "local" } },
        };

        var merged = GlobalsMerger.Merge(globals, local);

        Assert.Equal("30", merged["Timeout"]);
        Assert.Equal(new List<object?> { "g", "l" }, merged["Layers"]);
        var variables = (Dictionary<string, object?>)((Dictionary<string, object?>)merged["Environment"]!)["Variables"]!;
        Assert.Equal(new Dictionary<string, object?> { ["A"] = "global", ["B"] = "local", ["C"] = "local" }, variables);
    }

    [Fact]
    public void A_condition_in_Globals_follows_the_parameter()
    {
        Assert.Equal("testing", SamTemplate.Load(RepoPaths.FixtureTemplate).Functions["EchoFunction"].Environment["STAGE"]);
        var prod = SamTemplate.Load(RepoPaths.FixtureTemplate, new TemplateLoadOptions { Overrides = new Dictionary<string, string> { ["EnvName"] = "prod" } });
        Assert.Equal("production", prod.Functions["EchoFunction"].Environment["STAGE"]);
    }

    [Fact]
    public void An_HttpApi_event_without_ApiId_lands_on_the_implicit_api()
    {
        var route = Assert.Single(SamTemplate.Load(RepoPaths.FixtureTemplate).Routes);
        Assert.Equal("ServerlessHttpApi", route.ApiLogicalId);
        Assert.Equal("POST /echo", route.RouteKey);
    }

    [Fact]
    public void Route_matching_handles_path_parameters_and_greedy_proxies()
    {
        var byId = new HttpApiRoute("F", "E", "Api", "GET", "/v1/tenants/{tenantId}/users/{user}", null, [], "2.0", null);
        Assert.True(byId.TryMatch("get", "/v1/tenants/acme/users/a%40b?x=1", out var parameters));
        Assert.Equal("acme", parameters["tenantId"]);
        Assert.Equal("a@b", parameters["user"]);
        Assert.False(byId.TryMatch("GET", "/v1/tenants/acme/users", out _));

        var proxy = new HttpApiRoute("F", "E", "Api", "ANY", "/files/{proxy+}", null, [], "2.0", null);
        Assert.True(proxy.TryMatch("DELETE", "/files/a/b/c", out var rest));
        Assert.Equal("a/b/c", rest["proxy"]);
    }
}
