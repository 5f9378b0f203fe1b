using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Patch;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>Group members kept in the document (no externalized attribute): the same semantics as in the store.</summary>
public class InDocumentMembersTests
{
    [Fact]
    public void Add_appends_new_members()
    {
        var result = ApplyToGroup("""[ { "op": "add", "path": "members", "value": [ { "value": "u4" } ] } ]""");

        Assert.Equal(["u1", "u2", "u3", "u4"], result.Resource.Values("members"));
        Assert.Null(result.Members);
    }

    [Fact]
    public void Adding_an_existing_member_is_a_no_op()
    {
        var result = ApplyToGroup("""[ { "op": "Add", "path": "members", "value": [ { "value": "u1" } ] } ]""");

        Assert.Equal(["u1", "u2", "u3"], result.Resource.Values("members"));
        Assert.False(result.HasChanges);
    }

    [Fact]
    public void Remove_with_a_value_array_removes_only_the_listed_members()
    {
        var result = ApplyToGroup("""[ { "op": "Remove", "path": "members", "value": [ { "value": "u2" } ] } ]""");

        Assert.Equal(["u1", "u3"], result.Resource.Values("members"));
    }

    [Fact]
    public void Remove_with_a_value_array_for_a_strict_tenant_is_invalidSyntax_not_a_wipe()
    {
        var strict = new PatchOptions { Compatibility = CompatibilityOptions.Default with { RemoveMembersByValueArray = false } };

        var error = Rejects(Group(), """[ { "op": "remove", "path": "members", "value": [ { "value": "u2" } ] } ]""", strict);

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
    }

    [Fact]
    public void Remove_with_a_filter_removes_the_matching_member()
    {
        var result = ApplyToGroup("""[ { "op": "remove", "path": "members[value eq \"u3\"]" } ]""");

        Assert.Equal(["u1", "u2"], result.Resource.Values("members"));
    }

    [Fact]
    public void Remove_without_value_or_filter_removes_every_member()
    {
        var result = ApplyToGroup("""[ { "op": "remove", "path": "members" } ]""");

        Assert.False(result.Resource.ContainsKey("members"));
    }

    [Fact]
    public void Replace_sets_exactly_the_given_members()
    {
        var result = ApplyToGroup("""[ { "op": "replace", "path": "members", "value": [ { "value": "u7" }, { "value": "u8" } ] } ]""");

        Assert.Equal(["u7", "u8"], result.Resource.Values("members"));
        Assert.Equal(["members"], result.ChangedAttributes);
    }
}
