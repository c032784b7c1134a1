using Xunit;

namespace Enrollment.Testing;

/// <summary>
/// One moto_server per test assembly, as an xunit v3 assembly fixture:
/// <c>[assembly: AssemblyFixture(typeof(MotoFixture))]</c>, then take <see cref="MotoFixture"/> in a test
/// class constructor. If moto is missing or does not start, every test of the assembly fails: none can pass
/// without it. Tests share the server, so each creates its own user pool (or table) with a unique name.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto_server is not running.");

    public Uri Endpoint => Server.Endpoint;

    public string Region => MotoServer.Region;

    public async ValueTask InitializeAsync() => _server = await MotoServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _server = null;
    }
}
