using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Audit;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Operator;

/// <summary>Operator API: the tenant registry (create, list, show, suspend, resume, delete, move, policy, compatibility, schemas).</summary>
public static class TenantAdminHandlers
{
    /// <summary>The body of POST /operator/tenants.</summary>
    public sealed record CreateTenantBody(
        TenantId Id,
        string? DisplayName = null,
        TenantPolicy? Policy = null,
        CompatibilityOptions? Compatibility = null,
        TenantIsolation Isolation = TenantIsolation.Pool,
        string? TableName = null,
        Uri? StorageEndpoint = null,
        JsonNode? ExtensionSchemas = null);

    /// <summary>
    /// The body of POST /operator/tenants/{id}/move: <c>to</c> is <c>pool</c>, <c>silo-table</c> (with <c>table</c>) or
    /// <c>silo-account</c> (with <c>storageEndpoint</c>, optionally <c>table</c>); <c>{}</c> resumes the tenant's move.
    /// </summary>
    public sealed record MoveTenantBody(string? To = null, string? Table = null, string? StorageEndpoint = null);

    /// <summary>Starts or resumes a move and runs it as far as it can go now (docs/operations.md); answers the move's state.</summary>
    public static async Task MoveAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = OperatorJson.Read<MoveTenantBody>(await request.ReadJsonAsync(), "move");
        var tenant = (await LoadAsync(request)).Id;
        var target = body is { To: null, Table: null, StorageEndpoint: null } ? null : TenantLocation.Parse(tenant, body.To, body.Table, body.StorageEndpoint);
        var move = await request.Service<TenantAdministration>().MoveAsync(tenant, target, null, OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 200, TenantMoveJson.Write(move));
    }

    public static async Task GetMoveAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = (await LoadAsync(request)).Id;
        var administration = request.Service<TenantAdministration>();
        var move = await administration.GetMoveAsync(tenant, request.Aborted) ?? throw ScimException.NotFound("This tenant has never been moved.");
        await OperatorJson.WriteAsync(request, 200, TenantMoveJson.Write(move, await administration.GetMoveProgressAsync(move, request.Aborted)));
    }

    public static async Task RollBackMoveAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = (await LoadAsync(request)).Id;
        var move = await request.Service<TenantAdministration>().RollbackMoveAsync(tenant, OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 200, TenantMoveJson.Write(move));
    }

    public static async Task ListAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenants = await request.Service<ITenantRegistry>().ListAsync(request.Aborted);
        await OperatorJson.WriteAsync(request, 200, new JsonObject { ["tenants"] = new JsonArray(tenants.Select(t => (JsonNode)TenantJson.Write(t)).ToArray()) });
    }

    public static async Task CreateAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = OperatorJson.Read<CreateTenantBody>(await request.ReadJsonAsync(), "tenant");
        if (body.Id == default)
        {
            throw ScimException.InvalidValue("'id' is required: 3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.");
        }

        var record = new TenantRecord
        {
            Id = body.Id,
            DisplayName = body.DisplayName,
            Created = request.Service<TimeProvider>().GetUtcNow(),
            Policy = body.Policy ?? TenantPolicy.Default,
            Compatibility = body.Compatibility ?? CompatibilityOptions.Default,
            Isolation = body.Isolation,
            TableName = body.TableName,
            StorageEndpoint = body.StorageEndpoint,
            ExtensionSchemasJson = TenantSchemas.ParseExtensions(body.ExtensionSchemas),
        };
        var created = await request.Service<TenantAdministration>().CreateAsync(record, OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 201, TenantJson.Write(created));
    }

    public static async Task GetAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = await LoadAsync(request);
        await request.Service<RefusalLog>().FlushAsync(request.Aborted);
        await OperatorJson.WriteAsync(request, 200, await request.Service<TenantRefusals>().DescribeAsync(tenant, request.Service<TimeProvider>().GetUtcNow(), request.Aborted));
    }

    public static async Task DeleteAsync(ScimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = (await LoadAsync(request)).Id;
        await request.Service<TenantAdministration>().DeleteAsync(tenant, OperatorAudit.Call(request), request.Aborted);
        request.HttpContext.Response.StatusCode = 204;
    }

    public static Task SuspendAsync(ScimRequest request) => UpdateAsync(request, AuditActions.TenantSuspend, (tenant, _) => tenant with { Status = TenantStatus.Suspended });

    public static Task ResumeAsync(ScimRequest request) => UpdateAsync(request, AuditActions.TenantResume, (tenant, _) => tenant with { Status = TenantStatus.Active });

    public static Task SetPolicyAsync(ScimRequest request) =>
        UpdateAsync(request, AuditActions.TenantPolicy, (tenant, body) => tenant with { Policy = OperatorJson.Merge(tenant.Policy, body, "policy") }, readsBody: true);

    public static Task SetCompatibilityAsync(ScimRequest request) =>
        UpdateAsync(request, AuditActions.TenantCompatibility, (tenant, body) => tenant with { Compatibility = OperatorJson.Merge(tenant.Compatibility, body, "compatibility") }, readsBody: true);

    public static Task SetSchemasAsync(ScimRequest request) =>
        UpdateAsync(request, AuditActions.TenantSchemas, (tenant, body) => tenant with { ExtensionSchemasJson = TenantSchemas.ParseExtensions(body) }, readsBody: true);

    /// <summary>The tenant named by the route; 404 when the id is malformed or unknown.</summary>
    internal static async Task<TenantRecord> LoadAsync(ScimRequest request)
    {
        var tenant = RouteTenant(request);
        return await request.Service<ITenantRegistry>().GetAsync(tenant, request.Aborted) ?? throw ScimException.NotFound("No tenant has this id.");
    }

    /// <summary>The tenant id the route names; 404 when it is malformed.</summary>
    internal static TenantId RouteTenant(ScimRequest request) => request.RouteTenantId ?? throw ScimException.NotFound("No tenant has this id.");

    private static async Task UpdateAsync(ScimRequest request, string action, Func<TenantRecord, JsonNode?, TenantRecord> change, bool readsBody = false)
    {
        var body = readsBody ? await request.ReadJsonAsync() : null;
        var current = await LoadAsync(request);
        var changed = change(current, body);
        var updated = await request.Service<TenantAdministration>().UpdateAsync(changed, action, AuditDetails.Updated(action, changed), OperatorAudit.Call(request), request.Aborted);
        await OperatorJson.WriteAsync(request, 200, TenantJson.Write(updated));
    }
}
