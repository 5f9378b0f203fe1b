using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core;
using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Testing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>
/// The fault paths through the Function App's composition answer like the local host: storage gone is 503 with
/// Retry-After and recovers when it is back; an unexpected fault is a generic 500 without exception text.
/// </summary>
public sealed class FunctionFaultTests
{
    [Fact]
    public async Task A_storage_outage_is_503_with_retry_after_and_the_app_recovers_when_storage_returns()
    {
        await using var azurite = await AzuriteInstance.StartAsync(); // on disk: its data survives the restart
        await using var hosts = await HostPair.StartAsync(azurite.ConnectionString);
        var tenant = await CreateTenantAsync(hosts);

        await azurite.StopAsync();
        var outage = await hosts.SendAsync("GET", $"/scim/v2/{tenant}/Users", bearer: "{token}");
        await azurite.RestartAsync();
        var recovered = await hosts.SendAsync("GET", $"/scim/v2/{tenant}/Users", bearer: "{token}");

        Assert.Equal(503, outage.FunctionApp.Status);
        Assert.True(outage.FunctionApp.Headers.ContainsKey("Retry-After"), "503 without Retry-After");
        Assert.DoesNotContain("Exception", outage.FunctionApp.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", outage.FunctionApp.Body, StringComparison.Ordinal);
        Assert.Empty(hosts.Differences(outage));
        Assert.Equal(200, recovered.FunctionApp.Status);
        Assert.Empty(hosts.Differences(recovered));
    }

    [Fact]
    public async Task An_unexpected_fault_is_a_generic_500_without_exception_text()
    {
        var clock = new BreakableClock();
        await using var hosts = await HostPair.StartAsync(services: services => services.AddSingleton<TimeProvider>(clock));
        var tenant = await CreateTenantAsync(hosts);

        clock.Broken = true;
        var failed = await hosts.SendAsync("GET", $"/scim/v2/{tenant}/Users", bearer: "{token}");
        clock.Broken = false;

        Assert.Equal(500, failed.FunctionApp.Status);
        Assert.Equal(ScimSchemaUrns.Error, (string?)JsonNode.Parse(failed.FunctionApp.Body)!["schemas"]![0]);
        Assert.DoesNotContain(BreakableClock.Message, failed.FunctionApp.Body, StringComparison.Ordinal);
        Assert.True(failed.FunctionApp.Headers.ContainsKey("X-Request-Id"), "500 without X-Request-Id");
        Assert.Empty(hosts.Differences(failed));
    }

    private static async Task<string> CreateTenantAsync(HostPair hosts)
    {
        var tenant = TestNames.TenantId("ff");
        var created = await hosts.SendAsync("POST", "/operator/tenants", new JsonObject { ["id"] = tenant }, HostPair.OperatorKey, "application/json");
        Assert.Equal(201, created.FunctionApp.Status);
        var issued = await hosts.SendAsync("POST", $"/operator/tenants/{tenant}/tokens", bearer: HostPair.OperatorKey);
        Assert.Equal(201, issued.FunctionApp.Status);
        hosts.Capture(issued, "token", "token");
        var listed = await hosts.SendAsync("GET", $"/scim/v2/{tenant}/Users", bearer: "{token}"); // tenant and token now cached
        Assert.Equal(200, listed.FunctionApp.Status);
        return tenant;
    }

    /// <summary>The system clock until broken: then reading the time throws, a fault no handler expects.</summary>
    private sealed class BreakableClock : TimeProvider
    {
        public const string Message = "Injected clock fault";

        public bool Broken { get; set; }

        public override DateTimeOffset GetUtcNow() => Broken ? throw new InvalidOperationException(Message) : System.GetUtcNow();
    }
}
