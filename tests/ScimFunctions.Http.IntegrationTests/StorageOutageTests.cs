using System.Net;
using System.Net.Sockets;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>A storage outage is a 503 with Retry-After and a SCIM error body, never a 500 and never exception text.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Requests_while_storage_is_unreachable_get_503_with_retry_after()
    {
        var host = new ScimTestHost();
        host.Settings["Scim:Storage:ConnectionString"] =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{ClosedPort()}/devstoreaccount1;";
        await host.InitializeAsync();
        try
        {
            var response = await host.Client("scim_some-tenant_" + new string('a', 64)).SendJsonAsync(HttpMethod.Get, "/scim/v2/some-tenant/Users", null);

            response.AssertScimError(503);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.DoesNotContain("Exception", response.RawBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("127.0.0.1", response.RawBody, StringComparison.Ordinal);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
