using ScimFunctions.Core.Errors;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>URN-qualified paths into extension schemas (the Enterprise User extension).</summary>
public class ExtensionAttributePathTests
{
    [Fact]
    public void Replace_of_a_urn_qualified_attribute_sets_it_under_the_extension()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "path": "{{Enterprise}}:department", "value": "Sales" } ]""");

        Assert.Equal("Sales", (string?)result.Resource.EnterpriseValue("department"));
        Assert.Equal([Enterprise + ":department"], result.ChangedAttributes);
    }

    [Fact]
    public void Replace_of_a_urn_qualified_sub_attribute_sets_only_it()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "path": "{{Enterprise}}:manager.value", "value": "m-2" } ]""");

        Assert.Equal("m-2", (string?)result.Resource.EnterpriseValue("manager")!["value"]);
        Assert.Equal([Enterprise + ":manager"], result.ChangedAttributes);
    }

    [Fact]
    public void The_urn_prefix_is_case_insensitive()
    {
        var result = ApplyToUser($$"""[ { "op": "replace", "path": "{{Enterprise.ToUpperInvariant()}}:costCenter", "value": "4130" } ]""");

        Assert.Equal("4130", (string?)result.Resource.EnterpriseValue("costCenter"));
    }

    [Fact]
    public void Adding_the_first_extension_attribute_creates_the_extension_and_lists_its_schema()
    {
        var result = Apply(MinimalUser(), $$"""[ { "op": "add", "path": "{{Enterprise}}:employeeNumber", "value": "7" } ]""");

        Assert.Equal("7", (string?)result.Resource.EnterpriseValue("employeeNumber"));
        Assert.Contains(Enterprise, result.Resource["schemas"]!.AsArray().Select(urn => (string?)urn));
    }

    [Fact]
    public void Removing_the_last_extension_attribute_removes_the_extension_and_its_schema()
    {
        var result = ApplyToUser($$"""
            [
              { "op": "remove", "path": "{{Enterprise}}:employeeNumber" },
              { "op": "remove", "path": "{{Enterprise}}:department" },
              { "op": "remove", "path": "{{Enterprise}}:manager" }
            ]
            """);

        Assert.False(result.Resource.ContainsKey(Enterprise));
        Assert.DoesNotContain(Enterprise, result.Resource["schemas"]!.AsArray().Select(urn => (string?)urn));
    }

    [Fact]
    public void A_path_that_is_the_extension_urn_adds_the_attributes_of_its_object_value()
    {
        var result = ApplyToUser($$"""[ { "op": "add", "path": "{{Enterprise}}", "value": { "division": "Theme Park", "costCenter": "4130" } } ]""");

        Assert.Equal("Theme Park", (string?)result.Resource.EnterpriseValue("division"));
        Assert.Equal("701984", (string?)result.Resource.EnterpriseValue("employeeNumber"));
    }

    [Fact]
    public void Remove_of_a_path_that_is_the_extension_urn_removes_the_whole_extension()
    {
        var result = ApplyToUser($$"""[ { "op": "remove", "path": "{{Enterprise}}" } ]""");

        Assert.False(result.Resource.ContainsKey(Enterprise));
    }

    [Fact]
    public void An_unqualified_name_of_an_extension_attribute_resolves_to_the_extension()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "employeeNumber", "value": "42" } ]""");

        Assert.Equal("42", (string?)result.Resource.EnterpriseValue("employeeNumber"));
        Assert.False(result.Resource.ContainsKey("employeeNumber"));
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize")]
    [InlineData("urn:example:unknown:1.0:User:department")]
    [InlineData("favouriteColour")]
    [InlineData("name.nickName")]
    public void An_unknown_attribute_in_a_path_is_invalidPath(string path)
    {
        var error = RejectsUser($$"""[ { "op": "replace", "path": "{{path}}", "value": "x" } ]""");

        Assert.Equal(ScimType.InvalidPath, error.ScimType);
    }

    [Theory]
    [InlineData("name..givenName")]
    [InlineData("emails[type eq \\\"work\\\"")]
    [InlineData("1abc")]
    public void A_malformed_path_is_a_400_with_a_scimType(string path)
    {
        var error = RejectsUser($$"""[ { "op": "replace", "path": "{{path}}", "value": "x" } ]""");

        Assert.True(error.ScimType == ScimType.InvalidPath || error.ScimType == ScimType.InvalidFilter, error.ScimType?.Value);
    }
}
