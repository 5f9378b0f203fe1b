using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Tests.Resources;

/// <summary>Terse helpers for validation and projection tests.</summary>
internal static class ResourceTestData
{
    public const string UserUrn = ScimSchemaUrns.User;
    public const string GroupUrn = ScimSchemaUrns.Group;
    public const string EnterpriseUrn = ScimSchemaUrns.EnterpriseUser;

    public static ResourceTypeDefinition UserType => ScimSchemas.UserResourceType();
    public static ResourceTypeDefinition GroupType => ScimSchemas.GroupResourceType();

    public static CompatibilityOptions Strict { get; } = new() { UnknownAttributes = UnknownAttributePolicy.Reject, BooleanStrings = false };

    public static CompatibilityOptions RejectUnknown { get; } = new() { UnknownAttributes = UnknownAttributePolicy.Reject };

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Normalizes a User body given as the attributes after <c>"schemas"</c> (a JSON fragment, may be empty).</summary>
    public static JsonObject NormalizeUser(string attributes, CompatibilityOptions? options = null) =>
        ResourceValidator.Normalize(UserBody(attributes), UserType, options);

    public static JsonObject UserBody(string attributes) =>
        Json($$"""{ "schemas": ["{{UserUrn}}"], "userName": "bjensen"{{(attributes.Length > 0 ? ", " : string.Empty)}}{{attributes}} }""");

    public static ScimException AssertScimError(ScimType scimType, Action action)
    {
        var error = Assert.Throws<ScimException>(action);
        Assert.Equal(400, error.Status);
        Assert.Equal(scimType, error.ScimType);
        return error;
    }

    public static void AssertJsonEqual(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {JsonNode.Parse(expected)?.ToJsonString()} but got {actual?.ToJsonString()}");
}
