using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Paging;

namespace ScimFunctions.Core.Tests.Paging;

public class PageRequestTests
{
    private static readonly PagingLimits _limits = new(DefaultCount: 100, MaxCount: 500);

    [Fact]
    public void Without_parameters_the_first_page_of_the_default_size_is_asked_for()
    {
        Assert.Equal(new PageRequest(1, 100, null), PageRequest.Parse(null, null, null, _limits));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("101", 101)]
    [InlineData("0", 1)]
    [InlineData("-5", 1)]
    [InlineData(" 7 ", 7)]
    [InlineData("", 1)]
    [InlineData("99999999999999999999999", int.MaxValue)]
    public void A_start_index_below_one_means_one(string startIndex, int expected)
    {
        Assert.Equal(expected, PageRequest.Parse(startIndex, null, null, _limits).StartIndex);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("0", 0)]
    [InlineData("-1", 0)]
    [InlineData("500", 500)]
    [InlineData("501", 500)]
    [InlineData("5000", 500)]
    [InlineData("99999999999999999999999", 500)]
    [InlineData("-99999999999999999999999", 0)]
    public void A_negative_count_means_zero_and_a_count_above_the_maximum_is_clamped(string count, int expected)
    {
        Assert.Equal(expected, PageRequest.Parse(null, count, null, _limits).Count);
    }

    [Fact]
    public void The_default_count_never_exceeds_the_maximum()
    {
        Assert.Equal(10, PageRequest.Parse(null, null, null, new PagingLimits(DefaultCount: 100, MaxCount: 10)).Count);
    }

    [Theory]
    [InlineData("abc", null)]
    [InlineData("1.5", null)]
    [InlineData("1e3", null)]
    [InlineData(null, "ten")]
    [InlineData(null, "0x10")]
    [InlineData(null, "--1")]
    public void A_value_that_is_not_an_integer_is_invalid_value(string? startIndex, string? count)
    {
        var error = Assert.Throws<ScimException>(() => PageRequest.Parse(startIndex, count, null, _limits));

        Assert.Equal((400, ScimType.InvalidValue), (error.Status, error.ScimType));
        Assert.Contains(startIndex is null ? "count" : "startIndex", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_cursor_asks_for_the_first_page_of_cursor_paging()
    {
        var page = PageRequest.Parse(null, "50", string.Empty, _limits);

        Assert.True(page.IsCursorPaging);
        Assert.Equal((string.Empty, 50), (page.Cursor, page.Count));
    }

    [Fact]
    public void A_cursor_is_passed_through_opaquely()
    {
        Assert.Equal("abc+/=", PageRequest.Parse(null, null, "abc+/=", _limits).Cursor);
        Assert.False(PageRequest.Parse(null, null, null, _limits).IsCursorPaging);
    }

    [Fact]
    public void A_count_above_the_maximum_is_clamped_for_cursor_paging_too()
    {
        Assert.Equal(500, PageRequest.Parse(null, "10000", "c1", _limits).Count);
    }

    [Fact]
    public void Cursor_and_start_index_together_are_invalid_value()
    {
        var error = Assert.Throws<ScimException>(() => PageRequest.Parse("1", null, "c1", _limits));

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }
}
