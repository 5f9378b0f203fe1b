using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.Http.Handlers;

/// <summary>
/// The SCIM operations on the resources of one authenticated tenant, apart from HTTP: validation, the store's quotas,
/// allowed operations, versions and uniqueness, the change log (with the request's <see cref="WriteContext"/>), and
/// rendering. The SCIM handlers and the MCP tools both run exactly this; only how input arrives and answers leave differs.
/// Its <see cref="TenantContext"/> exists only for a verified token, so only an authenticated request can build one.
/// </summary>
public sealed class TenantOperations(TenantContext tenant, ITenantScimStore store, WriteContext writer, CancellationToken aborted)
{
    public TenantContext Tenant { get; } = tenant;
    public ITenantScimStore Store { get; } = store;

    public Task<StoredResource> CreateAsync(ResourceTypeDefinition type, JsonNode body) =>
        Store.CreateAsync(type, ResourceValidator.Normalize(body, type, Tenant.Compatibility), writer, aborted);

    /// <summary>The resource; 404 when the tenant has none with this id.</summary>
    public async Task<StoredResource> GetAsync(ResourceTypeDefinition type, string id, AttributeSelection selection) =>
        await Store.GetAsync(type, id, selection, aborted) ?? throw NotFound(type.Name);

    public Task<StoredResource> ReplaceAsync(ResourceTypeDefinition type, string id, JsonNode body, string? ifMatch) =>
        Store.ReplaceAsync(type, id, ResourceValidator.Normalize(body, type, Tenant.Compatibility), ifMatch, writer, aborted);

    /// <summary>An RFC 7644 §3.5.2 PatchOp body, applied atomically; conditional on <paramref name="ifMatch"/> when given.</summary>
    public Task<StoredResource> PatchAsync(ResourceTypeDefinition type, string id, JsonNode body, string? ifMatch) =>
        Store.PatchAsync(type, id, PatchRequest.Parse(body, Tenant.Compatibility), Tenant.Compatibility, ifMatch, writer, aborted);

    /// <summary>
    /// What a PATCH answers with a body: the store answers a group PATCH without its member rows, so a selection that
    /// shows members reads them once and the answer is the group as it now is.
    /// </summary>
    public async Task<StoredResource> AfterPatchAsync(ResourceTypeDefinition type, StoredResource patched, AttributeSelection selection) =>
        type.Schema.FindAttribute("members") is not null && selection.Includes("members")
            ? await Store.GetAsync(type, patched.Id, selection, aborted) ?? patched
            : patched;

    public Task DeleteAsync(ResourceTypeDefinition type, string id, string? ifMatch) =>
        Store.DeleteAsync(type, id, ifMatch, writer, aborted);

    /// <summary>A ListResponse of the query's page.</summary>
    public async Task<JsonObject> QueryAsync(ResourceTypeDefinition type, ScimQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = await Store.QueryAsync(type, query, aborted);
        return ResourceRenderer.RenderList(Tenant, type, result, query.Selection);
    }

    public JsonObject Render(ResourceTypeDefinition type, StoredResource stored, AttributeSelection selection) =>
        ResourceRenderer.Render(Tenant, type, stored, selection);

    internal static ScimException NotFound(string typeName) => ScimException.NotFound($"{typeName} not found.");
}
