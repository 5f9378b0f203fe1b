using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Http.Authentication;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Http.Telemetry;
using ScimFunctions.Storage;
using ScimFunctions.Testing;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// Every change names who made it (the id of the token that authenticated the request, Bulk included), every
/// operator action is in the tenant's audit log under the operator key's id, and failed authentications are counted.
/// </summary>
public sealed class AttributionTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private static readonly string OperatorId =
        OperatorAuthenticator.KeyIdOf(SHA256.HashData(Encoding.UTF8.GetBytes(ScimTestHost.OperatorKey)));

    [Fact]
    public async Task Each_change_row_names_the_token_that_authenticated_its_request_bulk_included()
    {
        using var tenant = await host.CreateTenantAsync();
        using var operatorClient = host.Operator();
        var firstTokenId = (string)(await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/tokens", null)).Body!["tokens"]![0]!["tokenId"]!;
        var second = await operatorClient.SendJsonAsync(HttpMethod.Post, $"/operator/tenants/{tenant.TenantId}/tokens", null);
        second.AssertStatus(201);
        var secondTokenId = (string)second.Body!["tokenId"]!;
        using var secondClient = host.Client((string)second.Body!["token"]!);

        var byFirst = await tenant.CreateUserAsync(Scim.UniqueName());
        var created = await secondClient.SendJsonAsync(HttpMethod.Post, tenant.BasePath + "/Users", Scim.User(Scim.UniqueName()));
        created.AssertStatus(201);
        var bySecond = (string)created.Body!["id"]!;
        (await secondClient.SendJsonAsync(HttpMethod.Delete, $"{tenant.BasePath}/Users/{byFirst}", null)).AssertStatus(204);
        var bulk = new JsonObject
        {
            ["schemas"] = new JsonArray(Scim.BulkRequestSchema),
            ["Operations"] = new JsonArray(new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "b1", ["data"] = Scim.User(Scim.UniqueName()) }),
        };
        var bulkResponse = await secondClient.SendJsonAsync(HttpMethod.Post, tenant.BasePath + "/Bulk", bulk);
        bulkResponse.AssertStatus(200);
        var byBulk = ((string)bulkResponse.Body!["Operations"]![0]!["location"]!).Split('/')[^1];

        var actors = await ChangeActorsAsync(tenant.TenantId);

        Assert.Equal(firstTokenId, actors[(byFirst, "Created")]);
        Assert.Equal(secondTokenId, actors[(byFirst, "Deleted")]);
        Assert.Equal(secondTokenId, actors[(bySecond, "Created")]);
        Assert.Equal(secondTokenId, actors[(byBulk, "Created")]);
        Assert.All(actors.Values, actor => Assert.StartsWith("tok-", actor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operator_action_is_audited_under_the_operator_key_id_and_the_trail_outlives_the_tenant()
    {
        using var operatorClient = host.Operator();
        var id = Testing.TestNames.TenantId();
        var basePath = "/operator/tenants/" + id;
        (await operatorClient.SendJsonAsync(HttpMethod.Post, "/operator/tenants", new JsonObject { ["id"] = id })).AssertStatus(201);
        var issued = await operatorClient.SendJsonAsync(HttpMethod.Post, basePath + "/tokens", null);
        issued.AssertStatus(201);
        var rotated = await operatorClient.SendJsonAsync(HttpMethod.Post, basePath + "/tokens/rotate", new JsonObject { ["overlapHours"] = 1 }, "application/json");
        rotated.AssertStatus(201);
        (await operatorClient.SendJsonAsync(HttpMethod.Delete, $"{basePath}/tokens/{(string)rotated.Body!["tokenId"]!}", null)).AssertStatus(204);
        (await operatorClient.SendJsonAsync(HttpMethod.Delete, $"{basePath}/tokens/tok-000000000000", null)).AssertScimError(404);
        (await operatorClient.SendJsonAsync(HttpMethod.Put, basePath + "/policy", new JsonObject { ["maxUsers"] = 7 }, "application/json")).AssertStatus(200);
        (await operatorClient.SendJsonAsync(HttpMethod.Put, basePath + "/compatibility", new JsonObject { ["booleanStrings"] = false }, "application/json")).AssertStatus(200);
        (await operatorClient.SendJsonAsync(HttpMethod.Put, basePath + "/schemas", new JsonObject(), "application/json")).AssertStatus(200);
        (await operatorClient.SendJsonAsync(HttpMethod.Post, basePath + "/suspend", null)).AssertStatus(200);
        (await operatorClient.SendJsonAsync(HttpMethod.Post, basePath + "/resume", null)).AssertStatus(200);
        (await operatorClient.SendJsonAsync(HttpMethod.Delete, basePath, null)).AssertStatus(204);

        var records = await ReadAuditAsync(operatorClient, id, pageSize: 4);

        Assert.Equal(
            ["tenant.create", "token.issue", "token.rotate", "token.revoke", "token.revoke", "tenant.policy", "tenant.compatibility", "tenant.schemas", "tenant.suspend", "tenant.resume", "tenant.delete"],
            records.Select(r => (string?)r["action"]));
        Assert.Equal(
            ["succeeded", "succeeded", "succeeded", "succeeded", "failed 404", "succeeded", "succeeded", "succeeded", "succeeded", "succeeded", "succeeded"],
            records.Select(r => (string?)r["outcome"]));
        Assert.All(records, r => Assert.Equal(OperatorId, (string?)r["actor"]));
        Assert.Contains("tokenId=" + (string)issued.Body!["tokenId"]!, (string?)records[1]["detail"], StringComparison.Ordinal);
        Assert.Contains("tokenId=" + (string)rotated.Body!["tokenId"]!, (string?)records[2]["detail"], StringComparison.Ordinal);
        Assert.Contains("\"maxUsers\":7", (string?)records[5]["detail"], StringComparison.Ordinal);
        var all = string.Join('\n', records.Select(r => r.ToJsonString()));
        Assert.DoesNotContain((string)issued.Body!["token"]!, all, StringComparison.Ordinal);
        Assert.DoesNotContain((string)rotated.Body!["token"]!, all, StringComparison.Ordinal);
        (await operatorClient.SendJsonAsync(HttpMethod.Get, basePath, null)).AssertScimError(404);
    }

    [Fact]
    public async Task The_audit_route_needs_the_operator_key_and_a_well_formed_tenant_id()
    {
        using var tenant = await host.CreateTenantAsync();

        (await host.Client(tenant.Token).SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/audit", null)).AssertScimError(401);
        using var operatorClient = host.Operator();
        (await operatorClient.SendJsonAsync(HttpMethod.Get, "/operator/tenants/Not_A_Tenant/audit", null)).AssertScimError(404);
        (await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/audit?cursor=forged", null)).AssertScimError(400);
        (await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}/audit?count=0", null)).AssertScimError(400);
    }

    [Fact]
    public async Task Failed_authentications_are_counted_by_tenant_and_reason_without_the_token()
    {
        using var tenant = await host.CreateTenantAsync();
        var wrongToken = "scim_" + tenant.TenantId + "_" + new string('e', 64);
        var measurements = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ScimTelemetry.SourceName && instrument.Name == "scim.auth.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (measurements)
            {
                measurements.Add((value, copy));
            }
        });
        listener.Start();

        (await host.Client(wrongToken).SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertScimError(401);
        (await host.Client(wrongToken).SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertScimError(401);
        (await host.Client().SendJsonAsync(HttpMethod.Get, tenant.BasePath + "/Users", null)).AssertScimError(401);
        var stranger = Testing.TestNames.TenantId();
        (await host.Client("scim_" + stranger + "_" + new string('e', 64)).SendJsonAsync(HttpMethod.Get, $"/scim/v2/{stranger}/Users", null)).AssertScimError(401);

        List<(long Value, Dictionary<string, object?> Tags)> seen;
        lock (measurements)
        {
            seen = [.. measurements];
        }

        Assert.Equal(2, seen.Where(m => Equals(m.Tags["tenant"], tenant.TenantId) && Equals(m.Tags["reason"], "invalid_token")).Sum(m => m.Value));
        Assert.Contains(seen, m => Equals(m.Tags["tenant"], "unknown") && Equals(m.Tags["reason"], "missing_token"));
        Assert.Contains(seen, m => Equals(m.Tags["tenant"], "unknown") && Equals(m.Tags["reason"], "unknown_tenant"));
        Assert.DoesNotContain(seen, m => Equals(m.Tags["tenant"], stranger));
        Assert.All(seen, m => Assert.DoesNotContain(m.Tags.Values, v => v is string text && text.Contains(new string('e', 64), StringComparison.Ordinal)));
        Assert.All(host.Logs.Lines, l => Assert.DoesNotContain(wrongToken, l.AllText, StringComparison.Ordinal));
    }

    private async Task<Dictionary<(string Id, string Operation), string>> ChangeActorsAsync(string tenantId)
    {
        var storage = host.Services.GetRequiredService<TableStorage>();
        var table = storage.ResourceTable;
        var partition = await RawPartition.PartitionKeyAsync(storage.Tenants, tenantId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"change|"} and RowKey lt {"change}"}");
        var actors = new Dictionary<(string, string), string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            actors[(row.GetString("ResourceId"), row.GetString("Operation"))] = row.GetString("Actor");
        }

        return actors;
    }

    private static async Task<List<JsonNode>> ReadAuditAsync(HttpClient operatorClient, string tenantId, int pageSize)
    {
        var records = new List<JsonNode>();
        string? cursor = null;
        for (var page = 0; page < 20; page++)
        {
            var query = $"/operator/tenants/{tenantId}/audit?count={pageSize}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var response = await operatorClient.SendJsonAsync(HttpMethod.Get, query, null);
            response.AssertStatus(200);
            var batch = response.Body!["records"]!.AsArray().Select(r => r!).ToList();

            // At the end of the log the cursor stays before records younger than the settle time: the id tells a repeat.
            records.AddRange(batch.Where(r => records.TrueForAll(seen => (string?)seen["id"] != (string?)r["id"])));
            cursor = (string?)response.Body!["nextCursor"];
            if (batch.Count < pageSize)
            {
                break;
            }
        }

        return records;
    }
}
