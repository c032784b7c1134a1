namespace Enrollment.Local.Template;

/// <summary>
/// What the local runner knows that CloudFormation would know at deploy time.
/// </summary>
public sealed record TemplateLoadOptions
{
    /// <summary>
    /// Values by name, as <c>--parameter-overrides</c> gives them: a parameter name sets that parameter; a
    /// resource logical id sets what <c>!Ref</c> of that resource gives (a table name, a user pool id); a
    /// <c>LogicalId.Attribute</c> key sets what <c>!GetAtt</c> gives. Unmatched keys are an error.
    /// </summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>AWS::Region; by default AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1.</summary>
    public string Region { get; init; } = DefaultRegion();

    public string AccountId { get; init; } = "123456789012";

    public string StackName { get; init; } = "enrollment-local";

    public static string DefaultRegion() =>
        Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region
        : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback
        : "us-east-1";

    /// <summary>Parses <c>K=V</c> pairs and SAM's <c>ParameterKey=K,ParameterValue=V</c> form.</summary>
    public static IReadOnlyDictionary<string, string> ParseOverrides(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in pairs)
        {
            var pair = raw.Trim();
            if (pair.Length == 0) continue;
            string key, value;
            if (pair.StartsWith("ParameterKey=", StringComparison.Ordinal))
            {
                var comma = pair.IndexOf(",ParameterValue=", StringComparison.Ordinal);
                if (comma < 0) throw new TemplateException($"Parameter override '{pair}' must be ParameterKey=K,ParameterValue=V.");
                key = pair["ParameterKey=".Length..comma];
                value = pair[(comma + ",ParameterValue=".Length)..];
            }
            else
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) throw new TemplateException($"Parameter override '{pair}' must be Name=Value.");
                key = pair[..eq];
                value = pair[(eq + 1)..];
            }
            result[key.Trim()] = Unquote(value.Trim());
        }
        return result;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'') ? value[1..^1] : value;
}
