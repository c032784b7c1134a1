namespace Enrollment.Core.Recovery;

/// <summary>The plaintext codes of a new set, shown to the user once. ToString is redacted.</summary>
public sealed record IssuedRecoveryCodes(IReadOnlyList<string> Codes, DateTimeOffset IssuedAt)
{
    public override string ToString() => $"IssuedRecoveryCodes(Count={Codes.Count})";
}
