namespace Enrollment.Local.Tests.Fixtures;

/// <summary>A handler the runtime could not construct: it has only a constructor with parameters.</summary>
public sealed class NoDefaultConstructorHandler(string dependency)
{
    public Task<Stream> Handle(Stream input) => Task.FromResult<Stream>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dependency)));
}
