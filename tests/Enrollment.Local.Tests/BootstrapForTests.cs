using System.Runtime.CompilerServices;
using Enrollment.Local.Hosting;
using Enrollment.Testing;

namespace Enrollment.Local.Tests;

/// <summary>
/// The bootstrap every runner in these tests uses for provided.* functions (through ENROLLMENT_BOOTSTRAP, which
/// `invoke`, `start-api` and `up` read, and which child runner processes inherit): the managed build this test
/// project builds, so no test triggers a slow native build. A native build can be tested the same way by setting
/// ENROLLMENT_BOOTSTRAP to it before running the tests.
/// </summary>
public static class BootstrapForTests
{
    public static BootstrapArtifact Artifact => BootstrapArtifact.FromPath(Environment.GetEnvironmentVariable(FunctionInvokers.BootstrapVariable)!);

    [ModuleInitializer]
    public static void UseTheBuiltBootstrap()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(FunctionInvokers.BootstrapVariable)))
            Environment.SetEnvironmentVariable(FunctionInvokers.BootstrapVariable, RepoPaths.ManagedBootstrapDll);
    }
}
