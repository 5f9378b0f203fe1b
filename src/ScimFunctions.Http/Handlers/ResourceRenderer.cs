using System.Text.Json.Nodes;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.Http.Handlers;

/// <summary>Turns stored resources into what a client receives: <c>meta.location</c> and <c>meta.version</c> set, then projected.</summary>
public static class ResourceRenderer
{
    public static JsonObject Render(TenantContext tenant, ResourceTypeDefinition resourceType, StoredResource stored, AttributeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(stored);
        var document = (JsonObject)stored.Resource.DeepClone();
        if (document["meta"] is not JsonObject meta)
        {
            meta = [];
            document["meta"] = meta;
        }

        meta["resourceType"] ??= resourceType.Name;
        meta["location"] = tenant.Location(resourceType, stored.Id);
        meta["version"] = stored.Version;
        return ResourceProjector.Project(document, resourceType, selection);
    }

    public static JsonObject RenderList(TenantContext tenant, ResourceTypeDefinition resourceType, QueryResult result, AttributeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(result);
        var resources = result.Resources.Select(stored => Render(tenant, resourceType, stored, selection)).ToList();
        return ListResponse.Build(resources, result.TotalResults, result.StartIndex, result.NextCursor, result.PreviousCursor);
    }
}
