using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Paging;

namespace ScimFunctions.Core.Tests.Sorting;

public class SortSpecParsingTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_sortBy_means_no_sorting_even_with_a_sortOrder(string? sortBy)
    {
        Assert.Null(SortSpec.Parse(sortBy, "descending"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ascending")]
    [InlineData("Ascending")]
    [InlineData("ASCENDING")]
    public void Ascending_is_the_default(string? sortOrder)
    {
        Assert.Equal(new SortSpec(new AttributePath(null, "userName"), false), SortSpec.Parse("userName", sortOrder));
    }

    [Theory]
    [InlineData("descending")]
    [InlineData("Descending")]
    [InlineData(" DESCENDING ")]
    public void Descending_is_recognised_in_any_case(string sortOrder)
    {
        Assert.True(SortSpec.Parse("userName", sortOrder)!.Descending);
    }

    [Theory]
    [InlineData("desc")]
    [InlineData("up")]
    [InlineData("1")]
    public void Any_other_sortOrder_is_invalidValue(string sortOrder)
    {
        var error = Assert.Throws<ScimException>(() => SortSpec.Parse("userName", sortOrder));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimType.InvalidValue, error.ScimType);
    }

    [Theory]
    [InlineData("name.familyName", null, "name", "familyName")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "employeeNumber", null)]
    [InlineData("emails.value", null, "emails", "value")]
    public void SortBy_is_an_attribute_path(string sortBy, string? urn, string name, string? sub)
    {
        Assert.Equal(new AttributePath(urn, name, sub), SortSpec.Parse(sortBy, null)!.By);
    }

    [Theory]
    [InlineData("emails[type eq \"work\"].value")]
    [InlineData("user name")]
    [InlineData("name..familyName")]
    [InlineData("\"userName\"")]
    public void A_malformed_sortBy_is_invalidPath(string sortBy)
    {
        var error = Assert.Throws<ScimException>(() => SortSpec.Parse(sortBy, null));

        Assert.Equal(ScimType.InvalidPath, error.ScimType);
    }
}
