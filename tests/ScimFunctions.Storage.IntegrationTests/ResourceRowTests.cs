using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ScimFunctions.Core;
using ScimFunctions.Storage.Resources;
using ScimFunctions.Storage.Tables;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Testing;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>The bytes a resource row stores: the document's JSON as UTF-8, in chunks of at most 64 KiB, read back as written.</summary>
public sealed class ResourceRowTests
{
    private static readonly TenantPartition _partition = new(
        new TableClient("UseDevelopmentStorage=true", "resources"),
        new TenantRecord { Id = TenantId.Parse(TestNames.TenantId("row")), Created = DateTimeOffset.UnixEpoch });

    public static TheoryData<string> Documents() => new()
    {
        """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com","active":true,"name":{"givenName":"Alice"},"emails":[{"value":"a@example.com","primary":true}]}""",
        """{"displayName":"Zoë 日本 😀 <b>&amp;</b> 'quoted' \"double\" +49 30 1234","title":"line\nbreak\ttab\u0001\u007f\u2028","n":-1.5e3}""",
        """{"empty":{},"list":[],"nested":[[1,2],[{"a":null}]]}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_document_is_stored_as_the_UTF8_of_its_JSON_text_and_read_back_equal(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();

        var entity = ResourceRow.ToEntity(_partition, "user", "u1", document, null);

        Assert.Equal(Encoding.UTF8.GetBytes(document.ToJsonString(JsonSerializerOptions.Default)), entity.GetBinary("Doc0"));
        Assert.Null(entity.GetBinary("Doc1"));
        entity[Columns.Kind] = RowKinds.Resource;
        Assert.True(JsonNode.DeepEquals(document, ResourceRow.From(entity)!.Document));
    }

    [Fact]
    public void A_document_larger_than_one_value_is_split_into_64_KiB_chunks_and_joined_on_reading()
    {
        var document = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User") };
        for (var i = 0; i < 40; i++)
        {
            document["x" + i] = new string('é', 2000) + i; // written escaped (\u00E9): 12 KB each, ≈ 480 KB in all
        }

        var entity = ResourceRow.ToEntity(_partition, "user", "u1", document, null);

        var expected = Encoding.UTF8.GetBytes(document.ToJsonString(JsonSerializerOptions.Default));
        var chunks = Enumerable.Range(0, 16).Select(i => entity.GetBinary("Doc" + i)).TakeWhile(chunk => chunk is not null).ToList();
        Assert.Equal((expected.Length + EntitySize.MaxValueBytes - 1) / EntitySize.MaxValueBytes, chunks.Count);
        Assert.True(chunks.Count > 2);
        Assert.All(chunks.SkipLast(1), chunk => Assert.Equal(EntitySize.MaxValueBytes, chunk!.Length));
        Assert.Equal(expected, chunks.SelectMany(chunk => chunk!).ToArray());
        entity[Columns.Kind] = RowKinds.Resource;
        Assert.True(JsonNode.DeepEquals(document, ResourceRow.From(entity)!.Document));
    }
}
