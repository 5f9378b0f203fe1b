using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>The host with moves that neither wait for caches to settle nor keep the old rows (the tests say when they need them).</summary>
public sealed class TenantMoveHost : IAsyncLifetime
{
    public ScimTestHost Host { get; } = new()
    {
        ConfigureStore = options =>
        {
            options.MoveFenceSettleTime = TimeSpan.Zero;
            options.MoveSourceRetention = TimeSpan.Zero;
        },
    };

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// Tenant moves through the operator API, and what an IdP sees of one: its data where it was, a 412 for a version read
/// before the move, and a 503 with Retry-After from a host that still had the old location cached, then success.
/// </summary>
public sealed class TenantMoveApiTests(TenantMoveHost fixture) : IClassFixture<TenantMoveHost>
{
    private ScimTestHost Host => fixture.Host;

    private TableStorage Storage => (TableStorage)Host.Services.GetService(typeof(TableStorage))!;

    [Fact]
    public async Task A_moved_tenant_keeps_its_data_and_a_host_with_the_old_location_cached_answers_503_with_retry_after_then_writes_at_the_new_one()
    {
        using var operatorClient = Host.Operator();
        using var tenant = await Host.CreateTenantAsync();
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());
        var version = (await tenant.GetAsync($"/Users/{userId}")).ETag!;
        var first = TestNames.TableName("silo");

        var moved = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/move", new JsonObject { ["to"] = "silo-table", ["table"] = first });

        moved.AssertStatus(200);
        Assert.Equal("Completed", (string?)moved.Body!["state"]);
        Assert.Equal("SiloTable", (string?)(await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}", null)).Body!["isolation"]);
        (await tenant.GetAsync($"/Users/{userId}")).AssertStatus(200);
        (await tenant.PutAsync($"/Users/{userId}", Scim.User(Scim.UniqueName()), r => r.Headers.TryAddWithoutValidation("If-Match", version))).AssertScimError(412);
        (await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()))).AssertStatus(201); // this host now has the silo table cached

        // Another instance moves the tenant on (keeping the old table's rows): this host's cached row is stale.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(Host.EffectiveSettings).Build();
        var options = TableStoreOptions.FromConfiguration(settings);
        options.MoveFenceSettleTime = TimeSpan.Zero;
        options.MoveSourceRetention = TimeSpan.FromHours(1);
        var second = TestNames.TableName("silo");
        var elsewhere = await TableStorage.Create(options).Moves.MoveAsync(Core.TenantId.Parse(tenant.TenantId), new TenantLocation(TenantIsolation.SiloTable, second));
        Assert.Equal(MoveState.SourceRetained, elsewhere.State);

        var refused = await tenant.PostAsync("/Users", Scim.User("after@example.com"));
        refused.AssertScimError(503);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(ScimFunctions.Storage.Tables.StorageErrors.TenantMovingDetail, (string?)refused.Body!["detail"]);
        var retried = await tenant.PostAsync("/Users", Scim.User("after@example.com"));
        retried.AssertStatus(201);

        var record = (await Storage.Tenants.GetAsync(Core.TenantId.Parse(tenant.TenantId)))!;
        Assert.Equal(second, record.TableName);
        var old = await RawPartition.ForAsync(Storage.ServiceClient.GetTableClient(first), Storage.Tenants, tenant.TenantId);
        Assert.DoesNotContain(await old.RowsAsync(), row => row.RowKey == $"user|{(string)retried.Body!["id"]!}");
        var list = await tenant.GetAsync("/Users");
        Assert.Equal(3, (int)list.Body!["totalResults"]!);

        var state = await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/move", null);
        state.AssertStatus(200);
        Assert.Equal("SourceRetained", (string?)state.Body!["state"]);
        Assert.Equal(second, (string?)state.Body!["target"]!["tableName"]);
        (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/move/rollback", new JsonObject())).AssertScimError(409);

        // Run again with {}: the retention stored with the move (1 hour) still holds, so the old rows stay.
        var finished = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/move", new JsonObject());
        finished.AssertStatus(200);
        Assert.Equal("SourceRetained", (string?)finished.Body!["state"]);
    }

    [Fact]
    public async Task A_bad_target_is_400_an_unknown_tenant_404_and_nothing_moves()
    {
        using var operatorClient = Host.Operator();
        using var tenant = await Host.CreateTenantAsync();

        foreach (var body in new[]
        {
            new JsonObject { ["to"] = "mars" },
            new JsonObject { ["to"] = "silo-table" },
            new JsonObject { ["to"] = "silo-table", ["table"] = Storage.Options.TenantTable },
            new JsonObject { ["to"] = "pool" },
            new JsonObject { ["to"] = "silo-account", ["storageEndpoint"] = "https://someoneelse.table.core.windows.net/" },
        })
        {
            (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/move", body)).AssertScimError(400);
        }

        (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/move", new JsonObject())).AssertScimError(400);
        (await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/move", null)).AssertScimError(404);
        (await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{TestNames.TenantId()}/move", new JsonObject { ["to"] = "pool" })).AssertScimError(404);
        (await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()))).AssertStatus(201);
        Assert.Equal(TenantIsolation.Pool, (await Storage.Tenants.GetAsync(Core.TenantId.Parse(tenant.TenantId)))!.Isolation);
    }
}
