using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using ScimFunctions.Core;
using ScimFunctions.Core.Resources;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Storage.Maintenance;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;
using static ScimFunctions.Storage.IntegrationTests.StorageHarness;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>
/// Rows planted as the store wrote them before returned:never values were dropped (a password in the resource
/// document): the consistency checker reports them, and the scrub removes them with ETag checks, losing to and then
/// retrying after a concurrent change.
/// </summary>
public sealed class StoredSecretTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Secret = "NewSecret99";
    private const string VaultUrn = "urn:example:params:scim:schemas:extension:vault:2.0:User";
    private static readonly WriteContext s_context = new("req-scrub", "scimctl");

    [Fact]
    public async Task The_consistency_checker_reports_a_stored_password_by_name_and_never_by_value()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var clean = await store.CreateAsync(UserType, User("clean"), s_context);
        var leaky = await store.CreateAsync(UserType, User("leaky"), s_context);
        Assert.True((await harness.CheckAsync(store)).IsConsistent);

        await (await RawAsync(harness, store.Tenant)).PlantAsync("user", leaky.Id, document => document["password"] = Secret);
        var report = await harness.CheckAsync(store);

        var problem = Assert.Single(report.Problems);
        Assert.Contains($"user|{leaky.Id}", problem, StringComparison.Ordinal);
        Assert.Contains("'password'", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(clean.Id, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_consistency_checker_knows_the_tenant_extension_schemas_returned_never_attributes_and_sub_attributes()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var tenant = await VaultTenantAsync(harness);
        var store = await harness.Storage.Stores.GetStoreAsync(tenant.Id);
        var user = await store.CreateAsync(TenantSchemas.For(tenant).User, User("vaulted"), s_context);

        await (await RawAsync(harness, tenant.Id)).PlantAsync("user", user.Id, document =>
        {
            document["schemas"]!.AsArray().Add(VaultUrn);
            document[VaultUrn] = new JsonObject
            {
                ["pin"] = "PIN-4711",
                ["credentials"] = new JsonArray(new JsonObject { ["label"] = "laptop", ["secret"] = "CRED-0815" }),
            };
        });
        var problem = Assert.Single((await ConsistencyChecker.CheckAsync(harness.Storage, tenant.Id)).Problems);

        Assert.Contains($"'{VaultUrn}:pin'", problem, StringComparison.Ordinal);
        Assert.Contains($"'{VaultUrn}:credentials.secret'", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("PIN-4711", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrub_removes_planted_passwords_and_nothing_else_and_a_second_run_writes_nothing()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = await CreateUsersAsync(store, "user", 5);

        var group = await store.CreateAsync(GroupType, Group("Everyone", users[0].Id, users[1].Id), s_context);
        var raw = await RawAsync(harness, store.Tenant);
        var before = await Task.WhenAll(users.Select(u => raw.DocumentAsync("user", u.Id)));
        foreach (var user in users.Take(3))
        {
            await raw.PlantAsync("user", user.Id, document => document["password"] = Secret);
        }

        var record = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
        var progress = new List<ScrubProgress>();
        var first = await SecretScrubber.ScrubAsync(harness.Storage, record, s_context, progress: progress.Add);
        var changesAfterFirst = (await store.ReadChangesAsync(null, 1000)).Changes.Count;
        var second = await SecretScrubber.ScrubAsync(harness.Storage, record, s_context);

        Assert.Equal((6, 3, 0L), (first.Scanned, first.Scrubbed, first.Conflicts));
        Assert.Equal(3, first.Attributes["password"]);
        Assert.Equal((6, 0), (second.Scanned, second.Scrubbed));
        Assert.NotEmpty(progress);
        Assert.Equal(before, await Task.WhenAll(users.Select(u => raw.DocumentAsync("user", u.Id))));
        Assert.DoesNotContain(Secret, await raw.AllTextAsync(), StringComparison.Ordinal);
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
        Assert.Equal(2, MemberIds((await store.GetAsync(GroupType, group.Id, AttributeSelection.Default))!).Count);
        var changes = (await store.ReadChangesAsync(null, 1000)).Changes;
        Assert.Equal(changesAfterFirst, changes.Count);
        var scrubs = changes.Where(c => c.RequestId == "req-scrub" && c.Operation == ChangeOperation.Updated).ToList();
        Assert.Equal(users.Take(3).Select(u => u.Id).Order(StringComparer.Ordinal), scrubs.Select(c => c.ResourceId).Order(StringComparer.Ordinal));
        Assert.All(scrubs, c => Assert.Equal(["password"], c.ChangedAttributes));
    }

    [Fact]
    public async Task Scrub_resumes_after_the_position_it_reported()
    {
        var harness = await CreateAsync(azurite.ConnectionString);
        var store = await harness.NewTenantAsync();
        var users = await CreateUsersAsync(store, "resume", 4);

        var raw = await RawAsync(harness, store.Tenant);
        var ordered = users.Select(u => u.Id).Order(StringComparer.Ordinal).ToList();
        foreach (var id in ordered)
        {
            await raw.PlantAsync("user", id, document => document["password"] = Secret);
        }

        var record = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
        var resumed = await SecretScrubber.ScrubAsync(harness.Storage, record, s_context, after: $"user|{ordered[1]}");

        Assert.Equal((2, 2), (resumed.Scanned, resumed.Scrubbed));
        Assert.Contains("password", await raw.DocumentAsync("user", ordered[0]), StringComparison.Ordinal);
        Assert.DoesNotContain("password", await raw.DocumentAsync("user", ordered[3]), StringComparison.Ordinal);
        Assert.Equal($"user|{ordered[3]}", resumed.Position);
    }

    [Fact]
    public async Task A_concurrent_membership_change_wins_and_the_scrub_retries_that_row_without_losing_it()
    {
        var concurrent = new BeforeFirstBatch();
        var harness = await CreateAsync(azurite.ConnectionString, options => options.PerCallPolicies.Add(concurrent));
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("raced"), s_context);
        var group = await store.CreateAsync(GroupType, Group("Racers"), s_context);
        await (await RawAsync(harness, store.Tenant)).PlantAsync("user", user.Id, document => document["password"] = Secret);
        var other = await OtherProcessAsync(harness);
        var otherStore = await other.Stores.GetStoreAsync(store.Tenant);
        concurrent.Arm(() => otherStore.PatchAsync(GroupType, group.Id, AddMembers(user.Id), CompatibilityOptions.Default, null, new WriteContext("req-other", "token-b")));

        var record = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
        var report = await SecretScrubber.ScrubAsync(harness.Storage, record, s_context);

        Assert.Equal((1, 1L), (report.Scrubbed, report.Conflicts));
        Assert.DoesNotContain(Secret, await (await RawAsync(harness, store.Tenant)).AllTextAsync(), StringComparison.Ordinal);
        var reread = (await store.GetAsync(UserType, user.Id, AttributeSelection.Default))!;
        Assert.Equal([group.Id], GroupIds(reread));
        Assert.True((await harness.CheckAsync(store)).IsConsistent);
    }

    [Fact]
    public async Task A_concurrent_replace_wins_and_the_scrub_does_not_write_its_stale_copy()
    {
        var concurrent = new BeforeFirstBatch();
        var harness = await CreateAsync(azurite.ConnectionString, options => options.PerCallPolicies.Add(concurrent));
        var store = await harness.NewTenantAsync();
        var user = await store.CreateAsync(UserType, User("replaced"), s_context);
        await (await RawAsync(harness, store.Tenant)).PlantAsync("user", user.Id, document => document["password"] = Secret);
        var other = await OtherProcessAsync(harness);
        var otherStore = await other.Stores.GetStoreAsync(store.Tenant);
        concurrent.Arm(() => otherStore.ReplaceAsync(UserType, user.Id, User("replaced", displayName: "Concurrent"), null, new WriteContext("req-other", "token-b")));

        var record = (await harness.Storage.Tenants.GetAsync(store.Tenant))!;
        var report = await SecretScrubber.ScrubAsync(harness.Storage, record, s_context);

        Assert.Equal((0, 1L), (report.Scrubbed, report.Conflicts));
        Assert.Equal("Concurrent", (string?)(await store.GetAsync(UserType, user.Id, AttributeSelection.Default))!.Resource["displayName"]);
        Assert.DoesNotContain(Secret, await (await RawAsync(harness, store.Tenant)).AllTextAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<StoredResource>> CreateUsersAsync(ITenantScimStore store, string prefix, int count)
    {
        var users = new List<StoredResource>();
        for (var i = 0; i < count; i++)
        {
            users.Add(await store.CreateAsync(UserType, User(prefix + i), s_context));
        }

        return users;
    }

    private static Task<RawPartition> RawAsync(StorageHarness harness, TenantId tenant) => RawPartition.ForAsync(harness.Storage.ResourceTable, harness.Storage.Tenants, tenant.Value);

    /// <summary>Another process on the same tables (its requests do not pass the first one's policies).</summary>
    private Task<TableStorage> OtherProcessAsync(StorageHarness harness) => TableStorage.CreateAsync(new TableStoreOptions
    {
        ConnectionString = azurite.ConnectionString,
        ResourceTable = harness.Storage.Options.ResourceTable,
        TenantTable = harness.Storage.Options.TenantTable,
        MaxRetries = 1,
    });

    private static Task<TenantRecord> VaultTenantAsync(StorageHarness harness) => harness.Storage.Tenants.CreateAsync(new TenantRecord
    {
        Id = TenantId.Parse(TestNames.TenantId()),
        ExtensionSchemasJson = new Dictionary<string, IReadOnlyList<string>>
        {
            ["User"] = [$$"""
                {
                  "id": "{{VaultUrn}}",
                  "name": "Vault",
                  "attributes": [
                    { "name": "pin", "type": "string", "mutability": "writeOnly", "returned": "never" },
                    { "name": "credentials", "type": "complex", "multiValued": true, "subAttributes": [
                        { "name": "label", "type": "string" },
                        { "name": "secret", "type": "string", "mutability": "writeOnly", "returned": "never" }
                    ] }
                  ]
                }
                """],
        },
    });

    /// <summary>Runs a change from another process just before the first transaction (the scrub's rewrite) is sent.</summary>
    private sealed class BeforeFirstBatch : HttpPipelinePolicy
    {
        private Func<Task>? _action;

        public void Arm(Func<Task> action) => _action = action;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref _action, null) is { } action)
            {
                await action();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
