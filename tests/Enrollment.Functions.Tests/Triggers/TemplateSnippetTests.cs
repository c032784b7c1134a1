using System.Reflection;
using System.Text.RegularExpressions;
using Enrollment.Functions.Triggers;

namespace Enrollment.Functions.Tests.Triggers;

/// <summary>
/// docs/triggers-template-snippet.yaml (merged into template.yaml later) names handlers that exist, one Cognito
/// trigger each, and the V2_0 pre token generation config on the same function. cfn-lint runs on the merged template.
/// </summary>
public sealed partial class TemplateSnippetTests
{
    private static readonly string Snippet = File.ReadAllText(RepoFiles.PathOf("docs/triggers-template-snippet.yaml"));

    [GeneratedRegex(@"^  (?<resource>\w+Function):\s*$.*?Handler: (?<assembly>[\w.]+)::(?<type>[\w.]+)::(?<method>\w+).*?Trigger: (?<trigger>\w+)",
        RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FunctionPattern();

    [Fact]
    public void Each_function_names_an_existing_Stream_handler_and_its_Cognito_trigger()
    {
        var found = FunctionPattern().Matches(Snippet).ToDictionary(m => m.Groups["resource"].Value, m => m);
        var expected = new Dictionary<string, (Type Type, string Trigger)>
        {
            ["DefineAuthChallengeFunction"] = (typeof(DefineAuthChallengeFunction), "DefineAuthChallenge"),
            ["CreateAuthChallengeFunction"] = (typeof(CreateAuthChallengeFunction), "CreateAuthChallenge"),
            ["VerifyAuthChallengeFunction"] = (typeof(VerifyAuthChallengeFunction), "VerifyAuthChallengeResponse"),
            ["PreTokenGenerationFunction"] = (typeof(PreTokenGenerationFunction), "PreTokenGeneration"),
        };
        Assert.Equal(expected.Keys.Order(), found.Keys.Order());
        foreach (var (resource, (type, trigger)) in expected)
        {
            var match = found[resource];
            Assert.Equal("Enrollment.Functions", match.Groups["assembly"].Value);
            Assert.Equal(type.Assembly.GetName().Name, match.Groups["assembly"].Value);
            Assert.Equal(type.FullName, match.Groups["type"].Value);
            Assert.Equal(trigger, match.Groups["trigger"].Value);
            var method = type.GetMethod(match.Groups["method"].Value, BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
            Assert.NotNull(method);
            Assert.Equal(typeof(Task<Stream>), method.ReturnType);
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        }
    }

    [Fact]
    public void Pre_token_generation_is_configured_as_V2_0_on_the_same_function()
    {
        Assert.Matches(@"PreTokenGenerationConfig:\s+LambdaArn: !GetAtt PreTokenGenerationFunction\.Arn\s+LambdaVersion: V2_0", Snippet);
        Assert.Contains("UserPoolTier: ESSENTIALS", Snippet);
        Assert.Contains("- ALLOW_CUSTOM_AUTH", Snippet);
    }
}
