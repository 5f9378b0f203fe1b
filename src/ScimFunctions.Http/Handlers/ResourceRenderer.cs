using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.Http.Handlers;

/// <summary>
/// Turns stored resources into what a client receives: <c>meta.location</c>, <c>meta.version</c> and the <c>$ref</c> of
/// every reference (<c>members</c>, <c>groups</c>, the enterprise <c>manager</c>) set, then projected. A <c>$ref</c> is
/// never stored: it is the referenced resource's location in the URL form of this request, built like <c>meta.location</c>.
/// </summary>
public static class ResourceRenderer
{
    /// <summary>
    /// The projected document. <c>meta.location</c>, <c>meta.version</c> and the <c>$ref</c>s are set on
    /// <paramref name="stored"/>'s own document (the store materializes a new one for every call and none of it
    /// is ever written back), which is then projected in place and returned: nothing is copied, and
    /// <paramref name="stored"/>'s document is the response's: render a stored resource once.
    /// </summary>
    public static JsonObject Render(TenantContext tenant, ResourceTypeDefinition resourceType, StoredResource stored, AttributeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(stored);
        var document = stored.Resource;
        if (document["meta"] is not JsonObject meta)
        {
            meta = [];
            document["meta"] = meta;
        }

        meta["resourceType"] ??= resourceType.Name;
        meta["location"] = tenant.Location(resourceType, stored.Id);
        meta["version"] = stored.Version;
        AddReferences(tenant, document);
        return ResourceProjector.ProjectAdopting(document, resourceType, selection);
    }

    private static void AddReferences(TenantContext tenant, JsonObject document)
    {
        foreach (var member in References(document["members"]))
        {
            var type = member["type"] is JsonValue text && text.TryGetValue<string>(out var name) && name == tenant.Schemas.Group.Name ? tenant.Schemas.Group : tenant.Schemas.User;
            SetReference(tenant, member, type);
        }

        foreach (var group in References(document["groups"]))
        {
            SetReference(tenant, group, tenant.Schemas.Group);
        }

        if (document[ScimSchemaUrns.EnterpriseUser] is JsonObject enterprise && enterprise["manager"] is JsonObject manager)
        {
            SetReference(tenant, manager, tenant.Schemas.User);
        }
    }

    private static IEnumerable<JsonObject> References(JsonNode? values) => values is JsonArray array ? array.OfType<JsonObject>() : [];

    private static void SetReference(TenantContext tenant, JsonObject reference, ResourceTypeDefinition type)
    {
        if (reference["value"] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > 0)
        {
            reference["$ref"] = tenant.Location(type, id);
        }
        else
        {
            reference.Remove("$ref");
        }
    }

    public static JsonObject RenderList(TenantContext tenant, ResourceTypeDefinition resourceType, QueryResult result, AttributeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(result);
        var resources = result.Resources.Select(stored => Render(tenant, resourceType, stored, selection)).ToList();
        // Each rendered resource is a new document of this response only: adopted, not copied again.
        return ListResponse.Build(resources, result.TotalResults, result.StartIndex, result.NextCursor, result.PreviousCursor, adopt: true);
    }
}
