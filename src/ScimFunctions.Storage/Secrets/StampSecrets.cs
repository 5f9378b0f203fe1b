using System.Security.Cryptography;
using Azure;

namespace ScimFunctions.Storage.Secrets;

/// <summary>
/// Secrets shared by every instance of a stamp (no secrets live in app settings): random keys kept in the registry
/// table's <c>stamp</c> partition, created once (insert-if-absent, then read, so racing instances agree) and cached
/// per process. A failed read is not cached.
/// </summary>
internal sealed class StampSecrets(TableClient registry)
{
    public const string PartitionKey = "stamp";
    private const string KeyColumn = "Key";

    private readonly Lock _lock = new();
    private Task<byte[]>? _cursorKey;

    public Task<byte[]> GetCursorKeyAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_cursorKey is null || _cursorKey.IsFaulted || _cursorKey.IsCanceled)
            {
                _cursorKey = LoadAsync("cursor-signing-key", cancellationToken);
            }

            return _cursorKey;
        }
    }

    private async Task<byte[]> LoadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var entity = new TableEntity(PartitionKey, name) { [KeyColumn] = RandomNumberGenerator.GetBytes(32) };
            await registry.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another instance created it first: use theirs.
        }

        var stored = await registry.GetEntityAsync<TableEntity>(PartitionKey, name, cancellationToken: cancellationToken);
        return stored.Value.GetBinary(KeyColumn) ?? throw new InvalidOperationException($"The stamp secret '{name}' has no key.");
    }
}
