using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Filters;

public class FilterValuePathParsingTests
{
    [Fact]
    public void A_value_path_holds_a_filter_relative_to_each_value()
    {
        var node = Assert.IsType<ValuePathNode>(ScimFilter.Parse("emails[type eq \"work\" and value co \"@example.com\"]"));

        Assert.Equal(new AttributePath(null, "emails"), node.Path);
        Assert.Equal("(type eq \"work\" and value co \"@example.com\")", node.Filter.ToString());
    }

    [Fact]
    public void A_value_path_combines_with_other_expressions()
    {
        var node = ScimFilter.Parse("userType eq \"Employee\" and (emails[type eq \"work\"] or emails.value co \"@example.org\")");

        Assert.Equal("(userType eq \"Employee\" and (emails[type eq \"work\"] or emails.value co \"@example.org\"))", node.ToString());
    }

    [Fact]
    public void A_value_path_may_use_not_and_grouping_inside_the_brackets()
    {
        var node = Assert.IsType<ValuePathNode>(ScimFilter.Parse("emails[not (type eq \"home\") and (primary eq true or value pr)]"));

        Assert.Equal("(not (type eq \"home\") and (primary eq true or value pr))", node.Filter.ToString());
    }

    [Fact]
    public void A_urn_qualified_attribute_may_carry_a_value_filter()
    {
        var node = Assert.IsType<ValuePathNode>(ScimFilter.Parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"m\"]"));

        Assert.Equal(new AttributePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager"), node.Path);
    }

    [Fact]
    public void Entra_style_value_path_with_sub_attribute_comparison_becomes_one_value_filter()
    {
        var node = Assert.IsType<ValuePathNode>(ScimFilter.Parse("emails[type eq \"work\"].value eq \"a@example.com\""));

        Assert.Equal(new AttributePath(null, "emails"), node.Path);
        Assert.Equal("(type eq \"work\" and value eq \"a@example.com\")", node.Filter.ToString());
    }

    [Fact]
    public void Entra_style_value_path_may_test_presence_of_the_sub_attribute()
    {
        var node = Assert.IsType<ValuePathNode>(ScimFilter.Parse("emails[type eq \"work\"].value pr"));

        Assert.Equal("(type eq \"work\" and value pr)", node.Filter.ToString());
    }
}
