using ScimFunctions.Core;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tokens;
using ScimFunctions.Testing.KeyVault;

namespace ScimFunctions.KeyVault.Tests;

/// <summary>
/// A set read from the vault carries its secret version; a save on top of a version that is no longer the latest is
/// refused (through the SDK's pipeline against the fake vault) and writes nothing.
/// </summary>
public sealed class KeyVaultTokenStoreVersionTests : IDisposable
{
    private const string SecretName = "scim-tenant-contoso";
    private static readonly TenantId Tenant = TenantId.Parse("contoso");
    private readonly VaultHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static TenantTokenSet Set(TenantTokenSet basedOn, params string[] tokenIds) =>
        new(tokenIds.Select(id => new TokenRecord(id, TenantToken.Hash(id), DateTimeOffset.UtcNow, null)).ToList()) { Version = basedOn.Version };

    private int Puts => _harness.Vault.Requests.Count(r => r.Method == "PUT" && r.IsAuthenticated);

    private string[] StoredIds() => TokenSetJson.Deserialize(_harness.Vault.CurrentValue(SecretName)!).Tokens.Select(t => t.TokenId).ToArray();

    [Fact]
    public async Task A_read_set_carries_the_secret_version_it_was_read_from()
    {
        await _harness.Store.SaveAsync(Tenant, Set(TenantTokenSet.Empty, "tok-1"));

        var read = await _harness.Store.GetAsync(Tenant);

        Assert.Equal(_harness.Vault.CurrentVersion(SecretName), read.Version);
    }

    [Fact]
    public async Task A_save_on_top_of_a_stale_version_throws_a_conflict_and_writes_no_version()
    {
        await _harness.Store.SaveAsync(Tenant, Set(TenantTokenSet.Empty, "tok-1"));
        var stale = await _harness.Store.GetAsync(Tenant);
        await _harness.Store.SaveAsync(Tenant, Set(stale, "tok-1", "tok-2"));
        var putsBefore = Puts;

        await Assert.ThrowsAsync<TokenSetConflictException>(() => _harness.Store.SaveAsync(Tenant, Set(stale, "tok-1", "tok-3")));

        Assert.Equal(putsBefore, Puts);
        Assert.Equal(["tok-1", "tok-2"], StoredIds());
    }

    [Fact]
    public async Task A_set_not_based_on_a_read_cannot_overwrite_an_existing_secret()
    {
        await _harness.Store.SaveAsync(Tenant, Set(TenantTokenSet.Empty, "tok-1"));

        await Assert.ThrowsAsync<TokenSetConflictException>(() => _harness.Store.SaveAsync(Tenant, Set(TenantTokenSet.Empty, "tok-2")));

        Assert.Equal(["tok-1"], StoredIds());
    }

    [Fact]
    public async Task A_save_based_on_a_read_from_before_a_delete_conflicts_and_recovers_nothing()
    {
        await _harness.Store.SaveAsync(Tenant, Set(TenantTokenSet.Empty, "tok-1"));
        var beforeDelete = await _harness.Store.GetAsync(Tenant);
        await _harness.Store.DeleteAsync(Tenant);

        await Assert.ThrowsAsync<TokenSetConflictException>(() => _harness.Store.SaveAsync(Tenant, Set(beforeDelete, "tok-1", "tok-2")));

        Assert.DoesNotContain(_harness.Vault.Requests, r => r.Method == "POST");
        Assert.Null(_harness.Vault.CurrentValue(SecretName));
    }
}
