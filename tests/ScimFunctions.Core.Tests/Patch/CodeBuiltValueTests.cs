using System.Text.Json.Nodes;
using ScimFunctions.Core.Patch;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>
/// A PATCH built in code (bulk's bulkId substitution, the CLI, a test) may hold a string as a .NET <see cref="Guid"/>
/// or <see cref="DateTimeOffset"/>: it is a JSON string and PATCH reads it as one, like the rest of the core does.
/// </summary>
public class CodeBuiltValueTests
{
    [Fact]
    public void A_member_value_held_as_a_guid_is_read_as_its_text()
    {
        var id = Guid.NewGuid();
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.PatchOp),
            ["Operations"] = new JsonArray(new JsonObject
            {
                ["op"] = "add",
                ["path"] = "members",
                ["value"] = new JsonArray(new JsonObject { ["value"] = JsonValue.Create(id), ["display"] = JsonValue.Create(DateTimeOffset.UnixEpoch) }),
            }),
        };

        var result = PatchEngine.Apply(Group(), PatchRequest.Parse(body), GroupType, ExternalizedMembers());

        Assert.Equal([new MemberReference(id.ToString(), null, "1970-01-01T00:00:00+00:00")], result.Members!.Added);
    }
}
