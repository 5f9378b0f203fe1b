using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Patch;

namespace ScimFunctions.Core.Tests.Filters;

public class PatchPathParsingTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public void An_attribute_path_has_no_value_filter()
    {
        var path = PatchPath.Parse("active");

        Assert.Equal(new PatchPath(new AttributePath(null, "active"), null, null), path);
    }

    [Fact]
    public void A_sub_attribute_path_keeps_the_sub_attribute_on_the_attribute()
    {
        var path = PatchPath.Parse("name.givenName");

        Assert.Equal(new AttributePath(null, "name", "givenName"), path.Attribute);
        Assert.Null(path.ValueFilter);
        Assert.Null(path.SubAttribute);
    }

    [Fact]
    public void A_value_path_carries_the_parsed_filter()
    {
        var path = PatchPath.Parse("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]");

        Assert.Equal(new AttributePath(null, "members"), path.Attribute);
        Assert.Equal(new ComparisonNode(new AttributePath(null, "value"), ComparisonOperator.Eq, FilterLiteral.FromString("2819c223-7f76-453a-919d-413861904646")), path.ValueFilter);
        Assert.Null(path.SubAttribute);
    }

    [Fact]
    public void A_value_path_may_be_followed_by_a_sub_attribute()
    {
        var path = PatchPath.Parse("emails[type eq \"work\"].value");

        Assert.Equal(new AttributePath(null, "emails"), path.Attribute);
        Assert.Equal("type eq \"work\"", path.ValueFilter!.ToString());
        Assert.Equal("value", path.SubAttribute);
        Assert.Equal("emails[type eq \"work\"].value", path.ToString());
    }

    [Theory]
    [InlineData(Enterprise + ":manager", Enterprise, "manager", null)]
    [InlineData(Enterprise + ":manager.value", Enterprise, "manager", "value")]
    [InlineData(Enterprise + ":employeeNumber", Enterprise, "employeeNumber", null)]
    public void A_urn_qualified_path_names_the_extension_attribute(string text, string urn, string name, string? sub)
    {
        Assert.Equal(new AttributePath(urn, name, sub), PatchPath.Parse(text).Attribute);
    }

    [Theory]
    [InlineData("", "Path is empty.")]
    [InlineData("name.", "Invalid attribute path 'name.' at position 0 in path 'name.'.")]
    [InlineData("name givenName", "Unexpected text after the path at position 5 in path 'name givenName'.")]
    [InlineData("emails[type eq \"work\"]value", "Unexpected text after the path at position 22 in path 'emails[type eq \"work\"]value'.")]
    [InlineData("emails[type eq \"work\"].", "Expected a sub-attribute name after '.' at position 23 in path 'emails[type eq \"work\"].'.")]
    [InlineData("name.givenName[value eq \"x\"]", "A value filter applies to an attribute, not to the sub-attribute 'name.givenName' at position 14 in path 'name.givenName[value eq \"x\"]'.")]
    [InlineData("members eq \"x\"", "Unexpected operator 'eq' at position 8 in path 'members eq \"x\"'.")]
    [InlineData("\"members\"", "Expected an attribute path at position 0 in path '\"members\"'.")]
    public void A_malformed_path_is_invalidPath(string text, string detail)
    {
        var error = Assert.Throws<ScimException>(() => PatchPath.Parse(text));

        Assert.Equal(ScimType.InvalidPath, error.ScimType);
        Assert.Equal(detail, error.Detail);
    }

    [Theory]
    [InlineData("members[value eq]", 16)]
    [InlineData("members[value eq \"x\"", 20)]
    [InlineData("members[value eq x]", 17)]
    [InlineData("members[]", 8)]
    public void A_malformed_filter_inside_the_brackets_is_invalidFilter(string text, int position)
    {
        var error = Assert.Throws<ScimException>(() => PatchPath.Parse(text));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.Contains($"at position {position} in path '{text}'", error.Detail, StringComparison.Ordinal);
    }
}
