namespace ScimFunctions.Core.Schemas;

/// <summary>The Enterprise User extension, RFC 7643 §4.3 with the characteristics of §8.7.1.</summary>
internal static class EnterpriseUserSchema
{
    public static SchemaDefinition Build() => new(
        ScimSchemaUrns.EnterpriseUser,
        "EnterpriseUser",
        "Enterprise User",
        [
            new("employeeNumber", ScimAttributeType.String, description: "Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization."),
            new("costCenter", ScimAttributeType.String, description: "Identifies the name of a cost center."),
            new("organization", ScimAttributeType.String, description: "Identifies the name of an organization."),
            new("division", ScimAttributeType.String, description: "Identifies the name of a division."),
            new("department", ScimAttributeType.String, description: "Identifies the name of a department."),
            new("manager", ScimAttributeType.Complex,
                description: "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
                subAttributes:
                [
                    new("value", ScimAttributeType.String, description: "The id of the SCIM resource representing the User's manager."),
                    new("$ref", ScimAttributeType.Reference, referenceTypes: ["User"], description: "The URI of the SCIM resource representing the User's manager."),
                    new("displayName", ScimAttributeType.String, mutability: Mutability.ReadOnly, description: "The displayName of the User's manager. OPTIONAL and READ-ONLY."),
                ]),
        ]);
}
