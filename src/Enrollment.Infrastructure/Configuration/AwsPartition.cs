using System.Text.RegularExpressions;

namespace Enrollment.Infrastructure.Configuration;

/// <summary>One AWS partition as botocore's partitions.json describes it (its <c>outputs</c> and regions).</summary>
public sealed record AwsPartition(string Name, string RegionRegex, string DnsSuffix, string DualStackDnsSuffix, bool SupportsFips, bool SupportsDualStack,
    IReadOnlyList<string> Regions)
{
    private readonly Regex _regionPattern = new(RegionRegex, RegexOptions.CultureInvariant);

    public bool Matches(string region) => _regionPattern.IsMatch(region);
}
