using System.Globalization;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Bulk;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tables;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Handlers;

/// <summary>
/// POST /Bulk (RFC 7644 §3.7): the tenant's limits (501 when bulk is off for it, 413 above maxOperations or
/// maxPayloadSize), then every operation checked before any is executed (method, path, resource type, the policy's
/// allowed operations, the data as a POST/PUT/PATCH of its own would check it): a malformed operation makes the whole
/// request a 4xx naming it, with nothing executed, so a corrected retry never meets its own earlier writes. Then
/// bulkId references resolved in dependency order (a circular reference is 409 for the operations in the cycle, an
/// operation whose referenced bulkId failed is 409 too), <c>failOnErrors</c>, and one result per executed operation
/// in request order with its status, location and version (what fails only when executed: uniqueness, If-Match, a
/// missing resource).
/// </summary>
public static class BulkHandler
{
    public static async Task HandleAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        if (!tenant.Policy.BulkEnabled)
        {
            throw ScimException.NotImplemented("Bulk operations are not enabled for this tenant (see /ServiceProviderConfig).");
        }

        var (operations, failOnErrors) = BulkOperation.ParseRequest(await request.ReadJsonAsync(), tenant.Policy.BulkMaxOperations);
        ValidateAll(request, operations);
        var (order, circular) = BulkIdResolver.Order(operations);
        var createdIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new SortedDictionary<int, JsonObject>();
        var store = await request.StoreAsync();
        var errors = 0;

        foreach (var operation in order)
        {
            if (failOnErrors is { } limit && errors >= limit)
            {
                break;
            }

            JsonObject result;
            try
            {
                if (circular.Contains(operation.Index))
                {
                    throw new ScimException(409, null, "This operation is part of a circular bulkId reference.");
                }

                var unresolved = operation.References.FirstOrDefault(r => !createdIds.ContainsKey(r));
                if (unresolved is not null)
                {
                    throw new ScimException(409, ScimType.InvalidValue, $"The operation refers to bulkId '{unresolved}', which was not created.");
                }

                result = await ExecuteAsync(request, store, operation, createdIds);
            }
            catch (ScimException error)
            {
                errors++;
                result = Result(operation, error.Status, error.ToErrorDocument());
            }
            catch (Exception fault) when (StorageErrors.Classify(fault, request.Aborted) is not null)
            {
                errors++;
                result = Result(operation, 503, ScimException.ServiceUnavailable("Storage was unavailable for this operation; retry it.").ToErrorDocument());
            }

            results[operation.Index] = result;
        }

