using Azure;

namespace ScimFunctions.Storage.Events;

/// <summary>
/// The signing secrets of webhook endpoints (<c>whsec_</c> + base64 of 32 random bytes), kept where the stamp keeps
/// its other secrets: Key Vault in Azure, the token table locally. A secret must be readable (it signs), so it is
/// stored as it is, never in the registry table and never logged.
/// </summary>
public interface IWebhookSecretStore
{
    Task<string?> GetAsync(string endpointId, CancellationToken cancellationToken = default);

    Task SetAsync(string endpointId, string secret, CancellationToken cancellationToken = default);

    Task DeleteAsync(string endpointId, CancellationToken cancellationToken = default);
}

/// <summary>Secrets in the local token table, partition <c>~webhook</c> (no tenant id has a '~'), row key = endpoint id.</summary>
public sealed class TableWebhookSecretStore(TableClient table) : IWebhookSecretStore
{
    private const string Partition = "~webhook";
    private const string SecretColumn = "Secret";

    public async Task<string?> GetAsync(string endpointId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, endpointId, [SecretColumn], cancellationToken);
        return row.HasValue ? row.Value!.GetString(SecretColumn) : null;
    }

    public async Task SetAsync(string endpointId, string secret, CancellationToken cancellationToken = default)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, endpointId) { [SecretColumn] = secret }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteAsync(string endpointId, CancellationToken cancellationToken = default) =>
        await table.DeleteEntityAsync(Partition, endpointId, ETag.All, cancellationToken);
}
