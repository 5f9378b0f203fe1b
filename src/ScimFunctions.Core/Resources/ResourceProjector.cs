using System.Text.Json.Nodes;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Resources;

/// <summary>Applies an <see cref="AttributeSelection"/> and the <c>returned</c> characteristics to a document.</summary>
public static class ResourceProjector
{
    public static JsonObject Project(JsonObject resource, ResourceTypeDefinition resourceType, AttributeSelection selection)
        => throw new NotImplementedException();
}
