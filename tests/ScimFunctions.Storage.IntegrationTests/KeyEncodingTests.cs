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

    // Stored row keys depend on these exact forms: an encoding that changed would orphan existing index rows.
    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("A-Z_a.z@0-9", "A-Z_a.z@0-9")]
    [InlineData("a b", "a~20b")]
    [InlineData("~", "~7E")]
    [InlineData("Zoë", "Zo~C3~AB")]
    [InlineData("😀|", "~F0~9F~98~80~7C")]
    [InlineData("", "")]
    public void Values_encode_to_their_pinned_form(string value, string encoded) => Assert.Equal(encoded, KeyEncoding.Encode(value));

    [Fact]
    public void A_plain_value_of_the_longest_length_stays_as_it_is_and_one_longer_is_hashed()
    {
        var longest = new string('a', KeyEncoding.MaxEncodedLength);

        Assert.Equal(longest, KeyEncoding.Encode(longest));
        Assert.StartsWith("~~", KeyEncoding.Encode(longest + "a"), StringComparison.Ordinal);
        Assert.StartsWith("~~", KeyEncoding.Encode(new string('a', KeyEncoding.MaxEncodedLength - 2) + " "), StringComparison.Ordinal);
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
