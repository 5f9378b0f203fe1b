using Azure;
using Azure.Security.KeyVault.Secrets;
using ScimFunctions.Storage.Events;

namespace ScimFunctions.KeyVault;

/// <summary>Webhook signing secrets in the stamp's Key Vault, one secret <c>scim-webhook-wh-…</c> per endpoint.</summary>
public sealed class KeyVaultWebhookSecretStore(SecretClient secrets) : IWebhookSecretStore
{
    public const string SecretNamePrefix = "scim-webhook-";

    public static KeyVaultWebhookSecretStore CreateWithManagedIdentity(Uri vaultUri, string? userAssignedClientId = null) =>
        new(new SecretClient(vaultUri, KeyVaultTokenStore.ManagedIdentity(userAssignedClientId)));

    /// <summary>Key Vault names allow letters, digits and '-': the endpoint id's '_' becomes '-'.</summary>
    public static string SecretName(string endpointId)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        return SecretNamePrefix + endpointId.Replace('_', '-');
    }

    public async Task<string?> GetAsync(string endpointId, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await secrets.GetSecretAsync(SecretName(endpointId), version: null, cancellationToken)).Value.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SetAsync(string endpointId, string secret, CancellationToken cancellationToken = default) =>
        await secrets.SetSecretAsync(SecretName(endpointId), secret, cancellationToken);

    public async Task DeleteAsync(string endpointId, CancellationToken cancellationToken = default)
    {
        try
        {
            await secrets.StartDeleteSecretAsync(SecretName(endpointId), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }
}
