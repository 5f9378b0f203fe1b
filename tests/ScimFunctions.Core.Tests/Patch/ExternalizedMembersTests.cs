using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Patch;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>
/// Members kept outside the document (rows in the store): operations fold into a <see cref="MembershipDelta"/> and the
/// document's members are never touched.
/// </summary>
public class ExternalizedMembersTests
{
    private static MembershipDelta Delta(string operations, PatchOptions? options = null)
    {
        var group = Group();
        var result = Apply(group, operations, options ?? ExternalizedMembers());
        Assert.True(JsonNode.DeepEquals(Group()["members"], result.Resource["members"]), "The document's members were changed.");
        Assert.DoesNotContain("members", result.ChangedAttributes);
        return result.Members!;
    }

    [Fact]
    public void Without_member_operations_the_delta_is_empty()
    {
        var result = Apply(Group(), """[ { "op": "replace", "path": "displayName", "value": "Renamed" } ]""", ExternalizedMembers());

        Assert.NotNull(result.Members);
        Assert.True(result.Members.IsEmpty);
    }

    [Fact]
    public void Add_lists_the_added_members_with_type_and_display()
    {
        var delta = Delta("""[ { "op": "add", "path": "members", "value": [ { "value": "u4", "display": "Dee", "type": "User" }, { "value": "u5" } ] } ]""");

        Assert.Equal([new MemberReference("u4", "User", "Dee"), new MemberReference("u5")], delta.Added);
        Assert.False(delta.Clear);
        Assert.Empty(delta.Removed);
    }

    [Fact]
    public void Adding_an_existing_member_is_passed_on_for_the_store_to_ignore()
    {
        var delta = Delta("""[ { "op": "Add", "path": "members", "value": [ { "value": "u1" } ] } ]""");

        Assert.Equal([new MemberReference("u1")], delta.Added);
    }

    [Fact]
    public void Remove_without_value_clears_all_members()
    {
        var delta = Delta("""[ { "op": "remove", "path": "members" } ]""");

        Assert.True(delta.Clear);
        Assert.Empty(delta.Added);
    }

    [Fact]
    public void Remove_with_a_value_array_removes_only_the_listed_members()
    {
        var delta = Delta("""[ { "op": "Remove", "path": "members", "value": [ { "value": "u2" }, { "value": "u3" } ] } ]""");

        Assert.False(delta.Clear);
        Assert.Equal(["u2", "u3"], delta.Removed);
    }

    [Fact]
    public void Remove_with_a_value_array_for_a_strict_tenant_is_invalidSyntax()
    {
        var options = ExternalizedMembers(CompatibilityOptions.Default with { RemoveMembersByValueArray = false });

        var error = Rejects(Group(), """[ { "op": "remove", "path": "members", "value": [ { "value": "u2" } ] } ]""", options);

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
    }

    [Fact]
    public void Remove_with_a_value_eq_filter_removes_that_member()
    {
        var delta = Delta("""[ { "op": "remove", "path": "members[value eq \"u2\"]" } ]""");

        Assert.Equal(["u2"], delta.Removed);
    }

    [Fact]
    public void Remove_with_value_eq_terms_joined_by_or_removes_each_member()
    {
        var delta = Delta("""[ { "op": "remove", "path": "members[value eq \"u1\" or value eq \"u2\" or Value eq \"u3\"]" } ]""");

        Assert.Equal(["u1", "u2", "u3"], delta.Removed);
    }

    [Fact]
    public void Other_filters_without_a_resolver_are_invalidFilter()
    {
        var error = Rejects(Group(), """[ { "op": "remove", "path": "members[display sw \"A\"]" } ]""", ExternalizedMembers());

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
    }

