using Enrollment.Testing;

namespace Enrollment.Bootstrap.Tests;

/// <summary>
/// The native bootstrap runs on Amazon Linux 2023, whose glibc is 2.34: the binary may need no symbol version above
/// that. Checks every native build present (the Makefile's artifacts/bootstrap/{rid}/bootstrap, or the file named by
/// ENROLLMENT_NATIVE_BOOTSTRAP). None present is reported as skipped with how to build one: never a silent pass.
/// CI builds the arm64 binary first when the cross toolchain is installed (.ci/run); see docs/performance.md.
/// </summary>
public sealed class NativeBootstrapTests
{
    public static readonly Version AmazonLinux2023Glibc = new(2, 34);

    public static IEnumerable<string> NativeBuilds()
    {
        var named = Environment.GetEnvironmentVariable("ENROLLMENT_NATIVE_BOOTSTRAP");
        if (!string.IsNullOrEmpty(named)) yield return named;
        foreach (var rid in new[] { "linux-arm64", "linux-x64" })
        {
            var path = Path.Combine(RepoPaths.Root, "artifacts", "bootstrap", rid, "bootstrap");
            if (File.Exists(path)) yield return path;
        }
    }

    [Fact]
    public void The_native_bootstrap_needs_no_glibc_newer_than_amazon_linux_2023s()
    {
        var builds = NativeBuilds().ToList();
        if (builds.Count == 0)
            Assert.Skip("No native bootstrap to check: artifacts/bootstrap/{linux-arm64,linux-x64}/bootstrap are absent. Build one with " +
                "`make bootstrap` (needs clang, lld, gcc-aarch64-linux-gnu and libc6-dev-arm64-cross on x64) or `make bootstrap RID=linux-x64`.");
        foreach (var build in builds)
        {
            Assert.True(File.Exists(build), $"ENROLLMENT_NATIVE_BOOTSTRAP names {build}, which does not exist");
            var needs = ElfVersionNeeds.Read(build);
            Assert.Contains(needs.Machine, new[] { ElfVersionNeeds.AArch64, ElfVersionNeeds.X86_64 });
            var glibc = needs.HighestGlibc();
            Assert.NotNull(glibc); // a dynamically linked .NET binary always needs some glibc symbol: reading nothing means a parse bug
            Assert.True(glibc <= AmazonLinux2023Glibc,
                $"{build} needs GLIBC_{glibc}, newer than Amazon Linux 2023's {AmazonLinux2023Glibc}: " +
                string.Join("; ", needs.VersionsByLibrary.Select(l => $"{l.Key}: {string.Join(' ', l.Value)}")));
        }
    }

    [Fact]
    public void The_elf_reader_reads_what_objdump_reads_from_a_known_binary()
    {
        // /bin/ls of this machine's own glibc: a parse of a real dynamically linked executable, whatever is built.
        var needs = ElfVersionNeeds.Read("/bin/ls");
        Assert.Contains("libc.so.6", needs.VersionsByLibrary.Keys);
        Assert.Contains(needs.VersionsByLibrary["libc.so.6"], v => v.StartsWith("GLIBC_2.", StringComparison.Ordinal));
        Assert.NotNull(needs.HighestGlibc());
    }
}
