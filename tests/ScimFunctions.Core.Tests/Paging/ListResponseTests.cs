using System.Text.Json;
using System.Text.Json.Nodes;
using ScimFunctions.Core.Paging;

namespace ScimFunctions.Core.Tests.Paging;

public class ListResponseTests
{
    [Fact]
    public void An_index_page_has_numbers_for_total_items_per_page_and_start_index()
    {
        var response = ListResponse.Build([User("a"), User("b")], totalResults: 5, startIndex: 3);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""
            { "schemas": ["{{ScimSchemaUrns.ListResponse}}"], "totalResults": 5, "itemsPerPage": 2, "startIndex": 3,
              "Resources": [{ "id": "a" }, { "id": "b" }] }
            """), response), response.ToJsonString());
        Assert.Equal(JsonValueKind.Number, response["totalResults"]!.GetValueKind());
    }

    [Fact]
    public void No_match_is_an_empty_resources_array_for_okta_and_entra()
    {
        var response = ListResponse.Build([], totalResults: 0, startIndex: 1);

        Assert.Equal("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"itemsPerPage":0,"startIndex":1,"Resources":[]}""", response.ToJsonString());
    }

    [Fact]
    public void Count_zero_returns_the_total_and_no_resources()
    {
        var response = ListResponse.Build([], totalResults: 42, startIndex: 1);

        Assert.Equal(42, (long)response["totalResults"]!);
        Assert.Empty(response["Resources"]!.AsArray());
    }

    [Fact]
    public void A_cursor_page_has_next_and_previous_cursors_and_no_start_index()
    {
        var response = ListResponse.Build([User("a")], totalResults: 10, startIndex: null, nextCursor: "n1", previousCursor: "p1");

        Assert.False(response.ContainsKey("startIndex"));
        Assert.Equal(("n1", "p1"), ((string?)response["nextCursor"], (string?)response["previousCursor"]));
    }

    [Fact]
    public void The_last_cursor_page_has_no_next_cursor()
    {
        var response = ListResponse.Build([User("a")], totalResults: 1, startIndex: null);

        Assert.False(response.ContainsKey("nextCursor"));
        Assert.False(response.ContainsKey("previousCursor"));
    }

    [Fact]
    public void Resources_are_copied_so_callers_may_reuse_them()
    {
        var user = User("a");
        var holder = new JsonArray(user);

        var response = ListResponse.Build([user], totalResults: 1, startIndex: 1);

        Assert.Same(holder, user.Parent);
        Assert.Equal("a", (string?)response["Resources"]![0]!["id"]);
    }

    private static JsonObject User(string id) => new() { ["id"] = id };
}
