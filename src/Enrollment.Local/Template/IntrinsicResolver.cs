using System.Globalization;
using System.Text;

namespace Enrollment.Local.Template;

/// <summary>
/// Evaluates intrinsic functions the way CloudFormation would at deploy time, with local stand-ins for what
/// only a deployment knows: parameters take their overrides or defaults, resources their overrides or a
/// placeholder (<c>!Ref AuditTable</c> is "AuditTable", <c>!GetAtt AuditTable.Arn</c> a table ARN in the
/// local account), pseudo parameters the local region and account.
/// Only what template.yaml uses is supported: Ref, Fn::Sub, Fn::GetAtt, Fn::Split, and in conditions Fn::If,
/// Fn::Equals and Fn::Not; String and Number parameters; the pseudo parameters in <see cref="PseudoParameters"/>.
/// Anything else (another intrinsic, a Mappings lookup, a resource or output Condition, an unknown pseudo
/// parameter) is refused with a <see cref="TemplateException"/> naming it and where it appeared, rather than
/// half-emulated.
/// </summary>
public sealed class IntrinsicResolver
{
    /// <summary>What AWS::NoValue and a false <c>!If</c> branch give: the key or element is dropped.</summary>
    public static readonly object NoValue = new();

    /// <summary>The pseudo parameters template.yaml uses, the only ones resolved here.</summary>
    public static readonly IReadOnlyList<string> PseudoParameters =
        ["AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue"];

    private readonly TemplateLoadOptions _options;
    private readonly Dictionary<string, TemplateParameter> _parameters;
    private readonly Dictionary<string, object?> _conditionDefinitions;
    private readonly Dictionary<string, Dictionary<string, object?>> _resources;
    private readonly Dictionary<string, bool> _conditionValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conditionsInProgress = new(StringComparer.Ordinal);

    public IntrinsicResolver(Dictionary<string, object?> root, TemplateLoadOptions options, string sourceName)
    {
        _options = options;
        SourceName = sourceName;
        _parameters = ReadParameters(Section(root, "Parameters"));
        if (root.ContainsKey("Mappings"))
            throw new TemplateException($"{sourceName}: Mappings (Fn::FindInMap) are not supported by the local runner; template.yaml uses none.");
        _conditionDefinitions = Section(root, "Conditions");
        _resources = Section(root, "Resources")
            .Where(r => r.Value is Dictionary<string, object?>)
            .ToDictionary(r => r.Key, r => (Dictionary<string, object?>)r.Value!, StringComparer.Ordinal);
        RefuseConditional(_resources, "Resources");
        RefuseConditional(Section(root, "Outputs").Where(o => o.Value is Dictionary<string, object?>)
            .ToDictionary(o => o.Key, o => (Dictionary<string, object?>)o.Value!, StringComparer.Ordinal), "Outputs");

        foreach (var key in options.Overrides.Keys)
        {
            var logicalId = key.Split('.', 2)[0];
            if (!_parameters.ContainsKey(key) && !_resources.ContainsKey(logicalId))
                throw new TemplateException(
                    $"Override '{key}' matches no parameter or resource of {sourceName}. Parameters: {string.Join(", ", _parameters.Keys)}.");
        }
        foreach (var parameter in _parameters.Values)
            if (options.Overrides.TryGetValue(parameter.Name, out var value)) Validate(parameter, value);
    }

    public string SourceName { get; }

    public IReadOnlyDictionary<string, TemplateParameter> Parameters => _parameters;

    public TemplateLoadOptions Options => _options;

    /// <summary>The raw resources section: logical id to its mapping (Type, Properties, Condition...).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, object?>> Resources => _resources;

    /// <summary>The value a parameter takes here: its override, else its default.</summary>
    public string ParameterValue(string name)
    {
        if (!_parameters.TryGetValue(name, out var parameter))
            throw new TemplateException($"{SourceName}: no parameter named '{name}'.");
        return _options.Overrides.TryGetValue(name, out var overridden) ? overridden
            : parameter.Default ?? throw new TemplateException(
                $"{SourceName}: parameter '{name}' has no Default; pass --parameter-overrides {name}=VALUE.");
    }

