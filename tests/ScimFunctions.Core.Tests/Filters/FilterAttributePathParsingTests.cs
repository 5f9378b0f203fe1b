using ScimFunctions.Core.Filters;

namespace ScimFunctions.Core.Tests.Filters;

public class FilterAttributePathParsingTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public void A_dotted_path_names_a_sub_attribute()
    {
        var node = Assert.IsType<ComparisonNode>(ScimFilter.Parse("name.familyName co \"O'Malley\""));

        Assert.Equal(new AttributePath(null, "name", "familyName"), node.Path);
    }

    [Fact]
    public void A_urn_qualified_path_splits_at_the_last_colon()
    {
        var node = Assert.IsType<ComparisonNode>(ScimFilter.Parse(Enterprise + ":employeeNumber eq \"701984\""));

        Assert.Equal(new AttributePath(Enterprise, "employeeNumber"), node.Path);
    }

    [Fact]
    public void A_urn_qualified_path_may_name_a_sub_attribute()
    {
        var node = Assert.IsType<ComparisonNode>(ScimFilter.Parse(Enterprise + ":manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\""));

        Assert.Equal(new AttributePath(Enterprise, "manager", "value"), node.Path);
    }

    [Fact]
    public void A_core_schema_urn_may_qualify_a_core_attribute()
    {
        var node = Assert.IsType<PresentNode>(ScimFilter.Parse("urn:ietf:params:scim:schemas:core:2.0:User:userName pr"));

        Assert.Equal(new AttributePath("urn:ietf:params:scim:schemas:core:2.0:User", "userName"), node.Path);
    }

    [Fact]
    public void Ref_is_an_attribute_name()
    {
        var node = Assert.IsType<ValuePathNode>(ScimFilter.Parse("members[$ref eq \"https://x/Users/1\"]"));

        Assert.Equal("$ref eq \"https://x/Users/1\"", node.Filter.ToString());
    }

    [Fact]
    public void Names_may_contain_digits_hyphens_and_underscores()
    {
        var node = Assert.IsType<AndNode>(ScimFilter.Parse("x509Certificates.value pr and my-attr_2 pr"));

        Assert.Equal(new AttributePath(null, "x509Certificates", "value"), Assert.IsType<PresentNode>(node.Left).Path);
        Assert.Equal(new AttributePath(null, "my-attr_2"), Assert.IsType<PresentNode>(node.Right).Path);
    }
}
