using Azure.Core;
using Microsoft.Extensions.Configuration;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.KeyVault;

/// <summary>
/// The Key Vault token store's settings, read once by every host and scimctl (<see cref="FromConfiguration"/>). Without
/// <see cref="VaultUri"/> the token hashes are in the table token store.
/// </summary>
public sealed record KeyVaultOptions
{
    public const string VaultUriSetting = "Scim:KeyVault:Uri";

    /// <summary>Optional: the client id of a user-assigned managed identity for Key Vault (default: system-assigned).</summary>
    public const string ManagedIdentityClientIdSetting = "Scim:ManagedIdentity:ClientId";

    public static IReadOnlyList<string> Settings { get; } = [VaultUriSetting, ManagedIdentityClientIdSetting];

    /// <summary>The vault holding the token hashes; null: the table token store.</summary>
    public Uri? VaultUri { get; init; }

    /// <summary>The user-assigned identity the hosts reach the vault with; null: the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>Reads the settings; a malformed vault URL throws <see cref="InvalidOperationException"/> naming the setting.</summary>
    public static KeyVaultOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new KeyVaultOptions
        {
            VaultUri = ParseVaultUrl(configuration[VaultUriSetting]),
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(configuration[ManagedIdentityClientIdSetting]) ? null : configuration[ManagedIdentityClientIdSetting],
        };
    }

    /// <summary>
    /// The Key Vault token store for the storage composition (<c>AddScimStorage</c>), or null without a vault. With no
    /// <paramref name="credential"/> the vault is reached with the managed identity (<see cref="ManagedIdentityClientId"/>).
    /// </summary>
    public Func<IServiceProvider, ITokenStore>? TokenStore(TokenCredential? credential = null) => VaultUri switch
    {
        null => null,
        { } vault when credential is not null => _ => KeyVaultTokenStore.Create(vault, credential),
        { } vault => _ => KeyVaultTokenStore.CreateWithManagedIdentity(vault, ManagedIdentityClientId),
    };

    // The SDK sends a bearer token over https only, and appends its own paths: anything else would fail on the
    // first token check instead of at startup.
    private static Uri? ParseVaultUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri
            : throw new InvalidOperationException($"Setting '{VaultUriSetting}' must be the vault's https URL without a path, e.g. https://my-vault.vault.azure.net/.");
    }
}