    /// <summary>Resolves a raw node: intrinsics evaluated, AWS::NoValue entries removed.</summary>
    public object? Resolve(object? node, string path)
    {
        var value = ResolveOrNoValue(node, path);
        return ReferenceEquals(value, NoValue) ? null : value;
    }

    public bool EvaluateCondition(string name)
    {
        if (_conditionValues.TryGetValue(name, out var known)) return known;
        if (!_conditionDefinitions.TryGetValue(name, out var definition))
            throw new TemplateException($"{SourceName}: no condition named '{name}'.");
        if (!_conditionsInProgress.Add(name))
            throw new TemplateException($"{SourceName}: condition '{name}' refers to itself.");
        var result = AsBool(ResolveOrNoValue(definition, $"Conditions.{name}"), $"Conditions.{name}");
        _conditionsInProgress.Remove(name);
        _conditionValues[name] = result;
        return result;
    }

    public string ResourceType(string logicalId) =>
        _resources.TryGetValue(logicalId, out var resource) && resource.GetValueOrDefault("Type") is string type ? type : "";

    private object? ResolveOrNoValue(object? node, string path)
    {
        switch (node)
        {
            case null:
            case string:
            case bool:
                return node;
            case Intrinsic intrinsic:
                return Evaluate(intrinsic, path);
            case List<object?> list:
            {
                var result = new List<object?>(list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    var item = ResolveOrNoValue(list[i], $"{path}[{i}]");
                    if (!ReferenceEquals(item, NoValue)) result.Add(item);
                }
                return result;
            }
            case Dictionary<string, object?> map:
            {
                var result = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                foreach (var (key, value) in map)
                {
                    var item = ResolveOrNoValue(value, $"{path}.{key}");
                    if (!ReferenceEquals(item, NoValue)) result[key] = item;
                }
                return result;
            }
            default:
                throw new TemplateException($"{SourceName}: unexpected value at {path}.");
        }
    }

    private object? Evaluate(Intrinsic intrinsic, string path)
    {
        var at = $"{path} ({intrinsic.Name})";
        switch (intrinsic.Name)
        {
            case "Ref":
                return Ref(AsString(ResolveOrNoValue(intrinsic.Argument, at), at), at);
            case "Fn::GetAtt":
            {
                var args = AsList(ResolveOrNoValue(intrinsic.Argument, at), at);
                if (args.Count != 2) throw new TemplateException($"{SourceName}: {at} needs [Resource, Attribute].");
                return GetAtt(AsString(args[0], at), AsString(args[1], at), at);
            }
            case "Fn::Sub":
                return Sub(intrinsic.Argument, at);
            case "Fn::Split":
            {
                var args = Args(intrinsic, 2, at);
                var delimiter = AsString(ResolveOrNoValue(args[0], at), at);
                var source = AsString(ResolveOrNoValue(args[1], at), at);
                return source.Split(delimiter).Select(part => (object?)part).ToList();
            }
            case "Fn::If":
            {
                var args = Args(intrinsic, 3, at);
                var condition = AsString(args[0], at);
                return ResolveOrNoValue(EvaluateCondition(condition) ? args[1] : args[2], at);
            }
            case "Fn::Equals":
            {
                var args = Args(intrinsic, 2, at);
                return Equals(Scalar(ResolveOrNoValue(args[0], at)), Scalar(ResolveOrNoValue(args[1], at)));
            }
            case "Fn::Not":
            {
                var args = Args(intrinsic, 1, at);
                return !AsBool(ResolveOrNoValue(args[0], at), at);
            }
            default:
                // The reader refuses other intrinsics already; this guards an Intrinsic built some other way.
                throw new TemplateException($"{SourceName}: {intrinsic.Name} at {path} is not supported by the local runner.");
        }
    }

