using ScimFunctions.Core.Errors;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class UnknownAttributeTests
{
    [Theory]
    [InlineData(""" "favouriteColour": "blue" """)]
    [InlineData(""" "name": { "givenName": "B", "nickname2": "x" } """)]
    [InlineData(""" "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "shoeSize": 42 } """)]
    [InlineData(""" "urn:example:unknown:2.0:User:badge": "7" """)]
    [InlineData(""" "emails.value": "a@x" """)]
    public void Unknown_attributes_are_dropped_by_default(string attributes)
    {
        var user = NormalizeUser(attributes);

        Assert.DoesNotContain("favouriteColour", user.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("nickname2", user.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("shoeSize", user.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("badge", user.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("emails", user.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""" "favouriteColour": "blue" """, "favouriteColour")]
    [InlineData(""" "name": { "givenName": "B", "nickname2": "x" } """, "name.nickname2")]
    [InlineData(""" "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "shoeSize": 42 } """, "shoeSize")]
    [InlineData(""" "emails": [{ "value": "a@x", "label": "x" }] """, "emails.label")]
    public void Unknown_attributes_are_invalid_syntax_naming_the_attribute_when_the_tenant_rejects_them(string attributes, string named)
    {
        var error = AssertScimError(ScimType.InvalidSyntax, () => NormalizeUser(attributes, RejectUnknown));

        Assert.Contains(named, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_attributes_pass_when_the_tenant_rejects_unknown_ones()
    {
        var user = NormalizeUser(""" "displayName": "B", "id": "ignored", "meta": {} """, RejectUnknown);

        Assert.Equal("B", (string?)user["displayName"]);
    }
}
