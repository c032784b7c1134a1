using System.Globalization;
using Enrollment.Local.Template;

namespace Enrollment.Local.Hosting;

/// <summary>
/// The environment a function runs with locally, lowest precedence first: the variables the Lambda runtime
/// sets (function name, memory, region, and test credentials when none are configured), the template's
/// Globals and function variables, the env-vars file's "Parameters", then its section for the function.
/// </summary>
public static class FunctionEnvironment
{
    public const string LocalAccessKey = "test";
    public const string LocalSecretKey = "test";

    public static IReadOnlyDictionary<string, string> Build(SamFunction function, EnvVarsFile? envVars, string region)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in RuntimeVariables(function, region)) environment[key] = value;
        foreach (var (key, value) in function.Environment) environment[key] = value;
        if (envVars is not null)
            foreach (var (key, value) in envVars.For(function.LogicalId)) environment[key] = value;
        return environment;
    }

    /// <summary>
    /// Names the env-vars file sets for this function that the template does not declare. sam local ignores them;
    /// this runner applies them (handy for AWS_ENDPOINT_URL) and says so.
    /// </summary>
    public static IReadOnlyList<string> Undeclared(SamFunction function, EnvVarsFile envVars) =>
        envVars.For(function.LogicalId).Keys
            .Where(key => !function.Environment.ContainsKey(key) && !key.StartsWith("AWS_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Sets the variables in this process, so code that reads them at construction sees them.</summary>
    public static void Apply(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (key, value) in environment) Environment.SetEnvironmentVariable(key, value);
    }

    private static IEnumerable<KeyValuePair<string, string>> RuntimeVariables(SamFunction function, string region)
    {
        var processRegion = Environment.GetEnvironmentVariable("AWS_REGION");
        var effectiveRegion = string.IsNullOrEmpty(processRegion) ? region : processRegion;
        yield return new("AWS_REGION", effectiveRegion);
        yield return new("AWS_DEFAULT_REGION", Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } d ? d : effectiveRegion);
        yield return new("AWS_LAMBDA_FUNCTION_NAME", function.LogicalId);
        yield return new("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        yield return new("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", function.MemorySize.ToString(CultureInfo.InvariantCulture));
        yield return new("AWS_LAMBDA_FUNCTION_TIMEOUT", function.Timeout.ToString(CultureInfo.InvariantCulture));
        yield return new("AWS_LAMBDA_LOG_GROUP_NAME", $"/aws/lambda/{function.LogicalId}");
        yield return new("AWS_LAMBDA_LOG_STREAM_NAME", "$LATEST");
        // Lambda does not define AWS_EXECUTION_ENV for the OS-only runtimes (provided.*), only for language runtimes.
        if (function.Runtime is { } runtime && !runtime.StartsWith("provided", StringComparison.Ordinal)) yield return new("AWS_EXECUTION_ENV", $"AWS_Lambda_{runtime}");
        if ((function.Properties.GetValueOrDefault("LoggingConfig") as Dictionary<string, object?>)?.GetValueOrDefault("LogFormat") is string format)
            yield return new("AWS_LAMBDA_LOG_FORMAT", format);

        // Local use needs no real credentials; keep any the developer configured (keys or a profile).
        var hasCredentials = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_PROFILE"));
        if (!hasCredentials)
        {
            yield return new("AWS_ACCESS_KEY_ID", LocalAccessKey);
            yield return new("AWS_SECRET_ACCESS_KEY", LocalSecretKey);
        }
    }
}
