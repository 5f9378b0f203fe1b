using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;

namespace ScimFunctions.Core.Tests.Filters;

public class TypedComparisonTests
{
    private const string Acme = TestSchemas.AcmeUrn + ":";

    [Theory]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:33Z\"", true)]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\"", false)]
    [InlineData("meta.lastModified ge \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("meta.lastModified eq \"2011-05-13T06:42:34+02:00\"", true)]
    [InlineData("meta.lastModified eq \"2011-05-13T04:42:34.000Z\"", true)]
    [InlineData("meta.created lt \"2010-02-01T00:00:00Z\"", true)]
    [InlineData("meta.created lt \"2009-12-31T23:59:59Z\"", false)]
    [InlineData("meta.lastModified gt \"2011-05-13T05:00:00+01:00\"", true)]
    public void DateTimes_compare_as_instants(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Fact]
    public void A_dateTime_with_an_offset_in_the_document_compares_as_its_instant()
    {
        Assert.True(FilterMatch.User(Acme + "hired eq \"2015-03-01T08:00:00Z\""));
        Assert.False(FilterMatch.User(Acme + "hired eq \"2015-03-01T09:00:00Z\""));
    }

    [Theory]
    [InlineData("level eq 7", true)]
    [InlineData("level eq 7.0", true)]
    [InlineData("level gt 6", true)]
    [InlineData("level gt 10", false)]
    [InlineData("level le 7", true)]
    [InlineData("level lt 7", false)]
    [InlineData("level eq \"7\"", true)]
    [InlineData("level ne 8", true)]
    public void Integers_compare_numerically(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(Acme + filter));
    }

    [Theory]
    [InlineData("score eq 12.5", true)]
    [InlineData("score eq 12.500", true)]
    [InlineData("score eq 1.25e1", true)]
    [InlineData("score gt 12.49999999999999999999", true)]
    [InlineData("score lt 12.50000000000000000001", true)]
    [InlineData("score gt 100", false)]
    [InlineData("score gt 9", true)]
    public void Decimals_compare_numerically_not_as_text(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(Acme + filter));
    }

    [Theory]
    [InlineData("active eq true", true)]
    [InlineData("active eq false", false)]
    [InlineData("active eq \"True\"", true)]
    [InlineData("active eq \"true\"", true)]
    [InlineData("active eq \"False\"", false)]
    [InlineData("active ne false", true)]
    public void Booleans_compare_by_truth_also_when_written_as_strings(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Fact]
    public void A_boolean_stored_as_a_string_matches_a_boolean_filter()
    {
        var user = TestSchemas.Babs();
        user["active"] = "False";

        Assert.True(FilterMatch.User("active eq false", user));
        Assert.False(FilterMatch.User("active eq true", user));
    }

    [Theory]
    [InlineData("roles[primary eq \"True\"]", true)]
    [InlineData("roles[primary eq true]", true)]
    [InlineData("roles[primary eq \"False\"]", false)]
    [InlineData("emails[primary eq \"True\"].value eq \"bjensen@example.com\"", true)]
    public void Entra_boolean_strings_in_value_filters_match(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData("badge eq \"QUJD\"", true)]
    [InlineData("badge eq \"qujd\"", false)]
    [InlineData("badge ne \"QUJD\"", false)]
    public void Binary_values_compare_exactly(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(Acme + filter));
    }

    [Fact]
    public void Values_built_in_code_compare_like_their_json_text()
    {
        var user = TestSchemas.Babs();
        user["meta"]!["created"] = JsonValue.Create(new DateTimeOffset(2010, 1, 23, 4, 56, 22, TimeSpan.Zero));
        user["externalId"] = JsonValue.Create(Guid.Parse("6e0e3f2c-93a4-4b0e-a6b5-0d7a6f1f6a11"));

        Assert.True(FilterMatch.User("meta.created eq \"2010-01-23T04:56:22Z\"", user));
        Assert.True(FilterMatch.User("externalId eq \"6e0e3f2c-93a4-4b0e-a6b5-0d7a6f1f6a11\" and externalId pr", user));
    }

    [Theory]
    [InlineData("active gt true", "Operator 'gt' is not supported for the boolean attribute 'active'")]
    [InlineData("active le false", "Operator 'le' is not supported for the boolean attribute 'active'")]
    [InlineData("active co \"t\"", "Operator 'co' is not supported for the boolean attribute 'active'")]
    [InlineData("x509Certificates.value gt \"A\"", "Operator 'gt' is not supported for the binary attribute 'x509Certificates.value'")]
    [InlineData(Acme + "level sw \"1\"", "Operator 'sw' is not supported for the integer attribute '" + Acme + "level'")]
    [InlineData("meta.created co \"2010\"", "Operator 'co' is not supported for the dateTime attribute 'meta.created'")]
    [InlineData("meta.created gt \"yesterday\"", "The value \"yesterday\" is not a valid dateTime for attribute 'meta.created'")]
    [InlineData("meta.created gt 2010", "The value 2010 is not a valid dateTime for attribute 'meta.created'")]
    [InlineData("active eq \"yes\"", "The value \"yes\" is not a valid boolean for attribute 'active'")]
    [InlineData("active eq 1", "The value 1 is not a valid boolean for attribute 'active'")]
    [InlineData(Acme + "level eq \"seven\"", "The value \"seven\" is not a valid integer")]
    [InlineData(Acme + "level eq true", "The value true is not a valid integer")]
    [InlineData(Acme + "score gt 1e400", "The value 1e400 is not a valid decimal")]
    [InlineData("userName eq 42", "The value 42 is not a valid string for attribute 'userName'")]
    [InlineData("userName gt null", "Operator 'gt' cannot compare with null")]
    [InlineData("name eq \"Babs\"", "Attribute 'name' is complex")]
    public void Operators_and_values_that_do_not_fit_the_type_are_invalidFilter(string filter, string detail)
    {
        var error = Assert.Throws<ScimException>(() => FilterMatch.User(filter));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.StartsWith(detail, error.Detail, StringComparison.Ordinal);
    }
}
