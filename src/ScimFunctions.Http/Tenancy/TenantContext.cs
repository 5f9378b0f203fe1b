using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Http.Tenancy;

/// <summary>Which of the tenant's resource types a route serves.</summary>
public enum ResourceKind
{
    User,
    Group,
}

/// <summary>
/// An authenticated tenant as one request sees it: its registry record, its resource types (with its extension
/// schemas) and its SCIM base URL. Built only after the tenant's token was verified.
/// </summary>
public sealed class TenantContext
{
    internal TenantContext(TenantRecord record, TenantSchemas schemas, string baseUrl, string tokenId, TokenScope scope = TokenScope.Scim)
    {
        TokenId = tokenId;
        Scope = scope;
        Record = record;
        Schemas = schemas;
        BaseUrl = baseUrl;
    }

    public TenantId Id => Record.Id;
    public TenantRecord Record { get; }
    public TenantPolicy Policy => Record.Policy;
    public CompatibilityOptions Compatibility => Record.Compatibility;
    public TenantSchemas Schemas { get; }

    /// <summary>The id of the token that authenticated the request (<c>tok-…</c>): the actor of every change it makes.</summary>
    public string TokenId { get; }

    /// <summary>The scope of that token.</summary>
    public TokenScope Scope { get; }

    /// <summary>Absolute SCIM base URL of the tenant, without trailing '/', e.g. <c>https://host/scim/v2/contoso</c>.</summary>
    public string BaseUrl { get; }

    public ResourceTypeDefinition ResourceType(ResourceKind kind) => kind == ResourceKind.User ? Schemas.User : Schemas.Group;

    /// <summary>The absolute URL of a resource, e.g. <c>…/Users/{id}</c>.</summary>
    public string Location(ResourceTypeDefinition resourceType, string id) =>
        BaseUrl + resourceType.Endpoint + "/" + Uri.EscapeDataString(id);
}