    private object? Ref(string name, string at)
    {
        switch (name)
        {
            case "AWS::Region": return _options.Region;
            case "AWS::AccountId": return _options.AccountId;
            case "AWS::StackName": return _options.StackName;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::NoValue": return NoValue;
        }
        if (name.StartsWith("AWS::", StringComparison.Ordinal))
            throw new TemplateException(
                $"{SourceName}: {at} uses the pseudo parameter {name}, which the local runner does not support (it knows {string.Join(", ", PseudoParameters)}: what template.yaml uses).");
        if (_parameters.ContainsKey(name)) return ParameterValue(name);
        if (_resources.ContainsKey(name)) return ResourceRef(name, at);
        if (IsSamGeneratedRole(name)) return name;
        throw new TemplateException($"{SourceName}: {at} refers to '{name}', which is no parameter, resource or pseudo parameter.");
    }

    /// <summary>SAM creates the execution role <c>{FunctionLogicalId}Role</c> of a function that names no Role; templates may Ref it.</summary>
    private bool IsSamGeneratedRole(string name) =>
        name.EndsWith("Role", StringComparison.Ordinal)
        && _resources.TryGetValue(name[..^"Role".Length], out var function)
        && function.GetValueOrDefault("Type") as string == "AWS::Serverless::Function"
        && !(function.GetValueOrDefault("Properties") is Dictionary<string, object?> properties && properties.ContainsKey("Role"));

    /// <summary>What <c>!Ref</c> of a resource gives here: the override, a declared physical name, else the logical id.</summary>
    public string ResourceRef(string logicalId, string at = "")
    {
        if (_options.Overrides.TryGetValue(logicalId, out var value)) return value;
        if (!_resources.TryGetValue(logicalId, out var resource))
            throw new TemplateException($"{SourceName}: {at} refers to resource '{logicalId}', which is not in the template.");
        // A name the template fixes is what Ref gives for these types; other types get the logical id.
        var nameProperty = ResourceType(logicalId) switch
        {
            "AWS::DynamoDB::Table" => "TableName",
            "AWS::Logs::LogGroup" => "LogGroupName",
            "AWS::Serverless::Function" => "FunctionName",
            _ => null,
        };
        if (nameProperty is not null
            && resource.GetValueOrDefault("Properties") is Dictionary<string, object?> properties
            && properties.TryGetValue(nameProperty, out var declared)
            && ResolveOrNoValue(declared, $"{logicalId}.{nameProperty}") is string name)
            return name;
        return logicalId;
    }

    private string GetAtt(string logicalId, string attribute, string at)
    {
        if (_options.Overrides.TryGetValue($"{logicalId}.{attribute}", out var value)) return value;
        if (!_resources.ContainsKey(logicalId))
            throw new TemplateException($"{SourceName}: {at} refers to resource '{logicalId}', which is not in the template.");
        var id = ResourceRef(logicalId, at);
        var (region, account) = (_options.Region, _options.AccountId);
        return (ResourceType(logicalId), attribute) switch
        {
            ("AWS::DynamoDB::Table", "Arn") => $"arn:aws:dynamodb:{region}:{account}:table/{id}",
            ("AWS::DynamoDB::Table", "StreamArn") => $"arn:aws:dynamodb:{region}:{account}:table/{id}/stream/local",
            ("AWS::Cognito::UserPool", "Arn") => $"arn:aws:cognito-idp:{region}:{account}:userpool/{id}",
            ("AWS::Logs::LogGroup", "Arn") => $"arn:aws:logs:{region}:{account}:log-group:{id}:*",
            ("AWS::Serverless::Function", "Arn") => $"arn:aws:lambda:{region}:{account}:function:{id}",
            // The queue, role and alarm ARNs the template passes on are never called locally: a placeholder does.
            _ => $"arn:aws:local:{region}:{account}:{logicalId}/{attribute}",
        };
    }

