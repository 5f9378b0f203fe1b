using ScimFunctions.Core.Paging;

namespace ScimFunctions.Core.Schemas;

/// <summary>What a tenant's endpoint supports, as advertised by /ServiceProviderConfig.</summary>
public sealed record ServiceProviderCapabilities
{
    public bool BulkSupported { get; init; } = true;
    public int BulkMaxOperations { get; init; } = 100;
    public int BulkMaxPayloadSize { get; init; } = 1_048_576;
    public int FilterMaxResults { get; init; } = 1000;
    public bool SortSupported { get; init; } = true;
    public bool EtagSupported { get; init; } = true;
    public bool CursorPagingSupported { get; init; } = true;
    public bool IndexPagingSupported { get; init; } = true;
    public int DefaultPageSize { get; init; } = 100;
    public int MaxPageSize { get; init; } = 1000;
    public TimeSpan CursorTimeout { get; init; } = TimeSpan.FromHours(1);
    public string? DocumentationUri { get; init; }

    /// <summary>The paging limits these capabilities advertise, for <see cref="PageRequest.Parse"/>.</summary>
    public PagingLimits PagingLimits => new(DefaultPageSize, MaxPageSize);
}

/// <summary>
/// Generates the discovery documents (RFC 7643 §5, §6, §7; RFC 9865 §4) from the definitions, each with
/// <c>meta.resourceType</c> and <c>meta.location</c>. <c>baseUrl</c> is the tenant's SCIM base URL
/// (e.g. https://host/scim/v2/acme); a trailing '/' is ignored.
/// </summary>
public static class DiscoveryDocuments
{
    public static JsonObject ServiceProviderConfig(ServiceProviderCapabilities capabilities, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var document = new JsonObject { ["schemas"] = new JsonArray(ScimSchemaUrns.ServiceProviderConfig) };
        if (capabilities.DocumentationUri is { } documentation)
        {
            document["documentationUri"] = documentation;
        }

        document["patch"] = Supported(true);
        document["bulk"] = new JsonObject
        {
            ["supported"] = capabilities.BulkSupported,
            ["maxOperations"] = capabilities.BulkMaxOperations,
            ["maxPayloadSize"] = capabilities.BulkMaxPayloadSize,
        };
        document["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = capabilities.FilterMaxResults };
        document["changePassword"] = Supported(false);
        document["sort"] = Supported(capabilities.SortSupported);
        document["etag"] = Supported(capabilities.EtagSupported);
        document["pagination"] = new JsonObject
        {
            ["cursor"] = capabilities.CursorPagingSupported,
            ["index"] = capabilities.IndexPagingSupported,
            ["defaultPaginationMethod"] = capabilities.IndexPagingSupported || !capabilities.CursorPagingSupported ? "index" : "cursor",
            ["defaultPageSize"] = capabilities.DefaultPageSize,
            ["maxPageSize"] = capabilities.MaxPageSize,
            ["cursorTimeout"] = (long)capabilities.CursorTimeout.TotalSeconds,
        };
        document["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "Authentication with a per-tenant bearer token (RFC 6750 Authorization header).",
            ["specUri"] = "https://www.rfc-editor.org/info/rfc6750",
            ["primary"] = true,
        });
        document["meta"] = Meta("ServiceProviderConfig", Base(baseUrl) + "/ServiceProviderConfig");
        return document;
    }

    public static JsonObject ResourceType(ResourceTypeDefinition resourceType, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var document = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.ResourceType),
            ["id"] = resourceType.Name,
            ["name"] = resourceType.Name,
            ["endpoint"] = resourceType.Endpoint,
            ["description"] = resourceType.Description,
            ["schema"] = resourceType.Schema.Id,
        };
        if (resourceType.Extensions.Count > 0)
        {
            document["schemaExtensions"] = new JsonArray([.. resourceType.Extensions.Select(extension => new JsonObject
            {
                ["schema"] = extension.Schema.Id,
                ["required"] = extension.Required,
            })]);
        }

        document["meta"] = Meta("ResourceType", Base(baseUrl) + "/ResourceTypes/" + Uri.EscapeDataString(resourceType.Name));
        return document;
    }

    public static JsonObject Schema(SchemaDefinition schema, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return SchemaJson.ToJson(schema, Base(baseUrl) + "/Schemas/" + schema.Id);
    }

    private static JsonObject Supported(bool supported) => new() { ["supported"] = supported };

    private static JsonObject Meta(string resourceType, string location) => new()
    {
        ["resourceType"] = resourceType,
        ["location"] = location,
    };

    private static string Base(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.TrimEnd('/');
    }
}
