using Enrollment.Local.Tests.Stack;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Demo;

/// <summary>
/// `demo` against a running `up`, as a person runs it: in a pseudo-terminal (python's pty module plays the person,
/// reading the key the demo prints and typing the codes), and as a script (--non-interactive); and its messages
/// when the stack or the tenant's policy says no.
/// </summary>
public sealed class DemoCommandTests(UpFixture up) : IClassFixture<UpFixture>
{
    private static string Driver => Path.Combine(AppContext.BaseDirectory, "Demo", "pty_driver.py");

    [Fact]
    public async Task A_person_at_a_terminal_scans_types_the_codes_and_sees_the_claims()
    {
        var (code, stdout, stderr) = await CompletedProcess.RunAsync("python3",
            [Driver, "dotnet", RepoPaths.LocalRunnerDll, "demo", "--stack-file", up.StackFilePath, "--tenant", UpFixture.Enrolling], TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"demo exit {code}:\n{stdout}\n{stderr}");
        Assert.Contains("Scan this with", stdout);
        Assert.Contains("▀", stdout); // the half-block QR code
        Assert.Contains("Verified: TOTP is now this user's MFA.", stdout);
        Assert.Contains("Recovery codes, shown this once", stdout);
        Assert.Matches(@"\n\s+[A-Z2-9]{5}-[A-Z2-9]{5}\r?\n", stdout);
        Assert.Contains("Signed in with MFA.", stdout);
        Assert.Contains("token_use: access", stdout);
        Assert.Contains($"username: {up.App.User(UpFixture.Enrolling).Username}", stdout);
        Assert.DoesNotContain("eyJ", stdout); // no JWT (tokens start with the base64 of {") is ever printed
        Assert.Equal(2, stdout.Split("Type the").Length - 1);
    }

    [Fact]
    public async Task A_script_runs_it_without_a_person()
    {
        var (code, stdout, stderr) = await RunAsync("--tenant", UpFixture.Second, "--non-interactive");
        Assert.True(code == 0, $"demo exit {code}:\n{stdout}\n{stderr}");
        Assert.Contains("computed from the secret", stdout);
        Assert.Contains("Signed in with MFA.", stdout);
        Assert.DoesNotContain("eyJ", stdout);
    }

    [Theory]
    [InlineData(UpFixture.Fenced, "POLICY_DENIED / NETWORK_NOT_ALLOWED", "pick another tenant")]
    [InlineData(UpFixture.Versioned, "POLICY_DENIED / APP_VERSION_TOO_OLD", "--app-version")]
    [InlineData("nobody", "no demo user in tenant 'nobody'", "")]
    public async Task Each_refusal_is_explained(string tenant, string what, string hint)
    {
        var (code, stdout, stderr) = await RunAsync("--tenant", tenant, "--non-interactive");
        Assert.True(code == 1, $"demo exit {code}:\n{stdout}\n{stderr}");
        Assert.Contains(what, stderr);
        Assert.Contains(hint, stderr);
        Assert.DoesNotContain("eyJ", stdout + stderr);
    }

    [Fact]
    public async Task Without_a_running_stack_it_says_how_to_start_one()
    {
        var (code, _, stderr) = await CompletedProcess.RunAsync("dotnet",
            [RepoPaths.LocalRunnerDll, "demo", "--stack-file", Path.Combine(Path.GetTempPath(), "no-such-stack.json"), "--non-interactive"], TimeSpan.FromMinutes(1));
        Assert.Equal(1, code);
        Assert.Contains("No stack file", stderr);
        Assert.Contains("-- up", stderr);
    }

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        CompletedProcess.RunAsync("dotnet", [RepoPaths.LocalRunnerDll, "demo", "--stack-file", up.StackFilePath, .. args], TimeSpan.FromMinutes(2));
}
