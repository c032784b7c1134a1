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
          Names:
            Type: CommaDelimitedList
            Default: "a, b ,c"
          Count:
            Type: Number
            Default: 3
        Mappings:
          Sizes:
            dev: { Memory: "512" }
            prod: { Memory: "2048" }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          NotProd: !Not [!Condition IsProd]
          Both: !And [!Condition NotProd, !Equals ["x", "x"]]
          Either: !Or [!Condition IsProd, {"Fn::Equals": [!Ref Stage, dev]}]
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
              SubAttribute: !Sub "${Table.Arn}|${Pool.ProviderName}"
              SubLiteral: !Sub "${!NotAVariable}-${AWS::AccountId}-${AWS::StackName}-${AWS::Partition}"
              SubMap: !Sub ["${Greeting}, ${Stage}", {Greeting: !Join ["", [hel, lo]]}]
              LongSub: {"Fn::Sub": "${Stage}-long"}
              GetAttShort: !GetAtt Table.Arn
              GetAttList: !GetAtt [Pool, Arn]
              GetAttLong: {"Fn::GetAtt": [NamedTable, Arn]}
              RefNamed: !Ref NamedTable
              LongRef: {"Ref": "Stage"}
              Joined: !Join [",", !Ref Names]
              Selected: !Select [1, !Split ["/", "x/y/z"]]
              SelectedName: !Select [2, !Ref Names]
              Mapped: !FindInMap [Sizes, !Ref Stage, Memory]
              Zones: !GetAZs ""
              Imported: !ImportValue shared-vpc
              Encoded: !Base64 "hi"
              IfTrue: !If [NotProd, "not prod", "prod"]
              IfDropped: !If [IsProd, "only in prod", !Ref AWS::NoValue]
              ListWithNoValue: [one, !If [IsProd, two, !Ref AWS::NoValue], three]
              Number: !Ref Count
              Both: !If [Both, yes, no]
              Either: !If [Either, yes, no]
        """;

    private static IReadOnlyDictionary<string, object?> Probe(TemplateLoadOptions? options = null) =>
        SamTemplate.Parse(Template, options ?? new TemplateLoadOptions { Region = "us-west-2" }).ResolveResourceProperties("Probe");

    [Fact]
    public void Sub_resolves_parameters_pseudo_parameters_resources_attributes_and_literals()
    {
        var p = Probe();
        Assert.Equal("https://cognito-idp.us-west-2.amazonaws.com/Pool/dev", p["SubPlain"]);
        Assert.Equal("arn:aws:dynamodb:us-west-2:123456789012:table/Table|cognito-idp.us-west-2.amazonaws.com/Pool", p["SubAttribute"]);
        Assert.Equal("${NotAVariable}-123456789012-enrollment-local-aws", p["SubLiteral"]);
        Assert.Equal("hello, dev", p["SubMap"]);
        Assert.Equal("dev-long", p["LongSub"]);
    }

    [Fact]
    public void GetAtt_and_Ref_in_short_list_and_long_forms()
    {
        var p = Probe();
        Assert.Equal("arn:aws:dynamodb:us-west-2:123456789012:table/Table", p["GetAttShort"]);
        Assert.Equal("arn:aws:cognito-idp:us-west-2:123456789012:userpool/Pool", p["GetAttList"]);
        Assert.Equal("arn:aws:dynamodb:us-west-2:123456789012:table/orders-dev", p["GetAttLong"]);
        Assert.Equal("orders-dev", p["RefNamed"]);
        Assert.Equal("dev", p["LongRef"]);
        Assert.Equal("3", p["Number"]);
    }

    [Fact]
    public void Join_Select_Split_FindInMap_GetAZs_ImportValue_Base64()
    {
        var p = Probe();
        Assert.Equal("a,b,c", p["Joined"]);
        Assert.Equal("y", p["Selected"]);
        Assert.Equal("c", p["SelectedName"]);
        Assert.Equal("512", p["Mapped"]);
        Assert.Equal(new List<object?> { "us-west-2a", "us-west-2b", "us-west-2c" }, p["Zones"]);
        Assert.Equal("imported-shared-vpc", p["Imported"]);
        Assert.Equal("aGk=", p["Encoded"]);
    }

    [Fact]
    public void Conditions_drive_If_and_NoValue_removes_keys_and_list_items()
    {
        var dev = Probe();
        Assert.Equal("not prod", dev["IfTrue"]);
        Assert.False(dev.ContainsKey("IfDropped"));
        Assert.Equal(new List<object?> { "one", "three" }, dev["ListWithNoValue"]);
        Assert.Equal("yes", dev["Both"]);
        Assert.Equal("yes", dev["Either"]);

        var prod = Probe(new TemplateLoadOptions { Overrides = new Dictionary<string, string> { ["Stage"] = "prod" } });
        Assert.Equal("prod", prod["IfTrue"]);
        Assert.Equal("only in prod", prod["IfDropped"]);
        Assert.Equal(new List<object?> { "one", "two", "three" }, prod["ListWithNoValue"]);
        Assert.Equal("no", prod["Both"]);
        Assert.Equal("2048", prod["Mapped"]);
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
    public void Every_short_form_tag_of_cloudformation_is_registered()
    {
        string[] tags = ["!Ref", "!GetAtt", "!Sub", "!Join", "!If", "!Select", "!Split", "!Equals", "!Not", "!And", "!Or", "!FindInMap", "!GetAZs", "!ImportValue", "!Condition"];
        Assert.All(tags, tag => Assert.Contains(tag, YamlTemplateReader.ShortFormTags.Keys));
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
    public void A_resource_whose_condition_is_false_does_not_exist()
    {
        var test = SamTemplate.Load(RepoPaths.FixtureTemplate);
        Assert.DoesNotContain("ProdOnlyFunction", test.Functions.Keys);
        Assert.Equal("testing", test.Functions["EchoFunction"].Environment["STAGE"]);

        var prod = SamTemplate.Load(RepoPaths.FixtureTemplate, new TemplateLoadOptions { Overrides = new Dictionary<string, string> { ["EnvName"] = "prod" } });
        Assert.Contains("ProdOnlyFunction", prod.Functions.Keys);
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
