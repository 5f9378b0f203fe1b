using ScimFunctions.Http.Handlers;
using ScimFunctions.Http.Mcp;
using ScimFunctions.Http.Operator;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Routing;

/// <summary>
/// The whole HTTP surface on one screen. The local host maps every entry onto Kestrel; the Function App has exactly
/// one function per entry with the same name, methods and template (a test reads the SDK-generated functions.metadata to prove it).
/// </summary>
public static class ScimRoutes
{
    /// <summary>The SCIM base of the routes that name no tenant: the bearer token's <c>scim_{tenantId}_</c> prefix does.</summary>
    public const string TokenBase = "scim/v2";

    /// <summary>The SCIM base of a tenant's routes: <see cref="TokenBase"/> and the tenant's id.</summary>
    public const string TenantBase = TokenBase + "/{tenantId}";

    /// <summary>The suffix of the name of a route's twin under <see cref="TokenBase"/>.</summary>
    public const string ByTokenSuffix = "ByToken";

    public const string OperatorBase = "operator";

    /// <summary>The MCP endpoint of a tenant (stateless Streamable HTTP: POST only).</summary>
    public const string McpTemplate = "mcp/{tenantId}";

    private static readonly string[] _get = ["get"];
    private static readonly string[] _post = ["post"];
    private static readonly string[] _put = ["put"];
    private static readonly string[] _patch = ["patch"];
    private static readonly string[] _delete = ["delete"];

    /// <summary>Every method a client may send; the fallback answers all of them.</summary>
    public static IReadOnlyList<string> AllMethods { get; } = ["get", "post", "put", "patch", "delete", "head", "options"];

    public static IReadOnlyList<ScimRoute> All { get; } =
    [
        .. TenantRoutes(),
        .. TenantRoutes().Select(ByToken),
        new("Mcp", _post, McpTemplate, RouteAccess.Tenant, McpEndpoint.HandleAsync) { IsMcp = true },

        Operator("ListTenants", _get, "tenants", TenantAdminHandlers.ListAsync),
        Operator("CreateTenant", _post, "tenants", TenantAdminHandlers.CreateAsync),
        Operator("GetTenant", _get, "tenants/{tenantId}", TenantAdminHandlers.GetAsync),
        Operator("DeleteTenant", _delete, "tenants/{tenantId}", TenantAdminHandlers.DeleteAsync),
        Operator("SuspendTenant", _post, "tenants/{tenantId}/suspend", TenantAdminHandlers.SuspendAsync),
        Operator("ResumeTenant", _post, "tenants/{tenantId}/resume", TenantAdminHandlers.ResumeAsync),
        Operator("SetTenantPolicy", _put, "tenants/{tenantId}/policy", TenantAdminHandlers.SetPolicyAsync),
        Operator("SetTenantCompatibility", _put, "tenants/{tenantId}/compatibility", TenantAdminHandlers.SetCompatibilityAsync),
        Operator("SetTenantSchemas", _put, "tenants/{tenantId}/schemas", TenantAdminHandlers.SetSchemasAsync),
        Operator("MoveTenant", _post, "tenants/{tenantId}/move", TenantAdminHandlers.MoveAsync),
        Operator("GetTenantMove", _get, "tenants/{tenantId}/move", TenantAdminHandlers.GetMoveAsync),
        Operator("RollBackTenantMove", _post, "tenants/{tenantId}/move/rollback", TenantAdminHandlers.RollBackMoveAsync),
        Operator("ListTokens", _get, "tenants/{tenantId}/tokens", TokenAdminHandlers.ListAsync),
        Operator("IssueToken", _post, "tenants/{tenantId}/tokens", TokenAdminHandlers.IssueAsync),
        Operator("RotateToken", _post, "tenants/{tenantId}/tokens/rotate", TokenAdminHandlers.RotateAsync),
        Operator("RevokeToken", _delete, "tenants/{tenantId}/tokens/{tokenId}", TokenAdminHandlers.RevokeAsync),
        Operator("ReadChanges", _get, "tenants/{tenantId}/changes", ChangeAdminHandlers.ReadAsync),
        Operator("ReadAudit", _get, "tenants/{tenantId}/audit", ChangeAdminHandlers.ReadAuditAsync),

        // Events (docs/events.md): webhook endpoints, and a tenant's resources for the SaaS without the tenant's token.
        Operator("ListWebhooks", _get, "webhooks", WebhookAdminHandlers.ListAsync),
        Operator("AddWebhook", _post, "webhooks", WebhookAdminHandlers.AddAsync),
        Operator("RemoveWebhook", _delete, "webhooks/{webhookId}", WebhookAdminHandlers.RemoveAsync),
        Operator("RotateWebhookSecret", _post, "webhooks/{webhookId}/rotate-secret", WebhookAdminHandlers.RotateSecretAsync),
        Operator("TestWebhook", _post, "webhooks/{webhookId}/test", WebhookAdminHandlers.TestAsync),
        Operator("ReplayWebhook", _post, "webhooks/{webhookId}/replay", WebhookAdminHandlers.ReplayAsync),
        Operator("OperatorGetUser", _get, "tenants/{tenantId}/Users/{id}", WebhookAdminHandlers.GetUserAsync),
        Operator("OperatorGetGroup", _get, "tenants/{tenantId}/Groups/{id}", WebhookAdminHandlers.GetGroupAsync),

        new("Health", _get, "health", RouteAccess.Anonymous, HealthHandler.HandleAsync),
        new(FallbackName, AllMethods, "{*path}", RouteAccess.Anonymous, FallbackHandler.HandleAsync),
    ];

