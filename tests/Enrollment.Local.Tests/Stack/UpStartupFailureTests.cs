using System.Net;
using System.Net.Sockets;
using Enrollment.Local.Cli;
using Enrollment.Local.Emulator;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Stack;

/// <summary>`up` refusing to start says why in one line, exits non-zero, and starts nothing.</summary>
public sealed class UpStartupFailureTests
{
    [Fact]
    public async Task Without_moto_on_PATH_up_says_how_to_install_it()
    {
        // PATH without the folder moto_server is in (the runner itself is started by dotnet's full path).
        var path = string.Join(Path.PathSeparator, (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator)
            .Where(dir => !File.Exists(Path.Combine(dir, MotoServerProcess.ExecutableName))));
        var stackFile = Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.json");
        await using var up = RunnerProcess.Start(["up", "--port", LoopbackPort.Free().ToString(), "--stack-file", stackFile],
            new Dictionary<string, string?> { ["PATH"] = path });

        var code = await up.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.MissingTool, code);
        Assert.Contains("pip install \"moto[server]\"", up.Stderr);
        Assert.Single(up.Stderr.Trim().Split('\n')); // one line, no stack trace
        Assert.DoesNotContain("starting emulator", up.Stdout);
        Assert.False(File.Exists(stackFile));
    }

    [Fact]
    public async Task A_taken_port_is_refused_before_the_emulator_starts()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var up = RunnerProcess.Start(["up", "--port", port.ToString(), "--stack-file", Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.json")]);

        var code = await up.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains($"Port {port} on 127.0.0.1 is in use", up.Stderr);
        Assert.DoesNotContain("starting emulator", up.Stdout);
    }

    [Fact]
    public async Task A_tenants_file_that_is_not_a_policy_list_is_refused_with_the_field()
    {
        var tenants = Path.Combine(Path.GetTempPath(), $"tenants-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(tenants, """[{"tenantId": "x", "enrollment": {"maxAssociationsPerHour": "five"}}]""", TestContext.Current.CancellationToken);
        try
        {
            await using var up = RunnerProcess.Start(["up", "--port", LoopbackPort.Free().ToString(), "--tenants", tenants]);

            var code = await up.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(ExitCodes.UsageError, code);
            Assert.Contains("maxAssociationsPerHour", up.Stderr);
            Assert.DoesNotContain("starting emulator", up.Stdout);
        }
        finally
        {
            File.Delete(tenants);
        }
    }

    [Fact]
    public async Task A_failure_after_the_emulator_started_stops_the_emulator()
    {
        // Valid documents, but two tenants claim the same app client: the policy store refuses the second one
        // while seeding, after moto is up.
        var directory = Path.Combine(Path.GetTempPath(), "up-fail-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var tenants = TenantsFileBuilder.Write(directory,
            """{"tenantId": "one", "appClientIds": ["shared-client"]}""",
            """{"tenantId": "two", "appClientIds": ["shared-client"]}""");
        var stackFile = Path.Combine(directory, "stack.json");
        try
        {
            await using var up = RunnerProcess.Start(["up", "--port", LoopbackPort.Free().ToString(), "--stack-file", stackFile, "--tenants", tenants]);

            var ready = await up.WaitForLineAsync(line => line.Contains("moto_server pid"), TimeSpan.FromSeconds(60));
            var code = await up.WaitForExitAsync(TimeSpan.FromSeconds(60));

            var pid = int.Parse(System.Text.RegularExpressions.Regex.Match(ready, @"moto_server pid (\d+)").Groups[1].Value);
            Assert.Equal(ExitCodes.UsageError, code);
            Assert.Contains("Tenant 'two' could not be stored", up.Stderr);
            Assert.Contains($"emulator stopped (moto_server pid {pid})", up.Stdout);
            Assert.False(RunnerProcess.IsAlive(pid), "moto_server outlived the failed start");
            Assert.False(File.Exists(stackFile));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
