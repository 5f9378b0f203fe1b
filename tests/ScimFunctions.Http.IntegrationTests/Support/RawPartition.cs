using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>
/// A tenant's rows exactly as the host stored them in its resource table, read with Azure.Data.Tables (no project
/// code in between), so a test can prove what is, and is not, persisted.
/// </summary>
public sealed class RawPartition(TableClient table, string tenant)
{
    public static RawPartition Of(ScimTestHost host, TenantClient tenant)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(tenant);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var service = new TableServiceClient(configuration["Scim:Storage:ConnectionString"]);
        return new RawPartition(service.GetTableClient(configuration["Scim:Storage:ResourceTable"]), tenant.TenantId);
    }

    /// <summary>Every row of the tenant's partition.</summary>
    public async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenant}")))
        {
            rows.Add(entity);
        }

        return rows;
    }

    /// <summary>The resource row's document (its Doc0…DocN chunks put together) as stored JSON text.</summary>
    public async Task<string> DocumentAsync(string type, string id)
    {
        var entity = (await table.GetEntityAsync<TableEntity>(tenant, $"{type}|{id}")).Value;
        using var buffer = new MemoryStream();
        for (var i = 0; entity.GetBinary("Doc" + i) is { } chunk; i++)
        {
            buffer.Write(chunk);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
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
}
