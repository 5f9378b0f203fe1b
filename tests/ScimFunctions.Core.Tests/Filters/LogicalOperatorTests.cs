namespace ScimFunctions.Core.Tests.Filters;

public class LogicalOperatorTests
{
    private const string True = "userType eq \"Employee\"";
    private const string False = "userType eq \"Contractor\"";

    [Theory]
    [InlineData(True + " and " + True, true)]
    [InlineData(True + " and " + False, false)]
    [InlineData(False + " and " + True, false)]
    [InlineData(True + " or " + False, true)]
    [InlineData(False + " or " + True, true)]
    [InlineData(False + " or " + False, false)]
    [InlineData("not (" + True + ")", false)]
    [InlineData("not (" + False + ")", true)]
    public void And_or_and_not_combine_as_boolean_logic(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Theory]
    [InlineData(True + " or " + True + " and " + False, true)]
    [InlineData("(" + True + " or " + True + ") and " + False, false)]
    [InlineData(False + " and " + False + " or " + True, true)]
    [InlineData(False + " and (" + False + " or " + True + ")", false)]
    public void And_binds_tighter_than_or_when_evaluated(string filter, bool expected)
    {
        Assert.Equal(expected, FilterMatch.User(filter));
    }

    [Fact]
    public void The_okta_and_entra_matching_filters_find_the_user()
    {
        Assert.True(FilterMatch.User("userName eq \"BJENSEN@example.com\""));
        Assert.True(FilterMatch.User("externalId eq \"Ext-701984\""));
        Assert.True(FilterMatch.User("externalId eq \"Ext-701984\" and userName eq \"bjensen@example.com\""));
        Assert.False(FilterMatch.User("userName eq \"0b3d6c6a-8f8e-4a53-9a14-1b0b5c6f0d51\""));
    }
}
