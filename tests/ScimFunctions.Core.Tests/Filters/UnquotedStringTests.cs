using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Paging;

namespace ScimFunctions.Core.Tests.Filters;

/// <summary>
/// <see cref="CompatibilityOptions.UnquotedFilterStrings"/>: a bare value compared to a string attribute is a string
/// (Okta's SPEC test, Entra's tutorial, authentik), and nothing else changes.
/// </summary>
public class UnquotedStringTests
{
    private static readonly CompatibilityOptions s_strict = CompatibilityOptions.Default with { UnquotedFilterStrings = false };

    private static FilterNode Lenient(string filter) => ScimFilter.Parse(filter, TestSchemas.User, CompatibilityOptions.Default);

    [Theory]
    [InlineData("userName eq Runscope208Fhpjrendo659@atko.com", "userName eq \"Runscope208Fhpjrendo659@atko.com\"")]
    [InlineData("externalId eq jyoung", "externalId eq \"jyoung\"")]
    [InlineData("userName eq akadmin", "userName eq \"akadmin\"")]
    [InlineData("userName eq akadmin and active eq true", "userName eq \"akadmin\" and active eq true")]
    [InlineData("(userName eq akadmin)", "userName eq \"akadmin\"")]
    [InlineData("emails[value eq bjensen@example.com]", "emails[value eq \"bjensen@example.com\"]")]
    [InlineData("emails[type eq work].value eq bjensen@example.com", "emails[type eq \"work\"].value eq \"bjensen@example.com\"")]
    [InlineData("userName sw 007", "userName sw \"007\"")]
    [InlineData("userName eq a\\b/c:d'e", "userName eq \"a\\\\b/c:d'e\"")]
    [InlineData("userName eq -x", "userName eq \"-x\"")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq 701984x", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984x\"")]
    [InlineData("nosuchattribute eq x@y", "nosuchattribute eq \"x@y\"")]
    public void A_bare_value_of_a_string_attribute_is_the_same_tree_as_the_quoted_one(string bare, string quoted)
    {
        Assert.Equal(ScimFilter.Parse(quoted), Lenient(bare));
    }

    [Fact]
    public void The_bare_form_is_the_userName_eq_point_read_the_storage_planner_recognizes()
    {
        var node = Assert.IsType<ComparisonNode>(Lenient("userName eq akadmin"));

        Assert.Equal(ComparisonOperator.Eq, node.Operator);
        Assert.Equal(FilterLiteral.FromString("akadmin"), node.Value);
    }

    [Theory]
    [InlineData("userName eq true", FilterLiteralKind.True)]
    [InlineData("userName eq NULL", FilterLiteralKind.Null)]
    [InlineData("userName eq 42", FilterLiteralKind.Number)]
    [InlineData("userName eq \"x y\"", FilterLiteralKind.String)]
    public void Keywords_numbers_and_quoted_strings_keep_their_meaning(string filter, FilterLiteralKind kind)
    {
        Assert.Equal(kind, Assert.IsType<ComparisonNode>(Lenient(filter)).Value.Kind);
    }

    [Theory]
    [InlineData("userName eq displayName", 12)]
    [InlineData("userName eq name.givenName", 12)]
    [InlineData("emails[value eq type]", 16)]
    [InlineData("active eq yes", 10)]
    [InlineData("meta.created gt yesterday", 16)]
    [InlineData("userName eq and", 12)]
    [InlineData("userName eq pr", 12)]
    [InlineData("userName eq a(b", 12)]
    [InlineData("userName eq", 11)]
    public void What_is_not_a_bare_string_stays_invalidFilter_at_the_value(string filter, int position)
    {
        var error = Assert.Throws<ScimException>(() => Lenient(filter));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void A_bare_string_ends_at_white_space_so_what_follows_is_parsed_as_before()
    {
        var error = Assert.Throws<ScimException>(() => Lenient("userName eq bob smith"));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.Equal(16, error.Position);
    }

    [Theory]
    [InlineData("userName eq akadmin")]
    [InlineData("userName eq Runscope208Fhpjrendo659@atko.com")]
    public void Switched_off_a_bare_value_is_invalidFilter_as_RFC_7644_reads_it(string filter)
    {
        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter, TestSchemas.User, s_strict));
        var query = Assert.Throws<ScimException>(() => ScimQuery.FromQueryString(name => name == "filter" ? filter : null, TestSchemas.User, null, s_strict));

        Assert.Equal(ScimType.InvalidFilter, error.ScimType);
        Assert.Equal(12, error.Position);
        Assert.Equal(ScimType.InvalidFilter, query.ScimType);
    }

    [Fact]
    public void The_query_uses_the_switch_and_matches_like_the_quoted_filter()
    {
        var query = ScimQuery.FromQueryString(name => name == "filter" ? "userName eq bjensen@example.com" : null, TestSchemas.User, null, CompatibilityOptions.Default);

        Assert.True(FilterEvaluator.Matches(query.Filter!, TestSchemas.Babs(), TestSchemas.User));
    }

    [Fact]
    public void Limits_still_apply()
    {
        var deep = string.Concat(Enumerable.Repeat("(", 40)) + "userName eq x" + string.Concat(Enumerable.Repeat(")", 40));

        var error = Assert.Throws<ScimException>(() => Lenient(deep));

        Assert.Contains("nested deeper", error.Detail, StringComparison.Ordinal);
    }
}