    private string Sub(object? argument, string at)
    {
        string text;
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (argument)
        {
            case string s:
                text = s;
                break;
            case List<object?> { Count: 2 } list when list[0] is string s2 && list[1] is Dictionary<string, object?> map:
                text = s2;
                foreach (var (key, value) in map) variables[key] = value;
                break;
            default:
                throw new TemplateException($"{SourceName}: {at} needs a string or [string, {{variables}}].");
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("${", i, StringComparison.Ordinal);
            if (open < 0) { result.Append(text, i, text.Length - i); break; }
            result.Append(text, i, open - i);
            var close = text.IndexOf('}', open + 2);
            if (close < 0) throw new TemplateException($"{SourceName}: {at} has an unclosed '${{' in \"{text}\".");
            var name = text[(open + 2)..close].Trim();
            if (name.StartsWith('!'))
            {
                result.Append("${").Append(name[1..]).Append('}'); // ${!Literal} is written as ${Literal}
            }
            else if (variables.TryGetValue(name, out var variable))
            {
                result.Append(AsString(ResolveOrNoValue(variable, at), at));
            }
            else if (name.Contains('.') && !name.StartsWith("AWS::", StringComparison.Ordinal))
            {
                var parts = name.Split('.', 2);
                result.Append(GetAtt(parts[0], parts[1], at));
            }
            else
            {
                result.Append(AsString(Ref(name, at), at));
            }
            i = close + 1;
        }
        return result.ToString();
    }

    private List<object?> Args(Intrinsic intrinsic, int count, string at)
    {
        var args = AsList(intrinsic.Argument, at);
        if (args.Count != count) throw new TemplateException($"{SourceName}: {at} needs {count} arguments, found {args.Count}.");
        return args;
    }

    private string AsString(object? value, string at) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        _ => throw new TemplateException($"{SourceName}: {at} needs a string here."),
    };

    private List<object?> AsList(object? value, string at) =>
        value as List<object?> ?? throw new TemplateException($"{SourceName}: {at} needs a list here.");

    private bool AsBool(object? value, string at) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var parsed) => parsed,
        _ => throw new TemplateException($"{SourceName}: {at} needs a condition (true or false)."),
    };

    private static object? Scalar(object? value) => value is bool b ? (b ? "true" : "false") : value;

    private void Validate(TemplateParameter parameter, string value)
    {
        if (parameter.AllowedValues.Count > 0 && !parameter.AllowedValues.Contains(value, StringComparer.Ordinal))
            throw new TemplateException(
                $"Parameter {parameter.Name}='{value}' is not one of its allowed values: {string.Join(", ", parameter.AllowedValues)}.");
        if (parameter.Type == "Number")
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                throw new TemplateException($"Parameter {parameter.Name}='{value}' must be a number.");
            if (number < parameter.MinValue || number > parameter.MaxValue)
                throw new TemplateException($"Parameter {parameter.Name}={value} must be between {parameter.MinValue} and {parameter.MaxValue}.");
        }
    }

    /// <summary>A resource or output with a Condition: template.yaml has none, and half a stack would mislead.</summary>
    private void RefuseConditional(Dictionary<string, Dictionary<string, object?>> section, string sectionName)
    {
        foreach (var (id, entry) in section)
            if (entry.ContainsKey("Condition"))
                throw new TemplateException($"{SourceName}: {sectionName}.{id}.Condition is not supported by the local runner; template.yaml puts no condition on a whole resource or output.");
    }

    private Dictionary<string, TemplateParameter> ReadParameters(Dictionary<string, object?> section)
    {
        var result = new Dictionary<string, TemplateParameter>(StringComparer.Ordinal);
        foreach (var (name, raw) in section)
        {
            if (raw is not Dictionary<string, object?> p) continue;
            var type = p.GetValueOrDefault("Type") as string ?? "String";
            if (type is not ("String" or "Number"))
                throw new TemplateException($"{SourceName}: Parameters.{name} has Type {type}; the local runner supports String and Number, the types template.yaml uses.");
            result[name] = new TemplateParameter(
                name,
                type,
                p.GetValueOrDefault("Default") as string,
                p.GetValueOrDefault("AllowedValues") is List<object?> allowed ? allowed.OfType<string>().ToList() : [],
                p.GetValueOrDefault("Description") as string,
                ParseNumber(p.GetValueOrDefault("MinValue")),
                ParseNumber(p.GetValueOrDefault("MaxValue")));
        }
        return result;
    }

    private static double? ParseNumber(object? value) =>
        value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static Dictionary<string, object?> Section(Dictionary<string, object?> root, string name) =>
        root.GetValueOrDefault(name) as Dictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);
}
