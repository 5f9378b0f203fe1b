using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>The scimType of every kind of bad PATCH (RFC 7644 §3.5.2, §3.12), in one table.</summary>
public class PatchErrorTests
{
    [Theory]
    [InlineData("""{ "op": "replace", "path": "favouriteColour", "value": "x" }""", "invalidPath")]
    [InlineData("""{ "op": "replace", "path": "name.middle", "value": "x" }""", "invalidPath")]
    [InlineData("""{ "op": "replace", "path": "emails[type eq \"work\"].colour", "value": "x" }""", "invalidPath")]
    [InlineData("""{ "op": "replace", "path": "emails[type eq ]", "value": "x" }""", "invalidFilter")]
    [InlineData("""{ "op": "replace", "path": "emails[type gt true]", "value": { "value": "x" } }""", "invalidFilter")]
    [InlineData("""{ "op": "replace", "path": "emails[type eq \"pager\"].value", "value": "x" }""", "noTarget")]
    [InlineData("""{ "op": "remove" }""", "noTarget")]
    [InlineData("""{ "op": "replace", "path": "active", "value": "yes" }""", "invalidValue")]
    [InlineData("""{ "op": "replace", "path": "name", "value": "Barbara" }""", "invalidValue")]
    [InlineData("""{ "op": "add", "path": "emails", "value": [ "a@example.com" ] }""", "invalidValue")]
    [InlineData("""{ "op": "replace", "path": "meta.created", "value": "2020-01-01T00:00:00Z" }""", "mutability")]
    [InlineData("""{ "op": "replace", "path": "id", "value": "x" }""", "mutability")]
    [InlineData("""{ "op": "copy", "path": "title", "value": "x" }""", "invalidSyntax")]
    [InlineData("""{ "op": "add", "path": "title" }""", "invalidSyntax")]
    public void Each_kind_of_bad_operation_has_its_scimType(string operation, string scimType)
    {
        var error = RejectsUser("[" + operation + "]");

        Assert.Equal(scimType, error.ScimType?.Value);
        Assert.Equal("400", (string?)error.ToErrorDocument()["status"]);
    }

    [Fact]
    public void A_very_long_path_is_not_echoed_whole_in_the_detail()
    {
        var path = "x" + new string('y', 3000);

        var error = RejectsUser($$"""[ { "op": "replace", "path": "{{path}}", "value": "v" } ]""");

        Assert.True(error.Detail.Length < 400, error.Detail);
    }
}
