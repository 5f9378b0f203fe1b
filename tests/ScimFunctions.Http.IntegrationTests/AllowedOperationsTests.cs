using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// A tenant's allowed operations are one rule (<c>TenantPolicy.RequireAllowed</c>): a request, a bulk operation and a
/// direct store call (the CLI's, the load tool's) are refused with the same 403 and the same message.
/// </summary>
public sealed class AllowedOperationsTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private const string Refusal = "This tenant's policy does not allow the 'Create' operation.";

    [Fact]
    public async Task A_create_is_refused_alike_by_the_request_path_bulk_and_the_store()
    {
        using var tenant = await host.CreateTenantAsync(policy: new JsonObject { ["allowedOperations"] = "Read" });

        var direct = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()));
        var bulk = await tenant.PostAsync("/Bulk", new JsonObject
        {
            ["schemas"] = new JsonArray(Scim.BulkRequestSchema),
            ["Operations"] = new JsonArray(new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u1", ["data"] = Scim.User(Scim.UniqueName()) }),
        });
        var store = await host.Services.GetRequiredService<ITenantStoreProvider>().GetStoreAsync(TenantId.Parse(tenant.TenantId));
        var type = ScimSchemas.UserResourceType();
        var fromStore = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(type, ResourceValidator.Normalize(Scim.User(Scim.UniqueName()), type), WriteContext.None));

        direct.AssertScimError(403);
        Assert.Equal(Refusal, (string?)direct.Body!["detail"]);
        bulk.AssertScimError(403);
        Assert.Equal($"Operation 1 (bulkId 'u1'): {Refusal} Nothing in this bulk request was executed.", (string?)bulk.Body!["detail"]);
        Assert.Equal(403, fromStore.Status);
        Assert.Equal(Refusal, fromStore.Detail);
        Assert.Equal(0, (int)(await tenant.GetAsync("/Users")).Body!["totalResults"]!);
    }
}
