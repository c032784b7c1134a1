namespace Enrollment.Infrastructure.Tests.DynamoDb;

/// <summary>A clock that moves only when told (Microsoft.Extensions.TimeProvider.Testing does not restore here).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _elapsedTicks;

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);
}
