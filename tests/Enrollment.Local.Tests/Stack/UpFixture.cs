using System.Diagnostics;
using Enrollment.Local.Emulator;
using Enrollment.Local.Stack;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Stack;

/// <summary>
/// One `up` process (pool MFA optional) shared by a test class: started as a user starts it, on a free port, with
/// a temporary stack file and tenants no other test uses. Stopping it is part of the contract: dispose sends
/// Ctrl-C (SIGINT) and fails the class if `up` or its emulator is still running afterwards.
/// </summary>
public sealed class UpFixture : IAsyncLifetime
{
    /// <summary>Both loopback; any app version.</summary>
    public const string Enrolling = "alpha";

    /// <summary>A second tenant: its client reaches the authorizer's audience through AdditionalAudiences.</summary>
    public const string Second = "beta";

    /// <summary>Allows only 203.0.113.0/24: this machine is refused.</summary>
    public const string Fenced = "fenced";

    /// <summary>Requires app version 3.0.0.</summary>
    public const string Versioned = "versioned";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "up-" + Guid.NewGuid().ToString("N")[..8]);
    private RunnerProcess? _up;

    public RunnerProcess Up => _up ?? throw new InvalidOperationException("up is not running.");

    public StackFile Stack { get; private set; } = null!;

    public string StackFilePath => Path.Combine(_directory, "stack.json");

    public TimeSpan StartTime { get; private set; }

    public MobileApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var tenants = TenantsFileBuilder.Write(_directory,
            TenantsFileBuilder.Tenant(Enrolling),
            TenantsFileBuilder.Tenant(Second),
            TenantsFileBuilder.Tenant(Fenced, networks: ["203.0.113.0/24"]),
            TenantsFileBuilder.Tenant(Versioned, minAppVersion: "3.0.0"));
        var clock = Stopwatch.StartNew();
        _up = RunnerProcess.Start(["up", "--port", LoopbackPort.Free().ToString(), "--stack-file", StackFilePath, "--tenants", tenants]);
        await _up.WaitForLineAsync(line => line.Contains("Enrollment is running locally"), TimeSpan.FromSeconds(90));
        StartTime = clock.Elapsed;
        Stack = StackFile.Read(StackFilePath);
        App = new MobileApp(Stack);
    }

    public async ValueTask DisposeAsync()
    {
        App?.Dispose();
        if (_up is null) return;
        try
        {
            var emulatorPid = Stack?.EmulatorPid;
            _up.Signal(RunnerProcess.SigInt); // Ctrl-C, as at a terminal
            var code = await _up.WaitForExitAsync(TimeSpan.FromSeconds(20));
            Assert.True(code == 0, $"up exited with {code} after Ctrl-C.\n{_up.Output}");
            Assert.False(RunnerProcess.IsAlive(_up.Id), "up is still running");
            if (emulatorPid is { } pid) Assert.False(RunnerProcess.IsAlive(pid), $"moto_server (pid {pid}) outlived up");
            Assert.False(File.Exists(StackFilePath), "the stack file outlived up");
        }
        finally
        {
            await _up.DisposeAsync();
            // Whatever the assertions said, leave nothing running on the machine.
            if (Stack?.EmulatorPid is { } pid && RunnerProcess.IsAlive(pid))
                System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}
