using System.Text.Json.Nodes;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>Request bodies as identity providers write them.</summary>
public static class Scim
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string SearchRequestSchema = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public const string BulkRequestSchema = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    public static JsonObject User(string userName, string? externalId = null) => new()
    {
        ["schemas"] = new JsonArray(UserSchema),
        ["userName"] = userName,
        ["externalId"] = externalId ?? Guid.NewGuid().ToString(),
        ["active"] = true,
        ["name"] = new JsonObject { ["givenName"] = "Given", ["familyName"] = "Family" },
        ["emails"] = new JsonArray(new JsonObject { ["type"] = "work", ["value"] = userName, ["primary"] = true }),
    };

    public static JsonObject Group(string displayName, params string[] memberIds) => new()
    {
        ["schemas"] = new JsonArray(GroupSchema),
        ["displayName"] = displayName,
        ["members"] = new JsonArray(memberIds.Select(id => (JsonNode)new JsonObject { ["value"] = id }).ToArray()),
    };

    public static JsonObject Patch(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(PatchOpSchema),
        ["Operations"] = new JsonArray(operations.Cast<JsonNode>().ToArray()),
    };

    public static JsonObject Op(string op, string? path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null)
        {
            operation["path"] = path;
        }

        if (value is not null)
        {
            operation["value"] = value;
        }

        return operation;
    }

    public static string Filter(string filter) => Uri.EscapeDataString(filter);

    public static string UniqueName(string prefix = "user") => $"{prefix}.{Guid.NewGuid():N}@example.com";
}