    [Fact]
    public void Other_filters_go_to_the_resolver()
    {
        FilterNode? asked = null;
        var options = ExternalizedMembers() with
        {
            ResolveExternalizedValues = filter =>
            {
                asked = filter;
                return [new MemberReference("u1"), new MemberReference("u2")];
            },
        };

        var delta = Delta("""[ { "op": "remove", "path": "members[display sw \"A\"]" } ]""", options);

        Assert.Equal(["u1", "u2"], delta.Removed);
        Assert.Equal("display sw \"A\"", asked?.ToString());
    }

    [Fact]
    public void Replace_clears_then_adds()
    {
        var delta = Delta("""[ { "op": "replace", "path": "members", "value": [ { "value": "u8" } ] } ]""");

        Assert.True(delta.Clear);
        Assert.Equal([new MemberReference("u8")], delta.Added);
    }

    [Fact]
    public void Replace_with_an_empty_array_clears()
    {
        var delta = Delta("""[ { "op": "replace", "path": "members", "value": [] } ]""");

        Assert.True(delta.Clear);
        Assert.Empty(delta.Added);
    }

    [Fact]
    public void A_path_less_replace_with_a_members_key_replaces_members()
    {
        var delta = Delta("""[ { "op": "replace", "value": { "displayName": "G", "members": [ { "value": "u9" } ] } } ]""");

        Assert.True(delta.Clear);
        Assert.Equal([new MemberReference("u9")], delta.Added);
    }

    [Fact]
    public void A_path_less_add_with_a_members_key_adds_members()
    {
        var delta = Delta("""[ { "op": "add", "value": { "members": [ { "value": "u9" } ] } } ]""");

        Assert.False(delta.Clear);
        Assert.Equal([new MemberReference("u9")], delta.Added);
    }

    [Fact]
    public void A_later_remove_wins_over_an_earlier_add()
    {
        var delta = Delta("""
            [
              { "op": "add", "path": "members", "value": [ { "value": "x" }, { "value": "y" } ] },
              { "op": "remove", "path": "members[value eq \"x\"]" }
            ]
            """);

        Assert.Equal([new MemberReference("y")], delta.Added);
        Assert.Equal(["x"], delta.Removed);
    }

    [Fact]
    public void A_later_add_wins_over_an_earlier_remove()
    {
        var delta = Delta("""
            [
              { "op": "remove", "path": "members", "value": [ { "value": "x" } ] },
              { "op": "add", "path": "members", "value": [ { "value": "x" } ] }
            ]
            """);

        Assert.Equal([new MemberReference("x")], delta.Added);
        Assert.Empty(delta.Removed);
    }

    [Fact]
    public void A_clear_drops_earlier_adds_and_removes()
    {
        var delta = Delta("""
            [
              { "op": "add", "path": "members", "value": [ { "value": "x" } ] },
              { "op": "remove", "path": "members[value eq \"u1\"]" },
              { "op": "remove", "path": "members" },
              { "op": "add", "path": "members", "value": [ { "value": "z" } ] }
            ]
            """);

        Assert.True(delta.Clear);
        Assert.Equal([new MemberReference("z")], delta.Added);
        Assert.Empty(delta.Removed);
    }

    [Theory]
    [InlineData("""{ "op": "add", "path": "members", "value": [ { "display": "no value" } ] }""")]
    [InlineData("""{ "op": "add", "path": "members", "value": [ { "value": "" } ] }""")]
    public void A_member_without_a_value_is_invalidValue(string operation)
    {
        var error = Rejects(Group(), "[" + operation + "]", ExternalizedMembers());

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }

    [Theory]
    [InlineData("""{ "op": "replace", "path": "members[value eq \"u1\"].display", "value": "X" }""")]
    [InlineData("""{ "op": "add", "path": "members[value eq \"u1\"]", "value": { "value": "u1" } }""")]
    [InlineData("""{ "op": "replace", "path": "members.display", "value": "X" }""")]
    public void Sub_attribute_and_filtered_writes_of_members_are_invalidPath(string operation)
    {
        var error = Rejects(Group(), "[" + operation + "]", ExternalizedMembers());

        Assert.Equal(ScimType.InvalidPath, error.ScimType);
    }
}
