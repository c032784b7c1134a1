namespace Enrollment.Infrastructure.Configuration;

/// <summary>
/// The AWS partitions, copied from botocore's <c>botocore/data/partitions.json</c> (the data behind the endpoint
/// rule sets' <c>aws.partition</c> function), and that function: a region listed by a partition belongs to it,
/// else the first partition whose regionRegex matches, else the <c>aws</c> partition.
/// </summary>
public static class AwsPartitions
{
    public static IReadOnlyList<AwsPartition> All { get; } =
    [
        new("aws", @"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$", "amazonaws.com", "api.aws", SupportsFips: true, SupportsDualStack: true,
            ["af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "aws-global", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"]),
        new("aws-cn", @"^cn\-\w+\-\d+$", "amazonaws.com.cn", "api.amazonwebservices.com.cn", SupportsFips: true, SupportsDualStack: true,
            ["aws-cn-global", "cn-north-1", "cn-northwest-1"]),
        new("aws-eusc", @"^eusc\-(de)\-\w+\-\d+$", "amazonaws.eu", "api.amazonwebservices.eu", SupportsFips: true, SupportsDualStack: true,
            ["eusc-de-east-1"]),
        new("aws-iso", @"^us\-iso\-\w+\-\d+$", "c2s.ic.gov", "api.aws.ic.gov", SupportsFips: true, SupportsDualStack: true,
            ["aws-iso-global", "us-iso-east-1", "us-iso-west-1"]),
        new("aws-iso-b", @"^us\-isob\-\w+\-\d+$", "sc2s.sgov.gov", "api.aws.scloud", SupportsFips: true, SupportsDualStack: true,
            ["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"]),
        new("aws-iso-e", @"^eu\-isoe\-\w+\-\d+$", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", SupportsFips: true, SupportsDualStack: true,
            ["aws-iso-e-global", "eu-isoe-west-1"]),
        new("aws-iso-f", @"^us\-isof\-\w+\-\d+$", "csp.hci.ic.gov", "api.aws.hci.ic.gov", SupportsFips: true, SupportsDualStack: true,
            ["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"]),
        new("aws-us-gov", @"^us\-gov\-\w+\-\d+$", "amazonaws.com", "api.aws", SupportsFips: true, SupportsDualStack: true,
            ["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"]),
    ];

    /// <summary>The partition of <paramref name="region"/> (aws.partition).</summary>
    public static AwsPartition For(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        foreach (var partition in All)
            if (partition.Regions.Contains(region)) return partition;
        foreach (var partition in All)
            if (partition.Matches(region)) return partition;
        return All[0];
    }

    /// <summary>
    /// True when <paramref name="host"/> is under one of the partitions' DNS suffixes (regular or dual-stack): an AWS
    /// service endpoint or a VPC endpoint of one, as opposed to an emulator on a laptop or in CI.
    /// </summary>
    public static bool IsAwsHost(string host)
    {
        if (string.IsNullOrEmpty(host)) return false;
        var name = host.TrimEnd('.');
        foreach (var partition in All)
        {
            if (IsUnder(name, partition.DnsSuffix) || IsUnder(name, partition.DualStackDnsSuffix)) return true;
        }
        return false;
    }

    private static bool IsUnder(string host, string suffix) =>
        host.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase);
}
