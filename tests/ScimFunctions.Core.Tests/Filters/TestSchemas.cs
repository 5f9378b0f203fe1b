using System.Text.Json.Nodes;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Tests.Filters;

/// <summary>
/// The built-in resource types plus a tenant extension with the types the built-in schemas lack (integer, decimal,
/// a multi-valued simple attribute), and sample documents in normalized SCIM shape.
/// </summary>
internal static class TestSchemas
{
    public const string AcmeUrn = "urn:example:params:scim:schemas:extension:acme:2.0:User";
    public const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static SchemaDefinition Acme { get; } = new(AcmeUrn, "AcmeUser", "Tenant-defined attributes",
    [
        new("level", ScimAttributeType.Integer),
        new("score", ScimAttributeType.Decimal),
        new("hired", ScimAttributeType.DateTime),
        new("badge", ScimAttributeType.Binary),
        new("tags", ScimAttributeType.String, multiValued: true),
        new("code", ScimAttributeType.String, caseExact: true),
    ]);

    public static ResourceTypeDefinition User { get; } = ScimSchemas.UserResourceType([new SchemaExtension(Acme, Required: false)]);

    public static ResourceTypeDefinition Group { get; } = ScimSchemas.GroupResourceType();

    /// <summary>Babs Jensen of RFC 7643 §8.2, trimmed, with enterprise and tenant extension values.</summary>
    public static JsonObject Babs() => JsonNode.Parse($$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "{{EnterpriseUrn}}", "{{AcmeUrn}}"],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "Ext-701984",
          "userName": "bjensen@example.com",
          "name": { "familyName": "Jensen", "givenName": "Barbara", "formatted": "Ms. Barbara J Jensen III" },
          "displayName": "Babs Jensen",
          "title": "",
          "userType": "Employee",
          "active": true,
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "roles": [ { "value": "Admin", "primary": "True" } ],
          "x509Certificates": [ { "value": "MIIDQzCCAqygAwIBAgICEAAwDQYJ" } ],
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
            "version": "W/\"3694e05e9dff591\""
          },
          "{{EnterpriseUrn}}": {
            "employeeNumber": "701984",
            "manager": { "value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith" }
          },
          "{{AcmeUrn}}": {
            "level": 7,
            "score": 12.50,
            "hired": "2015-03-01T09:00:00+01:00",
            "badge": "QUJD",
            "tags": ["blue", "Green"],
            "code": "AbC"
          }
        }
        """)!.AsObject();

    public static JsonObject Tour() => JsonNode.Parse("""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
          "displayName": "Tour Guides",
          "members": [
            { "value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen" },
            { "value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge" }
          ]
        }
        """)!.AsObject();
}
