namespace Enrollment.Core.Policy;

/// <summary>
/// A Semantic Versioning 2.0.0 version with its precedence rules: numeric core, a pre-release sorts before
/// its release, pre-release identifiers compare numerically when numeric, build metadata is ignored.
/// A leading "v" and a missing minor or patch ("2", "2.1") are tolerated because app stores allow them.
/// </summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>
{
    private SemanticVersion(long major, long minor, long patch, string[] preRelease, string text)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        PreRelease = preRelease;
        Text = text;
    }

    public long Major { get; }
    public long Minor { get; }
    public long Patch { get; }
    public IReadOnlyList<string> PreRelease { get; }
    public string Text { get; }

    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64) return false;
        var s = text.Trim();
        if (s[0] is 'v' or 'V') s = s[1..];

        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            if (!IdentifiersValid(s[(plus + 1)..], numericLeadingZeroAllowed: true)) return false;
            s = s[..plus];
        }

        string[] pre = [];
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            var preText = s[(dash + 1)..];
            if (!IdentifiersValid(preText, numericLeadingZeroAllowed: false)) return false;
            pre = preText.Split('.');
            s = s[..dash];
        }

        var parts = s.Split('.');
        if (parts.Length is < 1 or > 3) return false;
        var numbers = new long[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!IsNumber(parts[i]) || (parts[i].Length > 1 && parts[i][0] == '0')) return false;
            if (!long.TryParse(parts[i], out numbers[i])) return false;
        }

        version = new SemanticVersion(numbers[0], numbers[1], numbers[2], pre, text.Trim());
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c != 0) return c;
        c = Minor.CompareTo(other.Minor);
        if (c != 0) return c;
        c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;

        // A version without pre-release has higher precedence than one with.
        if (PreRelease.Count == 0 || other.PreRelease.Count == 0) return other.PreRelease.Count.CompareTo(PreRelease.Count);
        for (var i = 0; i < Math.Min(PreRelease.Count, other.PreRelease.Count); i++)
        {
            c = CompareIdentifier(PreRelease[i], other.PreRelease[i]);
            if (c != 0) return c;
        }
        return PreRelease.Count.CompareTo(other.PreRelease.Count);
    }

    public override string ToString() => Text;

    private static int CompareIdentifier(string a, string b)
    {
        var aNum = IsNumber(a);
        var bNum = IsNumber(b);
        if (aNum && bNum)
        {
            // Compare by length first: numeric identifiers may exceed long.
            var byLength = a.Length.CompareTo(b.Length);
            return byLength != 0 ? byLength : string.CompareOrdinal(a, b);
        }
        if (aNum) return -1; // numeric identifiers sort before alphanumeric ones
        if (bNum) return 1;
        return string.CompareOrdinal(a, b);
    }

    private static bool IdentifiersValid(string text, bool numericLeadingZeroAllowed)
    {
        if (text.Length == 0) return false;
        foreach (var id in text.Split('.'))
        {
            if (id.Length == 0) return false;
            foreach (var ch in id)
                if (!(char.IsAsciiLetterOrDigit(ch) || ch == '-')) return false;
            if (!numericLeadingZeroAllowed && IsNumber(id) && id.Length > 1 && id[0] == '0') return false;
        }
        return true;
    }

    private static bool IsNumber(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);
}
