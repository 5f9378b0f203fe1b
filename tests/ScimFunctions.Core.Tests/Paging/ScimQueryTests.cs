using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Schemas;

namespace ScimFunctions.Core.Tests.Paging;

public class ScimQueryTests
{
    private static readonly ResourceTypeDefinition _users = ScimSchemas.UserResourceType();
    private static readonly ResourceTypeDefinition _groups = ScimSchemas.GroupResourceType();

    [Fact]
    public void Okta_existence_check_parses_filter_and_page()
    {
        var query = FromQuery(("filter", "userName eq \"bjensen@example.com\""), ("startIndex", "1"), ("count", "100"));

        var comparison = Assert.IsType<ComparisonNode>(query.Filter);
        Assert.Equal(("userName", ComparisonOperator.Eq, "bjensen@example.com"), (comparison.Path.Name, comparison.Operator, comparison.Value.Text));
        Assert.Equal(new PageRequest(1, 100, null), query.Page);
        Assert.True(query.Selection.IsDefault);
        Assert.Null(query.Sort);
    }

    [Fact]
    public void Entra_group_lookup_excludes_members()
    {
        var query = FromQuery(_groups, ("filter", "displayName eq \"Tour Guides\""), ("excludedAttributes", "members"));

        Assert.False(query.Selection.Includes("members"));
        Assert.IsType<ComparisonNode>(query.Filter);
    }

    [Fact]
    public void An_unquoted_value_that_is_no_string_is_invalid_filter_never_an_unfiltered_list()
    {
        var error = Assert.Throws<ScimException>(() => FromQuery(("filter", "userName eq displayName")));

        Assert.Equal((400, ScimType.InvalidFilter), (error.Status, error.ScimType));
    }

    [Fact]
    public void A_blank_filter_means_no_filter()
    {
        Assert.Null(FromQuery(("filter", "  ")).Filter);
    }

    [Fact]
    public void Sorting_and_cursor_parameters_are_read()
    {
        var query = FromQuery(("sortBy", "name.familyName"), ("sortOrder", "descending"), ("cursor", ""), ("count", "10"));

        Assert.Equal(("name", "familyName", true), (query.Sort!.By.Name, query.Sort.By.SubAttribute, query.Sort.Descending));
        Assert.Equal(new PageRequest(1, 10, string.Empty), query.Page);
    }

    [Fact]
    public void Page_limits_apply_to_the_query()
    {
        Assert.Equal(20, FromQuery(new PagingLimits(10, 20), ("count", "1000")).Page.Count);
    }

    [Fact]
    public void A_search_request_carries_every_parameter_in_its_body()
    {
        var query = ScimQuery.FromSearchRequest(JsonNode.Parse($$"""
            {
              "schemas": ["{{ScimSchemaUrns.SearchRequest}}"],
              "attributes": ["displayName", "userName"],
              "filter": "displayName sw \"smith\"",
              "sortBy": "userName",
              "sortOrder": "ascending",
              "startIndex": 1,
              "count": 10
            }
            """), _users);

        Assert.IsType<ComparisonNode>(query.Filter);
        Assert.False(query.Selection.Includes("emails"));
        Assert.True(query.Selection.Includes("displayName"));
        Assert.False(query.Sort!.Descending);
        Assert.Equal(new PageRequest(1, 10, null), query.Page);
    }

    [Fact]
    public void Search_request_members_are_case_insensitive_and_accept_lenient_shapes()
    {
        var query = ScimQuery.FromSearchRequest(JsonNode.Parse($$"""
            { "SCHEMAS": ["{{ScimSchemaUrns.SearchRequest.ToUpperInvariant()}}"], "ExcludedAttributes": "emails,groups", "Count": "5", "cursor": "c1" }
            """), _users);

        Assert.False(query.Selection.Includes("emails"));
        Assert.Equal(new PageRequest(1, 5, "c1"), query.Page);
    }

    [Theory]
    [InlineData("""{ "filter": "userName pr" }""")]
    [InlineData("""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"] }""")]
    [InlineData("""{ "schemas": "urn:ietf:params:scim:api:messages:2.0:SearchRequest" }""")]
    [InlineData("""[]""")]
    public void A_search_request_without_the_search_request_schema_is_invalid_syntax(string body)
    {
        var error = Assert.Throws<ScimException>(() => ScimQuery.FromSearchRequest(JsonNode.Parse(body), _users));

        Assert.Equal(ScimType.InvalidSyntax, error.ScimType);
    }

    [Theory]
    [InlineData(""" "filter": 42 """)]
    [InlineData(""" "count": true """)]
    [InlineData(""" "count": "ten" """)]
    [InlineData(""" "attributes": [1, 2] """)]
    [InlineData(""" "sortOrder": "sideways", "sortBy": "userName" """)]
    public void Malformed_search_request_members_are_invalid_value(string member)
    {
        var error = Assert.Throws<ScimException>(() => ScimQuery.FromSearchRequest(JsonNode.Parse($$"""{ "schemas": ["{{ScimSchemaUrns.SearchRequest}}"], {{member}} }"""), _users));

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }

    [Fact]
    public void A_search_request_with_a_malformed_filter_is_invalid_filter()
    {
        var error = Assert.Throws<ScimException>(() => ScimQuery.FromSearchRequest(JsonNode.Parse($$"""{ "schemas": ["{{ScimSchemaUrns.SearchRequest}}"], "filter": "userName eq" }"""), _users));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
    }

    private static ScimQuery FromQuery(params (string Name, string Value)[] parameters) => FromQuery(_users, null, parameters);

    private static ScimQuery FromQuery(ResourceTypeDefinition type, params (string Name, string Value)[] parameters) => FromQuery(type, null, parameters);

    private static ScimQuery FromQuery(PagingLimits limits, params (string Name, string Value)[] parameters) => FromQuery(_users, limits, parameters);

    private static ScimQuery FromQuery(ResourceTypeDefinition type, PagingLimits? limits, (string Name, string Value)[] parameters) =>
        ScimQuery.FromQueryString(
            name => parameters.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault(),
            type,
            limits);
}
