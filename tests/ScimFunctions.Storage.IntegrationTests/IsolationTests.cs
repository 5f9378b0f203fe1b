using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

public sealed class IsolationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_tenants_hold_the_same_userNames_externalIds_and_group_names_independently()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var a = await harness.NewTenantAsync();
        var b = await harness.NewTenantAsync();

        var userA = await a.CreateAsync(UserType, User("same", externalId: "x"), WriteContext.None);
        var userB = await b.CreateAsync(UserType, User("same", externalId: "x"), WriteContext.None);
        await a.CreateAsync(GroupType, Group("Admins", userA.Id), WriteContext.None);
        await b.CreateAsync(GroupType, Group("Admins", userB.Id), WriteContext.None);

        Assert.Equal(userA.Id, Assert.Single((await a.QueryAsync(UserType, ListQuery(UserType, "userName eq \"same\""))).Resources).Id);
        Assert.Equal(userB.Id, Assert.Single((await b.QueryAsync(UserType, ListQuery(UserType, "userName eq \"same\""))).Resources).Id);
        Assert.Equal(1, await a.CountAsync(UserType));
        Assert.Equal(1, await b.CountAsync(GroupType));
    }

    [Fact]
    public async Task Every_operation_of_tenant_A_on_tenant_B_ids_is_not_found()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var a = await harness.NewTenantAsync();
        var b = await harness.NewTenantAsync();
        var userB = await b.CreateAsync(UserType, User("bob"), WriteContext.None);
        var groupB = await b.CreateAsync(GroupType, Group("B", userB.Id), WriteContext.None);
        var userA = await a.CreateAsync(UserType, User("alice"), WriteContext.None);
        var groupA = await a.CreateAsync(GroupType, Group("A"), WriteContext.None);

        Assert.Null(await a.GetAsync(UserType, userB.Id, AttributeSelection.Default));
        Assert.Null(await a.GetAsync(GroupType, groupB.Id, AttributeSelection.Default));
        Assert.Equal(404, (await Assert.ThrowsAsync<ScimException>(() => a.ReplaceAsync(UserType, userB.Id, User("x"), null, WriteContext.None))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ScimException>(() => a.PatchAsync(GroupType, groupB.Id, AddMembers(userA.Id), CompatibilityOptions.Default, null, WriteContext.None))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ScimException>(() => a.DeleteAsync(UserType, userB.Id, null, WriteContext.None))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ScimException>(() => a.PatchAsync(GroupType, groupA.Id, AddMembers(userB.Id), CompatibilityOptions.Default, null, WriteContext.None))).Status);
        Assert.Empty((await a.QueryAsync(UserType, ListQuery(UserType, $"id eq \"{userB.Id}\""))).Resources);
        Assert.Empty((await a.QueryAsync(GroupType, ListQuery(GroupType, $"members eq \"{userB.Id}\""))).Resources);
        Assert.NotNull(await b.GetAsync(UserType, userB.Id, AttributeSelection.Default));
        Assert.True((await harness.CheckAsync(b)).IsConsistent);
    }

    public static TheoryData<string> HostileValues => new()
    {
        "x' or PartitionKey ne '",
        "x' or RowKey ne '",
        "' or '1' eq '1",
        "x\" or userName pr or userName eq \"",
        "') or (PartitionKey ge '",
        "%27 or true",
        "x|ix|user|userName|VICTIM",
        "../victim",
        "victim#?\\/",
        "\u0000\u0001control",
        "VICTIM",
        "victim",
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Filter_values_with_quotes_or_OData_syntax_never_return_another_tenants_rows(string value)
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var a = await harness.NewTenantAsync();
        var b = await harness.NewTenantAsync();
        await b.CreateAsync(UserType, User("victim", externalId: "victim"), WriteContext.None);
        await b.CreateAsync(GroupType, Group("victim"), WriteContext.None);
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

        foreach (var (type, filter) in new[]
        {
            (UserType, $"userName eq \"{escaped}\""),
            (UserType, $"externalId eq \"{escaped}\""),
            (UserType, $"id eq \"{escaped}\""),
            (UserType, $"userName co \"{escaped}\""),
            (GroupType, $"displayName eq \"{escaped}\""),
            (GroupType, $"members eq \"{escaped}\""),
        })
        {
            var result = await a.QueryAsync(type, ListQuery(type, filter));
            Assert.Empty(result.Resources);
            Assert.Equal(0, result.TotalResults);
        }

        Assert.Null(await a.GetAsync(UserType, value, AttributeSelection.Default));
    }
}
