using ScimFunctions.LoadTool.Commands;

namespace ScimFunctions.LoadTool.Tests.Commands;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("1.5s", 1.5)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("00:01:30", 90)]
    public void Durations_parse_with_unit_suffixes_or_as_timespans(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds, precision: 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("0s")]
    [InlineData("00:00:00")]
    public void Nonsense_zero_and_negative_durations_are_rejected(string text) =>
        Assert.False(DurationParser.TryParse(text, out _));
}
