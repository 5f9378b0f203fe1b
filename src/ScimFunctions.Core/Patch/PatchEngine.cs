using System.Text.Json.Nodes;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Patch;

/// <summary>Applies a PATCH atomically: to a copy, every operation or none.</summary>
public static class PatchEngine
{
    public static PatchResult Apply(JsonObject resource, PatchRequest request, ResourceTypeDefinition resourceType, PatchOptions? options = null)
        => throw new NotImplementedException();
}