    /// <summary>The catch-all route: SCIM 404 for unknown URLs, SCIM 405 for a known URL with another method.</summary>
    public const string FallbackName = "NotFound";

    private static readonly Dictionary<string, ScimRoute> _byName = All.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The route named <paramref name="name"/>; throws for an unknown name (a programming error of a host).</summary>
    public static ScimRoute Get(string name) =>
        _byName.TryGetValue(name, out var route) ? route : throw new ArgumentException($"No route is named '{name}'.", nameof(name));

    // Every tenant route once with the tenant in the path (scim/v2/{tenantId}/…); ByToken makes its twin without it.
    private static IEnumerable<ScimRoute> TenantRoutes() =>
    [
        .. ResourceRoutes(ResourceKind.User, "Users", "User"),
        .. ResourceRoutes(ResourceKind.Group, "Groups", "Group"),
        Tenant("SearchAll", _post, ".search", SearchHandlers.SearchAllAsync),
        Tenant("Bulk", _post, "Bulk", BulkHandler.HandleAsync) with { IsBulk = true, RequiredOperation = AllowedOperations.None },
        Tenant("Me", ["get", "post", "put", "patch", "delete"], "Me", MeHandler.HandleAsync),
        Tenant("GetServiceProviderConfig", _get, "ServiceProviderConfig", DiscoveryHandlers.ServiceProviderConfigAsync),
        Tenant("ListResourceTypes", _get, "ResourceTypes", DiscoveryHandlers.ListResourceTypesAsync),
        Tenant("GetResourceType", _get, "ResourceTypes/{name}", DiscoveryHandlers.GetResourceTypeAsync),
        Tenant("ListSchemas", _get, "Schemas", DiscoveryHandlers.ListSchemasAsync),
        Tenant("GetSchema", _get, "Schemas/{urn}", DiscoveryHandlers.GetSchemaAsync),
    ];

    private static ScimRoute ByToken(ScimRoute route) => route with
    {
        Name = route.Name + ByTokenSuffix,
        Template = TokenBase + route.Template[TenantBase.Length..],
        TenantFromToken = true,
    };

    private static IEnumerable<ScimRoute> ResourceRoutes(ResourceKind kind, string endpoint, string singular)
    {
        var handlers = new ResourceHandlers(kind);
        yield return Tenant($"List{endpoint}", _get, endpoint, handlers.ListAsync);
        yield return Tenant($"Create{singular}", _post, endpoint, handlers.CreateAsync) with { RequiredOperation = AllowedOperations.Create };
        yield return Tenant($"Search{endpoint}", _post, endpoint + "/.search", handlers.SearchAsync);
        yield return Tenant($"Get{singular}", _get, endpoint + "/{id}", handlers.GetAsync);
        yield return Tenant($"Replace{singular}", _put, endpoint + "/{id}", handlers.ReplaceAsync) with { RequiredOperation = AllowedOperations.Update };
        yield return Tenant($"Patch{singular}", _patch, endpoint + "/{id}", handlers.PatchAsync) with { RequiredOperation = AllowedOperations.Update };
        yield return Tenant($"Delete{singular}", _delete, endpoint + "/{id}", handlers.DeleteAsync) with { RequiredOperation = AllowedOperations.Delete };
    }

    private static ScimRoute Tenant(string name, string[] methods, string path, ScimHandler handler) =>
        new(name, methods, TenantBase + "/" + path, RouteAccess.Tenant, handler);

    private static ScimRoute Operator(string name, string[] methods, string path, ScimHandler handler) =>
        new(name, methods, OperatorBase + "/" + path, RouteAccess.Operator, handler);
}
