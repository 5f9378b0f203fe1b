using System.Text.Json.Nodes;
using ScimFunctions.Core;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Consistency;
using ScimFunctions.Storage.Diagnostics;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>
/// A <see cref="TableStorage"/> on fresh random tables with a request counter and a fault injector attached, and
/// helpers that create tenants and SCIM documents the way the HTTP layer would (through the core's validator).
/// </summary>
public sealed class StorageHarness
{
    private StorageHarness(TableStorage storage, StorageRequestCounter requests, FaultInjectionPolicy faults)
    {
        Storage = storage;
        Requests = requests;
        Faults = faults;
    }

    public static ResourceTypeDefinition UserType { get; } = ScimSchemas.UserResourceType();

    public static ResourceTypeDefinition GroupType { get; } = ScimSchemas.GroupResourceType();

    public TableStorage Storage { get; }

    public StorageRequestCounter Requests { get; }

    public FaultInjectionPolicy Faults { get; }

    public static async Task<StorageHarness> CreateAsync(string connectionString, Action<TableStoreOptions>? configure = null)
    {
        var requests = new StorageRequestCounter();
        var faults = new FaultInjectionPolicy();
        var options = new TableStoreOptions
        {
            ConnectionString = connectionString,
            ResourceTable = TestNames.TableName("scim"),
            TenantTable = TestNames.TableName("tenants"),
            ChangeFeedSettleTime = TimeSpan.Zero,
            MaxRetries = 1,
        };
        options.PerCallPolicies.Add(faults);
        options.PerRetryPolicies.Add(requests);
        configure?.Invoke(options);
        return new StorageHarness(await TableStorage.CreateAsync(options), requests, faults);
    }

    public async Task<ITenantScimStore> NewTenantAsync(TenantPolicy? policy = null, string? id = null)
    {
        var tenant = await Storage.Tenants.CreateAsync(new TenantRecord { Id = TenantId.Parse(id ?? TestNames.TenantId()), Policy = policy ?? TenantPolicy.Default });
        return await Storage.Stores.GetStoreAsync(tenant.Id);
    }

    public Task<ConsistencyReport> CheckAsync(ITenantScimStore store) => ConsistencyChecker.CheckAsync(Storage, store.Tenant);

    public static JsonObject User(string userName, string? externalId = null, bool active = true, string? displayName = null)
    {
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.User),
            ["userName"] = userName,
            ["active"] = active,
            ["name"] = new JsonObject { ["givenName"] = "Given", ["familyName"] = userName },
            ["emails"] = new JsonArray(new JsonObject { ["value"] = userName + "@example.com", ["type"] = "work", ["primary"] = true }),
        };
        if (externalId is not null)
        {
            json["externalId"] = externalId;
        }

        if (displayName is not null)
        {
            json["displayName"] = displayName;
        }

        return ResourceValidator.Normalize(json, UserType);
    }

    public static JsonObject Group(string displayName, params string[] memberIds)
    {
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.Group),
            ["displayName"] = displayName,
        };
        if (memberIds.Length > 0)
        {
            json["members"] = new JsonArray([.. memberIds.Select(id => (JsonNode)new JsonObject { ["value"] = id })]);
        }

        return ResourceValidator.Normalize(json, GroupType);
    }

    public static PatchRequest Patch(string json) => PatchRequest.Parse(JsonNode.Parse(json));

    public static PatchRequest AddMembers(params string[] ids) =>
        new([new PatchOperation(PatchOperationType.Add, "members", new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["value"] = id })]))]);

    public static PatchRequest RemoveMembers(params string[] ids) =>
        new([new PatchOperation(PatchOperationType.Remove, "members", new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["value"] = id })]))]);

    public static ScimQuery ListQuery(ResourceTypeDefinition type, string? filter = null, int? startIndex = null, int? count = null, string? cursor = null, string? sortBy = null, string? excludedAttributes = null)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["filter"] = filter,
            ["startIndex"] = startIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["count"] = count?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cursor"] = cursor,
            ["sortBy"] = sortBy,
            ["excludedAttributes"] = excludedAttributes,
        };
        return ScimQuery.FromQueryString(name => parameters.GetValueOrDefault(name), type);
    }

    public static AttributeSelection Exclude(ResourceTypeDefinition type, string attributes) => AttributeSelection.Parse(null, attributes, type);

    public static IReadOnlyList<string> MemberIds(StoredResource group) =>
        group.Resource["members"] is JsonArray members ? [.. members.Select(m => (string)m!["value"]!).Order(StringComparer.Ordinal)] : [];

    public static IReadOnlyList<string> GroupIds(StoredResource user) =>
        user.Resource["groups"] is JsonArray groups ? [.. groups.Select(m => (string)m!["value"]!).Order(StringComparer.Ordinal)] : [];
}
