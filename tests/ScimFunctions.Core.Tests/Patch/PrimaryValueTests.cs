using ScimFunctions.Core.Errors;
using static ScimFunctions.Core.Tests.Patch.PatchTestData;

namespace ScimFunctions.Core.Tests.Patch;

/// <summary>RFC 7643 §2.4: at most one value of a multi-valued attribute is primary.</summary>
public class PrimaryValueTests
{
    [Fact]
    public void Making_a_value_primary_takes_primary_from_the_others()
    {
        var result = ApplyToUser("""[ { "op": "replace", "path": "emails[type eq \"home\"].primary", "value": true } ]""");

        Assert.Null(result.Resource["emails"]![0]!["primary"]);
        Assert.True((bool)result.Resource["emails"]![1]!["primary"]!);
    }

    [Fact]
    public void Adding_a_primary_value_takes_primary_from_the_existing_ones()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "emails", "value": [ { "value": "new@example.com", "type": "other", "primary": true } ] } ]""");

        Assert.Null(result.Resource["emails"]![0]!["primary"]);
        Assert.True((bool)result.Resource["emails"]![2]!["primary"]!);
    }

    [Fact]
    public void A_value_created_by_a_filtered_add_as_primary_takes_primary_from_the_others()
    {
        var result = ApplyToUser("""[ { "op": "add", "path": "emails[type eq \"other\"]", "value": { "value": "o@example.com", "primary": "True" } } ]""");

        Assert.Null(result.Resource["emails"]![0]!["primary"]);
        Assert.True((bool)result.Resource["emails"]![2]!["primary"]!);
    }

    [Fact]
    public void Two_primary_values_in_one_value_array_are_invalidValue()
    {
        var error = RejectsUser("""[ { "op": "replace", "path": "emails", "value": [ { "value": "a@x.org", "primary": true }, { "value": "b@x.org", "primary": true } ] } ]""");

        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }
}
