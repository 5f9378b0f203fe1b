using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Tests.Filters;

namespace ScimFunctions.Core.Tests.Sorting;

public class ResourceSorterTests
{
    private static JsonObject User(string id, string json = "{}")
    {
        var user = JsonNode.Parse(json)!.AsObject();
        user["id"] = id;
        return user;
    }

    private static string Acme(string json) => "{\"" + TestSchemas.AcmeUrn + "\":" + json + "}";

    private static string[] SortedIds(IEnumerable<JsonObject> users, string sortBy, string? sortOrder = null) =>
        ResourceSorter.Sort(users, SortSpec.Parse(sortBy, sortOrder)!, TestSchemas.User).Select(u => (string)u["id"]!).ToArray();

    [Fact]
    public void Strings_sort_ignoring_case_when_the_attribute_is_not_caseExact()
    {
        JsonObject[] users = [User("1", """{"userName":"charlie"}"""), User("2", """{"userName":"Alice"}"""), User("3", """{"userName":"bob"}""")];

        Assert.Equal(["2", "3", "1"], SortedIds(users, "userName"));
    }

    [Fact]
    public void CaseExact_strings_sort_by_ordinal_so_upper_case_comes_first()
    {
        JsonObject[] users = [User("1", """{"externalId":"b"}"""), User("2", """{"externalId":"B"}"""), User("3", """{"externalId":"a"}""")];

        Assert.Equal(["2", "3", "1"], SortedIds(users, "externalId"));
    }

    [Fact]
    public void Descending_reverses_the_order()
    {
        JsonObject[] users = [User("1", """{"userName":"charlie"}"""), User("2", """{"userName":"Alice"}"""), User("3", """{"userName":"bob"}""")];

        Assert.Equal(["1", "3", "2"], SortedIds(users, "userName", "descending"));
    }

    [Fact]
    public void DateTimes_sort_chronologically_not_as_text()
    {
        JsonObject[] users =
        [
            User("1", """{"meta":{"created":"2020-01-01T10:00:00+05:00"}}"""),
            User("2", """{"meta":{"created":"2020-01-01T06:00:00Z"}}"""),
            User("3", """{"meta":{"created":"2019-12-31T23:00:00-08:00"}}"""),
        ];

        Assert.Equal(["1", "2", "3"], SortedIds(users, "meta.created"));
    }

    [Fact]
    public void Numbers_sort_numerically_not_as_text()
    {
        JsonObject[] users =
        [
            User("1", Acme("""{"score":10}""")),
            User("2", Acme("""{"score":9.5}""")),
            User("3", Acme("""{"score":-1}""")),
        ];

        Assert.Equal(["3", "2", "1"], SortedIds(users, TestSchemas.AcmeUrn + ":score"));
    }

    [Fact]
    public void Booleans_sort_false_before_true_also_when_written_as_strings()
    {
        JsonObject[] users = [User("1", """{"active":true}"""), User("2", """{"active":"False"}""")];

        Assert.Equal(["2", "1"], SortedIds(users, "active"));
    }

    [Fact]
    public void Missing_values_sort_last_ascending_and_first_descending()
    {
        JsonObject[] users = [User("1"), User("2", """{"title":"b"}"""), User("3", """{"title":null}"""), User("4", """{"title":"a"}""")];

        Assert.Equal(["4", "2", "1", "3"], SortedIds(users, "title"));
        Assert.Equal(["1", "3", "2", "4"], SortedIds(users, "title", "descending"));
    }

    [Fact]
    public void A_multi_valued_attribute_sorts_by_its_primary_value_else_its_first()
    {
        JsonObject[] users =
        [
            User("1", """{"emails":[{"value":"a@x"},{"value":"z@x","primary":true}]}"""),
            User("2", """{"emails":[{"value":"m@x"},{"value":"b@x"}]}"""),
            User("3", """{"emails":[{"value":"c@x"},{"value":"y@x","primary":"True"}]}"""),
        ];

        Assert.Equal(["2", "3", "1"], SortedIds(users, "emails.value"));
        Assert.Equal(["2", "3", "1"], SortedIds(users, "emails"));
    }

    [Fact]
    public void Equal_keys_are_ordered_by_id_whatever_the_input_order()
    {
        JsonObject[] users = [User("c", """{"userType":"x"}"""), User("a", """{"userType":"X"}"""), User("b", """{"userType":"x"}""")];

        Assert.Equal(["a", "b", "c"], SortedIds(users, "userType"));
        Assert.Equal(["a", "b", "c"], SortedIds(users.Reverse(), "userType", "descending"));
    }

    [Fact]
    public void Sorting_does_not_change_the_input()
    {
        JsonObject[] users = [User("2", """{"userName":"b"}"""), User("1", """{"userName":"a"}""")];

        ResourceSorter.Sort(users, SortSpec.Parse("userName", null)!, TestSchemas.User);

        Assert.Equal("2", (string)users[0]["id"]!);
    }

    [Theory]
    [InlineData("nosuch")]
    [InlineData("name")]
    [InlineData("urn:example:unknown:User:x")]
    public void Sorting_by_an_unknown_or_complex_attribute_is_invalidPath(string sortBy)
    {
        var error = Assert.Throws<ScimException>(() => SortedIds([User("1")], sortBy));

        Assert.Equal(ScimType.InvalidPath, error.ScimType);
    }
}
