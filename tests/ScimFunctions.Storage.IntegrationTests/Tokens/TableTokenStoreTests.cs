using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

public sealed class TableTokenStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly TenantId _tenant = TenantId.Parse(TestNames.TenantId());

    private TableTokenStore NewStore(string? tableName = null) =>
        TableTokenStore.Create(new TableServiceClient(azurite.ConnectionString), tableName ?? TestNames.TableName("tok"));

    [Fact]
    public async Task A_tenant_without_a_row_has_the_empty_set_and_the_table_is_created_on_first_use()
    {
        var tokens = await NewStore().GetAsync(_tenant);

        Assert.Empty(tokens.Tokens);
    }

    [Fact]
    public async Task Save_then_get_round_trips_the_set()
    {
        var store = NewStore();
        var created = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var saved = new TenantTokenSet([new TokenRecord("tok-1", TenantToken.Hash("x"), created, created.AddHours(1)), new TokenRecord("tok-2", TenantToken.Hash("y"), created, null)]);

        await store.SaveAsync(_tenant, saved);
        var read = await store.GetAsync(_tenant);

        Assert.Equal(saved.Tokens.Select(t => (t.TokenId, Convert.ToHexString(t.Sha256), t.Created, t.Expires)),
            read.Tokens.Select(t => (t.TokenId, Convert.ToHexString(t.Sha256), t.Created, t.Expires)));
    }

    [Fact]
    public async Task Tenants_do_not_see_each_others_tokens()
    {
        var store = NewStore();
        await store.SaveAsync(_tenant, new TenantTokenSet([new TokenRecord("tok-1", TenantToken.Hash("x"), DateTimeOffset.UtcNow, null)]));

        var other = await store.GetAsync(TenantId.Parse(TestNames.TenantId()));

        Assert.Empty(other.Tokens);
    }

    [Fact]
    public async Task Delete_removes_the_row_and_is_idempotent()
    {
        var store = NewStore();
        await store.SaveAsync(_tenant, new TenantTokenSet([new TokenRecord("tok-1", TenantToken.Hash("x"), DateTimeOffset.UtcNow, null)]));

        await store.DeleteAsync(_tenant);
        await store.DeleteAsync(_tenant);

        Assert.Empty((await store.GetAsync(_tenant)).Tokens);
    }

    [Fact]
    public async Task The_row_holds_hashes_and_never_the_token()
    {
        var tableName = TestNames.TableName("tok");
        var issued = await new TokenIssuer(NewStore(tableName)).IssueAsync(_tenant);

        var row = await new TableClient(azurite.ConnectionString, tableName).GetEntityAsync<TableEntity>(_tenant.Value, "tokens");

        var stored = row.Value.GetString("Tokens");
        Assert.DoesNotContain(issued.Token[(issued.Token.LastIndexOf('_') + 1)..], stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Convert.ToHexStringLower(TenantToken.Hash(issued.Token)), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verifier_over_the_table_store_accepts_the_issued_token_with_one_read_for_many_calls()
    {
        var store = new CountingTokenStore(NewStore());
        var issued = await new TokenIssuer(store).IssueAsync(_tenant);
        var verifier = new TokenVerifier(store);
        var readsBefore = store.Reads;

        for (var i = 0; i < 1_000; i++)
        {
            Assert.True((await verifier.VerifyAsync(_tenant, issued.Token)).IsValid);
            Assert.False((await verifier.VerifyAsync(_tenant, TenantToken.Create(_tenant))).IsValid);
        }

        Assert.Equal(1, store.Reads - readsBefore);
    }
}
