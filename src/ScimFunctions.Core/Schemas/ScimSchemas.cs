namespace ScimFunctions.Core.Schemas;

/// <summary>The built-in schemas of RFC 7643 §4 (User, Group) and §4.3 (Enterprise User), with every characteristic.</summary>
public static class ScimSchemas
{
    public static SchemaDefinition User { get; } = UserSchema.Build();
    public static SchemaDefinition EnterpriseUser { get; } = EnterpriseUserSchema.Build();
    public static SchemaDefinition Group { get; } = GroupSchema.Build();

    /// <summary>The built-in schemas, in the order /Schemas lists them.</summary>
    public static IReadOnlyList<SchemaDefinition> All { get; } = [User, EnterpriseUser, Group];

    // Declared after the schemas on purpose: static initializers run in textual order.
    private static readonly ResourceTypeDefinition _defaultUserResourceType = BuildUserResourceType([]);
    private static readonly ResourceTypeDefinition _defaultGroupResourceType = BuildGroupResourceType([]);

    /// <summary>Finds a built-in schema by URN, case-insensitively.</summary>
    public static SchemaDefinition? FindBuiltIn(string urn) =>
        All.FirstOrDefault(schema => string.Equals(schema.Id, urn, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The User resource type with the Enterprise extension (not required) plus any tenant extension schemas.
    /// Throws <see cref="ArgumentException"/> when a tenant extension reuses a schema URN the type already has.
    /// </summary>
    public static ResourceTypeDefinition UserResourceType(IReadOnlyList<SchemaExtension>? tenantExtensions = null) =>
        tenantExtensions is null or { Count: 0 } ? _defaultUserResourceType : BuildUserResourceType(tenantExtensions);

    /// <summary>The Group resource type plus any tenant extension schemas (same rules as <see cref="UserResourceType"/>).</summary>
    public static ResourceTypeDefinition GroupResourceType(IReadOnlyList<SchemaExtension>? tenantExtensions = null) =>
        tenantExtensions is null or { Count: 0 } ? _defaultGroupResourceType : BuildGroupResourceType(tenantExtensions);

    private static ResourceTypeDefinition BuildUserResourceType(IReadOnlyList<SchemaExtension> tenantExtensions) =>
        new("User", "/Users", "User Account", User, WithoutDuplicates(User, [new SchemaExtension(EnterpriseUser, Required: false), .. tenantExtensions]));

    private static ResourceTypeDefinition BuildGroupResourceType(IReadOnlyList<SchemaExtension> tenantExtensions) =>
        new("Group", "/Groups", "Group", Group, WithoutDuplicates(Group, tenantExtensions));

    private static List<SchemaExtension> WithoutDuplicates(SchemaDefinition core, IReadOnlyList<SchemaExtension> extensions)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { core.Id };
        foreach (var extension in extensions)
        {
            ArgumentNullException.ThrowIfNull(extension);
            if (!seen.Add(extension.Schema.Id))
            {
                throw new ArgumentException($"Schema '{extension.Schema.Id}' appears more than once in the resource type.", nameof(extensions));
            }
        }

        return [.. extensions];
    }
}
