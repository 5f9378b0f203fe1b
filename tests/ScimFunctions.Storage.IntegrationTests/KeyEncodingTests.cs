using ScimFunctions.Storage.Keys;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class KeyEncodingTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a|b")]
    [InlineData("line\nbreak\u0000\u007f\u0085")]
    [InlineData("x' or PartitionKey ne '")]
    [InlineData("Zoë 日本 😀")]
    public void Encoded_values_never_contain_characters_a_row_key_forbids_or_the_separator(string value)
    {
        var encoded = KeyEncoding.Encode(value);

        Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' or '|' or '\'' || char.IsControl(c) || c > 127);
    }

    [Fact]
    public void Distinct_values_stay_distinct_and_plain_values_stay_readable()
    {
        Assert.Equal("alice@example.com", KeyEncoding.Encode("alice@example.com"));
        Assert.NotEqual(KeyEncoding.Encode("a~41"), KeyEncoding.Encode("aA"));
        Assert.NotEqual(KeyEncoding.Encode("a b"), KeyEncoding.Encode("a~20b"));
    }

    [Fact]
    public void Long_values_are_hashed_to_a_bounded_key_that_cannot_collide_with_an_escaped_value()
    {
        var longValue = new string('x', 5000);

        var encoded = KeyEncoding.Encode(longValue);

        Assert.StartsWith("~~", encoded, StringComparison.Ordinal);
        Assert.True(encoded.Length <= 66);
        Assert.NotEqual(encoded, KeyEncoding.Encode(longValue + "y"));
        Assert.DoesNotContain("~~", KeyEncoding.Encode("~~abc"), StringComparison.Ordinal);
    }
}
