using ScimFunctions.Core.Resources;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

public class CanonicalValueTests
{
    [Theory]
    [InlineData("Work", "work")]
    [InlineData("HOME", "home")]
    [InlineData("work", "work")]
    public void A_canonical_value_in_another_case_is_written_in_the_canonical_spelling(string sent, string stored)
    {
        var user = NormalizeUser($$""" "emails": [{ "value": "a@x", "type": "{{sent}}" }] """);

        Assert.Equal(stored, (string?)user["emails"]![0]!["type"]);
    }

    [Fact]
    public void A_value_outside_the_suggested_canonical_values_is_accepted_as_written()
    {
        var user = NormalizeUser(""" "emails": [{ "value": "a@x", "type": "Alumni" }] """);

        Assert.Equal("Alumni", (string?)user["emails"]![0]!["type"]);
    }

    [Fact]
    public void A_member_type_is_written_as_User_or_Group()
    {
        var group = ResourceValidator.Normalize(Json($$"""{ "schemas": ["{{GroupUrn}}"], "displayName": "G", "members": [{ "value": "u1", "type": "user" }, { "value": "g2", "type": "GROUP" }] }"""), GroupType);

        Assert.Equal("User", (string?)group["members"]![0]!["type"]);
        Assert.Equal("Group", (string?)group["members"]![1]!["type"]);
    }
}
