using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Testing;
using ScimFunctions.Testing.InMemoryTables;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>
/// The in-memory Table Storage transport the benchmarks run on answers the store as Azurite does: one scenario of the
/// store (creates, uniqueness conflict, reads, filters, paging with cursors, replace with a stale and a current
/// version, member add/remove, deletes with and without groups, the change feed, the consistency check) runs over
/// both, and the transcripts (results with ids and times normalised, errors, storage requests per step) are equal.
/// </summary>
public sealed partial class InMemoryTransportFidelityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_store_scenario_gives_the_same_transcript_over_memory_and_over_Azurite()
    {
        var overAzurite = await RunAsync(await CreateAsync(azurite.ConnectionString));
        var overMemory = await RunAsync(await CreateAsync(InMemoryTableTransport.ConnectionString, options => options.Transport = new InMemoryTableTransport()));

        Assert.True(overAzurite.Count > 30, "The scenario ran.");
        if (Environment.GetEnvironmentVariable("SCIM_TEST_PRINT_TRANSCRIPT") is { Length: > 0 } path)
        {
            await File.WriteAllLinesAsync(path, overMemory);
        }

        for (var i = 0; i < Math.Min(overAzurite.Count, overMemory.Count); i++)
        {
            Assert.Equal(overAzurite[i], overMemory[i]);
        }

        Assert.Equal(overAzurite.Count, overMemory.Count);
    }

    [Fact]
    public async Task A_batch_that_fails_writes_nothing_and_names_the_failed_action()
    {
        var transport = new InMemoryTableTransport();
        var client = new Azure.Data.Tables.TableServiceClient(InMemoryTableTransport.ConnectionString, new Azure.Data.Tables.TableClientOptions { Transport = transport }).GetTableClient("fidelity");
        await client.CreateIfNotExistsAsync();
        await client.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "b"));

        var failure = await Assert.ThrowsAsync<Azure.Data.Tables.TableTransactionFailedException>(() => client.SubmitTransactionAsync(
        [
            new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity("p", "a")),
            new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity("p", "b")),
        ]));

        Assert.Equal(409, failure.Status);
        Assert.Equal(1, failure.FailedTransactionActionIndex);
        Assert.False((await client.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", "a")).HasValue);
        var stale = (await client.GetEntityAsync<Azure.Data.Tables.TableEntity>("p", "b")).Value.ETag;
        await client.UpdateEntityAsync(new Azure.Data.Tables.TableEntity("p", "b") { ["x"] = 1 }, stale);
        var conflict = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => client.UpdateEntityAsync(new Azure.Data.Tables.TableEntity("p", "b"), stale));
        Assert.Equal(412, conflict.Status);
    }

    private static async Task<List<string>> RunAsync(StorageHarness harness)
    {
        var transcript = new List<string>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var store = await harness.NewTenantAsync();
        var before = harness.Requests.Total;

        void Note(string step, object? result)
        {
            var text = result switch
            {
                StoredResource resource => Normalise(resource.Resource, ids),
                QueryResult page when step.StartsWith("unsorted", StringComparison.Ordinal) => $"total={page.TotalResults} start={page.StartIndex} next={page.NextCursor is not null} count={page.Resources.Count}",
                QueryResult page => $"total={page.TotalResults} start={page.StartIndex} next={page.NextCursor is not null} "
                    + string.Join(";", page.Resources.Select(r => Normalise(r.Resource, ids)).Order(StringComparer.Ordinal)),
                ChangePage changes => string.Join(";", changes.Changes.Select(c => $"{c.ResourceType}:{Label(c.ResourceId, ids)}:{c.Operation}:{string.Join(",", c.ChangedAttributes)}")),
                null => "null",
                _ => result.ToString()!,
            };
            transcript.Add($"{step}: {text} [requests {harness.Requests.Total - before}]");
            before = harness.Requests.Total;
        }

        async Task Try(string step, Func<Task<object?>> action)
        {
            try
            {
                Note(step, await action());
            }
            catch (ScimException ex)
            {
                Note(step, $"ScimException {ex.Status} {ex.ScimType}");
            }
        }

        var users = new List<StoredResource>();
        for (var i = 0; i < 12; i++)
        {
            var user = await store.CreateAsync(UserType, User("user" + i.ToString("D2", CultureInfo.InvariantCulture), "ext-" + i.ToString(CultureInfo.InvariantCulture), active: i % 3 != 0), WriteContext.None);
            users.Add(user);
            ids[user.Id] = "@" + (string)user.Resource["userName"]!;
            Note("create user " + i.ToString(CultureInfo.InvariantCulture), user);
        }

        await Try("duplicate userName", async () => await store.CreateAsync(UserType, User("USER03"), WriteContext.None));
        var group = await store.CreateAsync(GroupType, Group("Admins", users[0].Id, users[1].Id), WriteContext.None);
        ids[group.Id] = "@Admins";
        Note("create group", group);
        await Try("get user", async () => await store.GetAsync(UserType, users[0].Id, AttributeSelection.Default));
        await Try("get user without groups", async () => await store.GetAsync(UserType, users[0].Id, Exclude(UserType, "groups")));
        await Try("get missing", async () => await store.GetAsync(UserType, Guid.Empty.ToString(), AttributeSelection.Default));
        await Try("eq match", async () => await store.QueryAsync(UserType, ListQuery(UserType, "userName eq \"USER05\"")));
        await Try("eq miss", async () => await store.QueryAsync(UserType, ListQuery(UserType, "userName eq \"nobody\"")));
        await Try("externalId eq", async () => await store.QueryAsync(UserType, ListQuery(UserType, "externalId eq \"ext-7\"")));
        await Try("filter active", async () => await store.QueryAsync(UserType, ListQuery(UserType, "active eq false")));
        await Try("filter sw", async () => await store.QueryAsync(UserType, ListQuery(UserType, "userName sw \"user1\"")));
        await Try("unsorted page 1", async () => await store.QueryAsync(UserType, ListQuery(UserType, startIndex: 1, count: 5)));
        await Try("unsorted page 3", async () => await store.QueryAsync(UserType, ListQuery(UserType, startIndex: 11, count: 5)));
        await Try("sorted", async () => await store.QueryAsync(UserType, ListQuery(UserType, sortBy: "userName", count: 4)));
        var cursorPage = await store.QueryAsync(UserType, ListQuery(UserType, cursor: string.Empty, count: 5));
        Note("unsorted cursor page 1", cursorPage);
        await Try("unsorted cursor page 2", async () => await store.QueryAsync(UserType, ListQuery(UserType, cursor: cursorPage.NextCursor, count: 5)));
        await Try("count", async () => await store.CountAsync(UserType));

        await Try("patch user", async () => await store.PatchAsync(UserType, users[2].Id, Patch("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Two"}]}"""), CompatibilityOptions.Default, null, WriteContext.None));
        await Try("replace stale", async () => await store.ReplaceAsync(UserType, users[2].Id, User("user02"), users[2].Version, WriteContext.None));
        var current = await store.GetAsync(UserType, users[2].Id, AttributeSelection.Default);
        await Try("replace current", async () => await store.ReplaceAsync(UserType, users[2].Id, User("user02-renamed"), current!.Version, WriteContext.None));
        await Try("eq old name", async () => await store.QueryAsync(UserType, ListQuery(UserType, "userName eq \"user02\"")));
        await Try("add members", async () => await store.PatchAsync(GroupType, group.Id, AddMembers([.. users.Skip(2).Take(8).Select(u => u.Id)]), CompatibilityOptions.Default, null, WriteContext.None));
        await Try("remove member", async () => await store.PatchAsync(GroupType, group.Id, RemoveMembers(users[3].Id), CompatibilityOptions.Default, null, WriteContext.None));
        await Try("members page", async () => (await store.ReadMembersAsync(GroupType, group.Id, null, 4))?.Members.ToJsonString().Length);
        await Try("user in group", async () => await store.GetAsync(UserType, users[4].Id, AttributeSelection.Default));
        await Try("delete user without groups", async () => { await store.DeleteAsync(UserType, users[11].Id, null, WriteContext.None); return "deleted"; });
        await Try("delete user in group", async () => { await store.DeleteAsync(UserType, users[4].Id, null, WriteContext.None); return "deleted"; });
        await Try("delete again", async () => { await store.DeleteAsync(UserType, users[4].Id, null, WriteContext.None); return "deleted"; });
        await Try("group after delete", async () => await store.GetAsync(GroupType, group.Id, AttributeSelection.Default));
        await Try("changes", async () => await store.ReadChangesAsync(null, 100));
        await Try("delete group", async () => { await store.DeleteAsync(GroupType, group.Id, null, WriteContext.None); return "deleted"; });
        await Try("user after group delete", async () => await store.GetAsync(UserType, users[0].Id, AttributeSelection.Default));
        var report = await harness.CheckAsync(store);
        transcript.Add($"consistent={report.IsConsistent} users={report.ResourcesByType.GetValueOrDefault("user")} groups={report.ResourcesByType.GetValueOrDefault("group")}");
        return transcript;
    }

    /// <summary>The resource with ids replaced by labels in order of appearance and times and versions removed.</summary>
    private static string Normalise(JsonObject resource, Dictionary<string, string> ids)
    {
        var copy = (JsonObject)resource.DeepClone();
        foreach (var name in new[] { "members", "groups" })
        {
            if (copy[name] is JsonArray array)
            {
                var sorted = array.Select(item => item!.DeepClone()).OrderBy(item => Label((string)item!["value"]!, ids), StringComparer.Ordinal).ToList();
                array.Clear();
                sorted.ForEach(array.Add);
            }
        }

        var json = copy.ToJsonString();
        json = GuidPattern().Replace(json, match => Label(match.Value, ids));
        json = TimePattern().Replace(json, "\"(time)\"");
        return VersionPattern().Replace(json, "\"version\":\"(version)\"");
    }

    private static string Label(string id, Dictionary<string, string> ids)
    {
        if (!ids.TryGetValue(id, out var label))
        {
            label = "#" + ids.Count.ToString(CultureInfo.InvariantCulture);
            ids[id] = label;
        }

        return label;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex("\"\\d{4}-\\d\\d-\\d\\dT[^\"]+\"")]
    private static partial Regex TimePattern();

    [GeneratedRegex("\"version\":\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex VersionPattern();
}
