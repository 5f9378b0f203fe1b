namespace ScimFunctions.Core.Schemas;

/// <summary>The built-in schemas of RFC 7643 §4 (User, Group) and §4.3 (Enterprise User), with every characteristic.</summary>
public static class ScimSchemas
{
    public static SchemaDefinition User => throw new NotImplementedException();
    public static SchemaDefinition EnterpriseUser => throw new NotImplementedException();
    public static SchemaDefinition Group => throw new NotImplementedException();

    /// <summary>The User resource type with the Enterprise extension plus any tenant extension schemas.</summary>
    public static ResourceTypeDefinition UserResourceType(IReadOnlyList<SchemaExtension>? tenantExtensions = null) => throw new NotImplementedException();

    /// <summary>The Group resource type plus any tenant extension schemas.</summary>
    public static ResourceTypeDefinition GroupResourceType(IReadOnlyList<SchemaExtension>? tenantExtensions = null) => throw new NotImplementedException();
}
