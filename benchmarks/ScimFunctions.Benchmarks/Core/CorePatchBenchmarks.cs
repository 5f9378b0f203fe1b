using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ScimFunctions.Core;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Benchmarks.Core;

/// <summary>
/// PatchRequest.Parse plus PatchEngine.Apply (deep copy, every operation, invariants) for typical Entra ID and Okta
/// PATCH bodies. The JSON text is parsed once in setup: reading the request body is the HTTP layer's cost.
/// </summary>
[MemoryDiagnoser]
public class CorePatchBenchmarks
{
    private const string Enterprise = ScimSchemaUrns.EnterpriseUser;

    private readonly ResourceTypeDefinition _userType = ScimSchemas.UserResourceType();
    private readonly ResourceTypeDefinition _groupType = ScimSchemas.GroupResourceType();
    private readonly PatchOptions _externalizedMembers = new() { ExternalizedAttribute = "members" };
    private readonly PatchOptions _inDocument = new();
    private JsonObject _user = null!;
    private JsonObject _group = null!;
    private JsonObject _largeGroup = null!;
    private JsonObject _entraDeactivate = null!;
    private JsonObject _entraVerboseUpdate = null!;
    private JsonObject _entraPathless = null!;
    private JsonObject _entraManager = null!;
    private JsonObject _oktaDeactivate = null!;
    private JsonObject _oktaMembership = null!;
    private JsonObject _entraAddMembers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _user = SampleResources.User();
        _group = SampleResources.Group(members: 0);
        _largeGroup = SampleResources.Group(members: 1_000);
        _entraDeactivate = Message("""[ { "op": "Replace", "path": "active", "value": "False" } ]""");
        _entraVerboseUpdate = Message($$"""
            [
              { "op": "Replace", "path": "userName", "value": "barbara.jensen@example.com" },
              { "op": "Replace", "path": "displayName", "value": "Barbara Jensen" },
              { "op": "Replace", "path": "name.familyName", "value": "Jensen-Smith" },
              { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "barbara.jensen@example.com" },
              { "op": "Add", "path": "phoneNumbers[type eq \"fax\"].value", "value": "555-555-0000" },
              { "op": "Replace", "path": "{{Enterprise}}:department", "value": "Finance" }
            ]
            """);
        _entraPathless = Message($$"""
            [ { "op": "replace", "value": { "name.givenName": "Babs", "{{Enterprise}}:employeeNumber": "7", "active": "True" } } ]
            """);
        _entraManager = Message("""[ { "op": "Add", "path": "manager", "value": [ { "$ref": null, "value": "m-2" } ] } ]""");
        _oktaDeactivate = Message("""[ { "op": "replace", "value": { "active": false } } ]""");
        _oktaMembership = Message($$"""
            [
              { "op": "remove", "path": "members[value eq \"user-000001\"]" },
              { "op": "add", "path": "members", "value": [ { "value": "user-100001", "display": "New" }, { "value": "user-100002" } ] },
              { "op": "replace", "value": { "id": "{{SampleResources.GroupId}}", "displayName": "Tour Guides" } }
            ]
            """);
        _entraAddMembers = Message("""
            [ { "op": "Add", "path": "members", "value": [ { "value": "user-100001" }, { "value": "user-100002" }, { "value": "user-000500" } ] } ]
            """);
    }

    [Benchmark]
    public PatchResult Entra_deactivate_with_False_string() => Apply(_user, _entraDeactivate, _userType, _inDocument);

    [Benchmark]
    public PatchResult Entra_verbose_six_operation_update() => Apply(_user, _entraVerboseUpdate, _userType, _inDocument);

    [Benchmark]
    public PatchResult Entra_pathless_replace_dotted_and_urn_keys() => Apply(_user, _entraPathless, _userType, _inDocument);

    [Benchmark]
    public PatchResult Entra_manager_add() => Apply(_user, _entraManager, _userType, _inDocument);

    [Benchmark]
    public PatchResult Okta_pathless_deactivate() => Apply(_user, _oktaDeactivate, _userType, _inDocument);

    [Benchmark]
    public PatchResult Okta_membership_and_rename_externalized() => Apply(_group, _oktaMembership, _groupType, _externalizedMembers);

    [Benchmark]
    public PatchResult Entra_add_members_in_document_group_of_1000() => Apply(_largeGroup, _entraAddMembers, _groupType, _inDocument);

    private static PatchResult Apply(JsonObject resource, JsonObject body, ResourceTypeDefinition type, PatchOptions options) =>
        PatchEngine.Apply(resource, PatchRequest.Parse(body, options.Compatibility), type, options);

    private static JsonObject Message(string operations) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemaUrns.PatchOp),
        ["Operations"] = JsonNode.Parse(operations),
    };
}
