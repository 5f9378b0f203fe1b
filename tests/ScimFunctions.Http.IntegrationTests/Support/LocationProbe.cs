using System.Text.Json.Nodes;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>
/// Every absolute URL the service hands an identity provider, gathered from one round of requests sent with the
/// given headers: the <c>Location</c> header of a create, <c>meta.location</c> of a created, read, listed and bulk-created
/// resource, and of the discovery documents.
/// </summary>
public static class LocationProbe
{
    /// <summary>What a proxy in front of the service adds: <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>.</summary>
    public static Action<HttpRequestMessage> Forwarded(string proto, string host) => request =>
    {
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-Host", host);
    };

    public static async Task<IReadOnlyList<string>> CollectAsync(TenantClient tenant, Action<HttpRequestMessage> headers)
    {
        var urls = new List<string>();
        var created = await tenant.PostAsync("/Users", Scim.User(Scim.UniqueName()), configure: headers);
        created.AssertStatus(201);
        var id = (string)created.Body!["id"]!;
        urls.Add(created.Headers.Location!.OriginalString);
        urls.Add(MetaLocation(created.Body));

        var read = await tenant.GetAsync("/Users/" + id, headers);
        read.AssertStatus(200);
        urls.Add(MetaLocation(read.Body!));

        var listed = await tenant.GetAsync("/Users?filter=" + Scim.Filter($"id eq \"{id}\""), headers);
        listed.AssertStatus(200);
        urls.Add(MetaLocation(Assert.Single(listed.Resources)));

        var bulk = await tenant.PostAsync("/Bulk", new JsonObject
        {
            ["schemas"] = new JsonArray(Scim.BulkRequestSchema),
            ["Operations"] = new JsonArray(new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u1", ["data"] = Scim.User(Scim.UniqueName()) }),
        }, configure: headers);
        bulk.AssertStatus(200);
        urls.Add((string)bulk.Body!["Operations"]![0]!["location"]!);

        foreach (var discovery in new[] { "/ServiceProviderConfig", "/ResourceTypes/User", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User" })
        {
            var document = await tenant.GetAsync(discovery, headers);
            document.AssertStatus(200);
            urls.Add(MetaLocation(document.Body!));
        }

        return urls;
    }

    private static string MetaLocation(JsonNode resource) => (string?)resource["meta"]?["location"] ?? throw new InvalidOperationException("No meta.location in " + resource.ToJsonString());
}
