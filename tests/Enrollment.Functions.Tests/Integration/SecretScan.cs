using Amazon.DynamoDBv2.Model;

namespace Enrollment.Functions.Tests.Integration;

/// <summary>Proves that captured logs and stored audit items hold none of the given secrets.</summary>
public static class SecretScan
{
    public static string Render(Dictionary<string, AttributeValue> item) =>
        string.Join('\n', item.Select(kv => $"{kv.Key}={kv.Value.S ?? kv.Value.N ?? kv.Value.BOOL?.ToString()}"));

    public static void AssertAbsent(IEnumerable<string> captured, params string[] secrets)
    {
        var all = string.Join('\n', captured);
        Assert.False(string.IsNullOrEmpty(all), "nothing was captured, so nothing was proven");
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            Assert.DoesNotContain(secret, all, StringComparison.OrdinalIgnoreCase);
            if (secret.Length > 24) Assert.DoesNotContain(secret[^24..], all); // also no tail of a long token
        }
    }
}
