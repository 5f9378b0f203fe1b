using System.Text;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Values;

namespace ScimFunctions.Core.Tests.Resources;

public sealed class StrictJsonTests
{
    private static ScimException Refused(byte[] utf8) => Assert.Throws<ScimException>(() => StrictJson.Parse(utf8, 64));

    private static ScimException Refused(string text) => Refused(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"userName\":\"x\",\"USERNAME\":\"y\"}")]
    [InlineData("{\"o\":{\"k\":1,\"K\":2}}")]
    [InlineData("[{\"v\":1},{\"w\":[{\"x\":1,\"x\":1}]}]")]
    [InlineData("{\"\\u0061\":1,\"a\":2}")]
    [InlineData("[{\"a\":1,\"b\":{\"c\":1}},{\"a\":2,\"b\":{\"c\":2,\"C\":3}}]")]
    [InlineData("{\"x\":{\"a\":1},\"y\":1,\"x\":2}")]
    [InlineData("{\"x\":[{\"a\":1},{\"b\":{\"a\":1}}],\"X\":1}")]
    public void A_repeated_member_name_at_any_depth_in_any_case_or_escaping_is_invalid_syntax(string json)
    {
        var error = Refused(json);

        Assert.Equal((400, "invalidSyntax"), (error.Status, error.ScimType?.Value));
        Assert.Contains("at byte", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_name_in_sibling_objects_is_fine()
    {
        var node = StrictJson.Parse(Encoding.UTF8.GetBytes("{\"a\":{\"v\":1},\"b\":{\"v\":2},\"c\":[{\"v\":3},{\"v\":4}]}"), 64);

        Assert.Equal(4, (int)node["c"]![1]!["v"]!);
    }

    [Fact]
    public void Names_seen_in_an_object_that_has_closed_do_not_count_in_the_next_one()
    {
        var node = StrictJson.Parse(Encoding.UTF8.GetBytes("[{\"a\":1,\"b\":{\"c\":1,\"d\":{\"e\":1}}},{\"a\":2,\"b\":{\"c\":2,\"d\":{\"e\":2}}},{\"x\":{\"a\":1},\"y\":{\"a\":1},\"a\":1}]"), 64);

        Assert.Equal(2, (int)node[1]!["b"]!["d"]!["e"]!);
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0x62, 0xFF, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xC3, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xC0, 0xAF, 0x22 })]
    public void Invalid_utf8_in_a_string_is_invalid_syntax_and_the_detail_holds_none_of_it(byte[] text)
    {
        var error = Refused([.. "{\"v\":"u8.ToArray(), .. text, (byte)'}']);
        var inName = Refused([(byte)'{', .. text, .. ":1}"u8.ToArray()]);

        Assert.Equal(400, error.Status);
        Assert.Equal(400, inName.Status);
        Assert.True(Encoding.UTF8.GetByteCount(error.Detail) == error.Detail.Length, "the detail is plain ASCII");
    }

    [Theory]
    [InlineData("{\"v\":\"x\\ud800\"}")]
    [InlineData("{\"v\":\"\\udc00\"}")]
    [InlineData("{\"v\":\"\\udc00\\ud800\"}")]
    [InlineData("{\"\\ud800\":1}")]
    public void An_escaped_lone_surrogate_is_invalid_syntax(string json) => Assert.Equal(400, Refused(json).Status);

    [Fact]
    public void A_proper_surrogate_pair_and_other_unicode_read_normally()
    {
        var node = StrictJson.Parse(Encoding.UTF8.GetBytes("{\"v\":\"\\ud83d\\ude00 é 😀\"}"), 64);

        Assert.Equal("😀 é 😀", (string)node["v"]!);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(5000)]
    public void Long_string_values_are_checked_like_short_ones(int length)
    {
        var text = new string('a', length);
        Assert.Equal(400, Refused([.. Encoding.UTF8.GetBytes("{\"v\":\"" + text), 0xFF, .. "\"}"u8.ToArray()]).Status);
        Assert.Equal(400, Refused("{\"v\":\"" + text + "\\ud800\"}").Status);

        var escaped = StrictJson.Parse(Encoding.UTF8.GetBytes("{\"v\":\"" + text + "\\u00e9\\ud83d\\ude00\\n\"}"), 64);
        var plain = StrictJson.Parse(Encoding.UTF8.GetBytes("{\"v\":\"" + new string('é', length) + "😀\"}"), 64);

        Assert.Equal(text + "é😀\n", (string)escaped["v"]!);
        Assert.Equal(new string('é', length) + "😀", (string)plain["v"]!);
    }

    [Fact]
    public void Nesting_beyond_the_limit_and_broken_syntax_are_invalid_syntax()
    {
        Assert.Equal(400, Refused(new string('[', 65) + new string(']', 65)).Status);
        Assert.Equal(400, Refused("{\"a\":").Status);
        Assert.Equal(400, Refused("null").Status);
    }
}
