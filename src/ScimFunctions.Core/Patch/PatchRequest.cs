using System.Text.Json.Nodes;

namespace ScimFunctions.Core.Patch;

/// <summary>A parsed RFC 7644 PatchOp message.</summary>
public sealed class PatchRequest
{
    public PatchRequest(IReadOnlyList<PatchOperation> operations) => Operations = operations;

    public IReadOnlyList<PatchOperation> Operations { get; }

    /// <summary>Parses and checks the message shape (schemas, Operations, op names); 400 invalidSyntax / invalidValue otherwise.</summary>
    public static PatchRequest Parse(JsonNode? body, CompatibilityOptions? options = null) => throw new NotImplementedException();
}
