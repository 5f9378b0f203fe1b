using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using ScimFunctions.Core;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.KeyVault;

/// <summary>
/// Token hashes in Azure Key Vault: one secret per tenant, named <c>scim-tenant-{tenantId}</c> (a tenant id is
/// <c>a-z 0-9 -</c>, 3–63 characters, so the name always fits Key Vault's 1–127 <c>[0-9a-zA-Z-]</c>). The value is
/// the JSON of the hashes (<see cref="TokenSetJson"/>), never a plaintext token; tags carry the token count and the
/// earliest expiry for operators browsing the vault. Every save writes a new secret version.
/// <para>
/// Concurrency: a set's <see cref="TenantTokenSet.Version"/> is the secret version it was read from. Key Vault has
/// no conditional write (secrets take no ETag or <c>If-Match</c>), so <see cref="SaveAsync"/> reads the current
/// version just before writing and throws <see cref="TokenSetConflictException"/> when it is not the one the set is
/// based on. That catches every save made on top of a read that another save has since overtaken, but one window
/// remains: two saves whose check and write both fall between the same pair of versions (within one vault round
/// trip of each other, milliseconds) both pass the check, and the later write wins. The table token store has no
/// such window; with Key Vault it needs two operators changing one tenant's tokens in the same few milliseconds.
/// </para>
/// </summary>
public sealed class KeyVaultTokenStore : ITokenStore
{
    public const string SecretNamePrefix = "scim-tenant-";
    private const string ContentType = "application/vnd.scimfunctions.token-hashes+json";

    private readonly SecretClient _secrets;

    public KeyVaultTokenStore(SecretClient secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets;
    }

    /// <summary>A store on the vault at <paramref name="vaultUri"/> with the given credential (build it once per process).</summary>
    public static KeyVaultTokenStore Create(Uri vaultUri, TokenCredential credential, SecretClientOptions? options = null) =>
        new(new SecretClient(vaultUri, credential, options ?? new SecretClientOptions()));

    /// <summary>The deployed configuration: the Function App's managed identity (system-assigned unless a client id is given).</summary>
    public static KeyVaultTokenStore CreateWithManagedIdentity(Uri vaultUri, string? userAssignedClientId = null) =>
        Create(vaultUri, ManagedIdentity(userAssignedClientId));

    /// <summary>The Function App's managed identity: system-assigned unless a user-assigned client id is given.</summary>
    public static ManagedIdentityCredential ManagedIdentity(string? userAssignedClientId) => userAssignedClientId is null
        ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(userAssignedClientId));

    /// <summary>The vault this store reads and writes.</summary>
    public Uri VaultUri => _secrets.VaultUri;

    public static string SecretName(TenantId tenant) => SecretNamePrefix + tenant.Value;

    public async Task<TenantTokenSet> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        try
        {
            var secret = await _secrets.GetSecretAsync(SecretName(tenant), version: null, cancellationToken);
            return TokenSetJson.Deserialize(secret.Value.Value) with { Version = secret.Value.Properties.Version };
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return TenantTokenSet.Empty;
        }
    }

    public async Task SaveAsync(TenantId tenant, TenantTokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var secret = new KeyVaultSecret(SecretName(tenant), TokenSetJson.Serialize(tokens));
        secret.Properties.ContentType = ContentType;
        secret.Properties.Tags["tenant"] = tenant.Value;
        secret.Properties.Tags["tokens"] = tokens.Tokens.Count.ToString(CultureInfo.InvariantCulture);
        if (tokens.Tokens.Min(token => token.Expires) is { } earliest)
        {
            secret.Properties.Tags["earliestExpiry"] = earliest.ToString("O", CultureInfo.InvariantCulture);
        }

        var current = await CurrentVersionAsync(secret.Name, cancellationToken);
        if (!string.Equals(current, tokens.Version, StringComparison.Ordinal))
        {
            throw new TokenSetConflictException();
        }

        try
        {
            await _secrets.SetSecretAsync(secret, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The tenant's secret was deleted and is soft-deleted (purge protection keeps it): the name only becomes
            // usable again by recovering it, after which the new version is written over it.
            var recovery = await _secrets.StartRecoverDeletedSecretAsync(secret.Name, cancellationToken);
            await recovery.WaitForCompletionAsync(cancellationToken);
            await _secrets.SetSecretAsync(secret, cancellationToken);
        }
    }

    public async Task DeleteAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        try
        {
            await _secrets.StartDeleteSecretAsync(SecretName(tenant), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: deleting is idempotent.
        }
    }

    /// <summary>The latest version of the secret; null when it does not exist or is (soft-)deleted.</summary>
    private async Task<string?> CurrentVersionAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await _secrets.GetSecretAsync(name, version: null, cancellationToken);
            return secret.Value.Properties.Version;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
