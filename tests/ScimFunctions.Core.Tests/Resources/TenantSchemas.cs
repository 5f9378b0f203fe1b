using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Tests.Resources;

/// <summary>A tenant extension schema defined as data, the way a tenant adds custom attributes.</summary>
internal static class TenantSchemas
{
    public const string BadgeUrn = "urn:example:params:scim:schemas:extension:acme:2.0:Badge";

    public static SchemaDefinition Badge { get; } = SchemaJson.FromJson(ResourceTestData.Json($$"""
        {
          "id": "{{BadgeUrn}}",
          "name": "Badge",
          "description": "Building access badge",
          "attributes": [
            { "name": "badgeNumber", "type": "string", "required": true, "caseExact": true, "uniqueness": "server" },
            { "name": "floor", "type": "integer" },
            { "name": "clearance", "type": "decimal" },
            { "name": "issued", "type": "dateTime" },
            { "name": "photo", "type": "binary" },
            { "name": "serial", "type": "string", "mutability": "immutable" },
            { "name": "pin", "type": "string", "mutability": "writeOnly", "returned": "never" },
            { "name": "auditTrail", "type": "string", "returned": "request" },
            { "name": "tags", "type": "string", "multiValued": true },
            { "name": "doors", "type": "complex", "multiValued": true, "subAttributes": [
                { "name": "label", "type": "string" },
                { "name": "code", "type": "string", "required": true },
                { "name": "primary", "type": "boolean" }
            ] },
            { "name": "holder", "type": "complex", "subAttributes": [
                { "name": "id", "type": "string", "mutability": "immutable", "caseExact": true },
                { "name": "note", "type": "string" }
            ] }
          ]
        }
        """));
}
