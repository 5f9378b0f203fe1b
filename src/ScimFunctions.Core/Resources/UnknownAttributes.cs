namespace ScimFunctions.Core.Resources;

/// <summary>Applies <see cref="CompatibilityOptions.UnknownAttributes"/> to an attribute no schema of the resource type defines.</summary>
internal static class UnknownAttributes
{
    /// <summary>Returns when the attribute is to be dropped; throws 400 invalidSyntax when the tenant rejects unknown attributes.</summary>
    public static void Handle(string path, CompatibilityOptions options)
    {
        if (options.UnknownAttributes == UnknownAttributePolicy.Reject)
        {
            throw ScimException.InvalidSyntax($"Attribute '{path}' is not defined by any schema of this resource type.");
        }
    }
}
