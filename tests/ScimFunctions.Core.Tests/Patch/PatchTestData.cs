using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>Sample resources and a terse way to apply a PATCH to them.</summary>
internal static class PatchTestData
{
    public const string Enterprise = ScimSchemaUrns.EnterpriseUser;
    public const string ManagerId = "26118915-6090-4610-87e4-49d8ca9f808d";
    public const string UserId = "2819c223-7f76-453a-919d-413861904646";

    public static ResourceTypeDefinition UserType { get; } = ScimSchemas.UserResourceType();

    public static ResourceTypeDefinition GroupType { get; } = ScimSchemas.GroupResourceType();

    public static JsonObject User() => JsonNode.Parse($$"""
        {
          "schemas": ["{{ScimSchemaUrns.User}}", "{{Enterprise}}"],
          "id": "{{UserId}}",
          "externalId": "ext-bjensen",
          "userName": "bjensen@example.com",
          "name": { "givenName": "Barbara", "familyName": "Jensen", "formatted": "Ms. Barbara J Jensen III" },
          "displayName": "Babs Jensen",
          "active": true,
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "phoneNumbers": [ { "value": "555-555-5555", "type": "work" } ],
          "groups": [ { "value": "g1", "display": "Tour Guides" } ],
          "{{Enterprise}}": {
            "employeeNumber": "701984",
            "department": "Tour Operations",
            "manager": { "value": "{{ManagerId}}", "displayName": "John Smith" }
          },
          "meta": { "resourceType": "User", "created": "2024-01-01T00:00:00Z", "lastModified": "2024-01-01T00:00:00Z", "version": "W/\"1\"" }
        }
        """)!.AsObject();

    /// <summary>A user with only what is required (no emails, no extension).</summary>
    public static JsonObject MinimalUser() => JsonNode.Parse($$"""
        {
          "schemas": ["{{ScimSchemaUrns.User}}"],
          "id": "{{UserId}}",
          "userName": "minimal@example.com",
          "active": true
        }
        """)!.AsObject();

    public static JsonObject Group() => JsonNode.Parse($$"""
        {
          "schemas": ["{{ScimSchemaUrns.Group}}"],
          "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
          "displayName": "Tour Guides",
          "members": [
            { "value": "u1", "display": "Ann" },
            { "value": "u2", "display": "Bob" },
            { "value": "u3" }
          ]
        }
        """)!.AsObject();

    /// <summary>A PatchOp message with the given operations (a JSON array).</summary>
    public static JsonObject Message(string operations) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemaUrns.PatchOp),
        ["Operations"] = JsonNode.Parse(operations),
    };

    public static PatchResult Apply(JsonObject resource, string operations, PatchOptions? options = null, ResourceTypeDefinition? resourceType = null)
    {
        var request = PatchRequest.Parse(Message(operations), options?.Compatibility);
        return PatchEngine.Apply(resource, request, resourceType ?? TypeOf(resource), options);
    }

    public static PatchResult ApplyToUser(string operations, PatchOptions? options = null) => Apply(User(), operations, options);

    public static PatchResult ApplyToGroup(string operations, PatchOptions? options = null) => Apply(Group(), operations, options);

    /// <summary>Applies and expects a 400 SCIM error, checking the input was not modified.</summary>
    public static ScimException Rejects(JsonObject resource, string operations, PatchOptions? options = null, ResourceTypeDefinition? resourceType = null)
    {
        var before = resource.DeepClone();
        var error = Assert.Throws<ScimException>(() => Apply(resource, operations, options, resourceType));
        Assert.Equal(400, error.Status);
        Assert.True(JsonNode.DeepEquals(before, resource), "A failed PATCH modified its input document.");
        return error;
    }

    public static ScimException RejectsUser(string operations, PatchOptions? options = null) => Rejects(User(), operations, options);

    public static JsonNode? EnterpriseValue(this JsonObject resource, string name) => resource[Enterprise]?[name];

    /// <summary>The <c>value</c> sub-attributes of a multi-valued attribute, in order.</summary>
    public static string[] Values(this JsonObject resource, string attribute) =>
        resource[attribute] is JsonArray values ? [.. values.Select(value => (string)value!["value"]!)] : [];

    public static PatchOptions ExternalizedMembers(CompatibilityOptions? compatibility = null) => new()
    {
        ExternalizedAttribute = "members",
        Compatibility = compatibility ?? CompatibilityOptions.Default,
    };

    private static ResourceTypeDefinition TypeOf(JsonObject resource) =>
        resource["schemas"]!.AsArray().Any(urn => (string?)urn == ScimSchemaUrns.Group) ? GroupType : UserType;
}
