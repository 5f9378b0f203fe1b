using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace ScimFunctions.Testing;

/// <summary>
/// A tenant's rows exactly as the service stored them in a table, read and written with Azure.Data.Tables (no project
/// code in between), so a test can prove what is, and is not, persisted, and plant rows as older code wrote them.
/// </summary>
public sealed class RawPartition(TableClient table, string partitionKey)
{
    /// <summary>The partition key of the tenant's current incarnation, as the registry row gives it.</summary>
    public static async Task<string> PartitionKeyAsync(ScimFunctions.Storage.Abstractions.ITenantRegistry registry, string tenant)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var record = await registry.GetAsync(ScimFunctions.Core.TenantId.Parse(tenant))
            ?? throw new InvalidOperationException($"No tenant '{tenant}' in the registry.");
        return ScimFunctions.Storage.Tables.TenantPartition.KeyOf(record.Id, record.Incarnation);
    }

    /// <summary>The rows of the tenant's current incarnation in <paramref name="table"/>.</summary>
    public static async Task<RawPartition> ForAsync(TableClient table, ScimFunctions.Storage.Abstractions.ITenantRegistry registry, string tenant) =>
        new(table, await PartitionKeyAsync(registry, tenant));

    /// <summary>Every row of the tenant's partition.</summary>
    public async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
        {
            rows.Add(entity);
        }

        return rows;
    }

    /// <summary>The resource row's document (its Doc0…DocN chunks put together) as stored JSON text.</summary>
    public async Task<string> DocumentAsync(string type, string id) =>
        Document((await table.GetEntityAsync<TableEntity>(partitionKey, $"{type}|{id}")).Value);

    /// <summary>
    /// Rewrites a resource row's document the way the store wrote it before returned:never values were dropped (a
    /// password stored in the document): the change is applied to the stored JSON and the row replaced as it was.
    /// </summary>
    public async Task PlantAsync(string type, string id, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var entity = (await table.GetEntityAsync<TableEntity>(partitionKey, $"{type}|{id}")).Value;
        var document = JsonNode.Parse(Document(entity))!.AsObject();
        change(document);
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        if (bytes.Length > 64 * 1024 || entity.ContainsKey("Doc1"))
        {
            throw new InvalidOperationException("Planting handles one-chunk documents only.");
        }

        entity["Doc0"] = bytes;
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
    }

    /// <summary>Every property of every row as text (binary document chunks decoded), to search for a value anywhere.</summary>
    public async Task<string> AllTextAsync()
    {
        var text = new StringBuilder();
        foreach (var row in await RowsAsync())
        {
            foreach (var (key, value) in row)
            {
                text.Append(key).Append('=').Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The ChangedAttributes column of every change row of one resource.</summary>
    public async Task<List<string>> ChangedAttributesAsync(string resourceId) =>
        [.. (await RowsAsync())
            .Where(row => row.GetString("Kind") == "change" && row.GetString("ResourceId") == resourceId)
            .Select(row => row.GetString("ChangedAttributes") ?? string.Empty)];

    private static string Document(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        for (var i = 0; entity.GetBinary("Doc" + i) is { } chunk; i++)
        {
            buffer.Write(chunk);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
