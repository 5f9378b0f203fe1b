using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Storage;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>The raw rows a host stored for one tenant, from the host's own storage settings.</summary>
public static class RawPartitions
{
    public static Task<RawPartition> OfAsync(ScimTestHost host, TenantClient tenant)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(tenant);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var service = new TableServiceClient(configuration["Scim:Storage:ConnectionString"]);
        return RawPartition.ForAsync(service.GetTableClient(configuration["Scim:Storage:ResourceTable"]), host.Services.GetRequiredService<TableStorage>().Tenants, tenant.TenantId);
    }
}
