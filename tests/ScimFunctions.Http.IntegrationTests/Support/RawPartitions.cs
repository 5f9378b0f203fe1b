using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>The raw rows a host stored for one tenant, from the host's own storage settings.</summary>
public static class RawPartitions
{
    public static RawPartition Of(ScimTestHost host, TenantClient tenant)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(tenant);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var service = new TableServiceClient(configuration["Scim:Storage:ConnectionString"]);
        return new RawPartition(service.GetTableClient(configuration["Scim:Storage:ResourceTable"]), tenant.TenantId);
    }
}
