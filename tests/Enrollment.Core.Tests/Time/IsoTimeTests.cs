using Enrollment.Core.Time;

namespace Enrollment.Core.Tests.Time;

public sealed class IsoTimeTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 1, 31, 12, 0, 5, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    [Fact]
    public void The_three_precisions_are_utc_iso_8601()
    {
        Assert.Equal("2026-01-31T10:00:05.123Z", IsoTime.Format(At));
        Assert.Equal("2026-01-31T10:00:05Z", IsoTime.FormatSeconds(At));
        Assert.Equal("2026-01-31T10:00:05.1234567Z", IsoTime.FormatExact(At));
    }

    [Fact]
    public void Parse_reads_back_the_millisecond_form_and_nothing_else()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 10, 0, 5, 123, TimeSpan.Zero), IsoTime.Parse(IsoTime.Format(At)));
        Assert.Throws<FormatException>(() => IsoTime.Parse(IsoTime.FormatExact(At)));
        Assert.Throws<FormatException>(() => IsoTime.Parse("2026-01-31 10:00:05"));
    }

    [Fact]
    public void TryParse_reads_every_stored_form_exactly()
    {
        Assert.True(IsoTime.TryParse(IsoTime.FormatExact(At), out var exact));
        Assert.Equal(At, exact);
        Assert.True(IsoTime.TryParse(IsoTime.Format(At), out var milliseconds));
        Assert.Equal(TimeSpan.Zero, milliseconds.Offset);
        Assert.False(IsoTime.TryParse("not a time", out _));
        Assert.False(IsoTime.TryParse(null, out _));
    }

    [Fact]
    public void The_millisecond_form_sorts_as_text_like_the_times()
    {
        var earlier = IsoTime.Format(new DateTimeOffset(2026, 1, 31, 9, 59, 59, 999, TimeSpan.Zero));
        Assert.True(string.CompareOrdinal(earlier, IsoTime.Format(At)) < 0);
    }
}