        var response = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.BulkResponse),
            ["Operations"] = new JsonArray(results.Values.ToArray<JsonNode?>()),
        };
        await ScimResponses.WriteJsonAsync(request.HttpContext, 200, response);
    }

    /// <summary>Checks every operation as it would be executed, with bulkIds not yet resolved; the first fault is the request's.</summary>
    private static void ValidateAll(ScimRequest request, IReadOnlyList<BulkOperation> operations)
    {
        var unresolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            try
            {
                Prepare(request, operation, unresolved, operation.Data);
            }
            catch (ScimException error)
            {
                var name = operation.BulkId is null ? string.Empty : $" (bulkId '{operation.BulkId}')";
                throw new ScimException(error.Status, error.ScimType, $"Operation {operation.Index + 1}{name}: {error.Detail} Nothing in this bulk request was executed.");
            }
        }
    }

    /// <summary>An operation ready to execute: its resource type, the (resolved) id, and the normalized data or parsed PATCH.</summary>
    private sealed record Prepared(ResourceTypeDefinition Type, string? Id, JsonObject? Resource, PatchRequest? Patch);

    private static Prepared Prepare(ScimRequest request, BulkOperation operation, Dictionary<string, string> createdIds, JsonNode? data)
    {
        var tenant = request.Tenant;
        var now = request.Service<TimeProvider>().GetUtcNow();
        var (type, id) = Target(request, operation, createdIds);
        switch (operation.Method)
        {
            case "POST":
                tenant.Policy.RequireAllowed(AllowedOperations.Create, now);
                if (id is not null)
                {
                    throw ScimException.InvalidSyntax("A POST path names a resource type endpoint, e.g. /Users.");
                }

                return new Prepared(type, null, ResourceValidator.Normalize(data, type, tenant.Compatibility), null);
            case "PUT":
                tenant.Policy.RequireAllowed(AllowedOperations.Update, now);
                return new Prepared(type, RequireId(id), ResourceValidator.Normalize(data, type, tenant.Compatibility), null);
            case "PATCH":
                tenant.Policy.RequireAllowed(AllowedOperations.Update, now);
                return new Prepared(type, RequireId(id), null, PatchRequest.Parse(data, tenant.Compatibility));
            default:
                tenant.Policy.RequireAllowed(AllowedOperations.Delete, now);
                return new Prepared(type, RequireId(id), null, null);
        }
    }

    private static async Task<JsonObject> ExecuteAsync(ScimRequest request, ITenantScimStore store, BulkOperation operation, Dictionary<string, string> createdIds)
    {
        var tenant = request.Tenant;
        var prepared = Prepare(request, operation, createdIds, BulkIdResolver.Substitute(operation.Data, createdIds));
        var (type, id) = (prepared.Type, prepared.Id);
        var context = request.WriteContext;
        var cancel = request.Aborted;
        switch (operation.Method)
        {
            case "POST":
                var created = await store.CreateAsync(type, prepared.Resource!, context, cancel);
                createdIds[operation.BulkId!] = created.Id;
                return Result(operation, 201, null, tenant.Location(type, created.Id), created.Version);
            case "PUT":
                var replaced = await store.ReplaceAsync(type, id!, prepared.Resource!, operation.Version, context, cancel);
                return Result(operation, 200, null, tenant.Location(type, replaced.Id), replaced.Version);
            case "PATCH":
                var patched = await store.PatchAsync(type, id!, prepared.Patch!, tenant.Compatibility, operation.Version, context, cancel);
                return Result(operation, 200, null, tenant.Location(type, patched.Id), patched.Version);
            default:
                await store.DeleteAsync(type, id!, operation.Version, context, cancel);
                return Result(operation, 204, null, tenant.Location(type, id!));
        }
    }

    /// <summary>"/Users", "/Users/{id}", "/Groups/bulkId:x" → the tenant's resource type and the (resolved) id.</summary>
    private static (ResourceTypeDefinition Type, string? Id) Target(ScimRequest request, BulkOperation operation, Dictionary<string, string> createdIds)
    {
        var segments = operation.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var type = segments.Length is 1 or 2
            ? request.Tenant.Schemas.All.FirstOrDefault(t => string.Equals(t.Endpoint.TrimStart('/'), segments[0], StringComparison.OrdinalIgnoreCase))
            : null;
        if (type is null)
        {
            throw ScimException.InvalidPath($"The bulk path '{operation.Path}' names no resource type of this endpoint.");
        }

        return (type, segments.Length == 2 ? BulkIdResolver.SubstituteText(Uri.UnescapeDataString(segments[1]), createdIds) : null);
    }

    private static string RequireId(string? id) => id ?? throw ScimException.InvalidPath("PUT, PATCH and DELETE paths name one resource, e.g. /Users/{id}.");

    private static JsonObject Result(BulkOperation operation, int status, JsonObject? response, string? location = null, string? version = null)
    {
        var result = new JsonObject { ["method"] = operation.Method };
        if (operation.BulkId is not null)
        {
            result["bulkId"] = operation.BulkId;
        }

        if (version is not null)
        {
            result["version"] = version;
        }

        if (location is not null)
        {
            result["location"] = location;
        }

        result["status"] = status.ToString(CultureInfo.InvariantCulture);
        if (response is not null)
        {
            result["response"] = response;
        }

        return result;
    }
}
