using System.Text.Json.Nodes;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

/// <summary>Stored documents as the store hands them to the projector.</summary>
internal static class ProjectionTestData
{
    public static JsonObject StoredUser() => Json($$"""
        {
          "schemas": ["{{UserUrn}}", "{{EnterpriseUrn}}"],
          "id": "u1",
          "externalId": "e1",
          "userName": "bjensen",
          "name": { "givenName": "Barbara", "familyName": "Jensen" },
          "displayName": "Babs",
          "active": true,
          "password": "secret",
          "emails": [{ "value": "b@example.com", "type": "work", "primary": true }, { "value": "babs@home.org", "type": "home" }],
          "groups": [{ "value": "g1", "display": "Tour Guides" }],
          "{{EnterpriseUrn}}": { "employeeNumber": "701984", "manager": { "value": "m1", "displayName": "John" } },
          "meta": { "resourceType": "User", "location": "https://x/Users/u1", "version": "W/\"1\"" }
        }
        """);

    public static JsonObject StoredGroup() => Json($$"""
        {
          "schemas": ["{{GroupUrn}}"],
          "id": "g1",
          "displayName": "Tour Guides",
          "members": [{ "value": "u1", "display": "Babs", "type": "User" }],
          "meta": { "resourceType": "Group" }
        }
        """);

    public static JsonObject ProjectUser(string? attributes, string? excludedAttributes, JsonObject? user = null, ResourceTypeDefinition? type = null)
    {
        type ??= UserType;
        return ResourceProjector.Project(user ?? StoredUser(), type, AttributeSelection.Parse(attributes, excludedAttributes, type));
    }
}
