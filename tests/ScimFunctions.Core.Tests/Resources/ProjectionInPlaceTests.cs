using System.Text.Json.Nodes;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Errors;
using static ScimFunctions.Core.Tests.Resources.ProjectionTestData;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

/// <summary><see cref="ResourceProjector.ProjectAdopting"/> projects the document itself; <see cref="ResourceProjector.Project"/> gives the same result and leaves its input as it was.</summary>
public class ProjectionInPlaceTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("userName,displayName", null)]
    [InlineData("emails.value,name.givenName", null)]
    [InlineData(null, "emails,groups")]
    [InlineData(null, "name.familyName,emails.type")]
    [InlineData(EnterpriseUrn + ":manager.value", null)]
    [InlineData(null, EnterpriseUrn)]
    [InlineData(null, EnterpriseUrn + ":employeeNumber," + EnterpriseUrn + ":manager")]
    [InlineData("meta.version", null)]
    [InlineData(null, "id,meta,schemas")]
    public void A_user_projected_in_place_is_the_same_document_holding_exactly_what_the_copy_holds(string? attributes, string? excludedAttributes)
    {
        var selection = AttributeSelection.Parse(attributes, excludedAttributes, UserType);
        var stored = StoredUser();
        var before = stored.ToJsonString();
        var expected = ResourceProjector.Project(stored, UserType, selection).ToJsonString();
        Assert.Equal(before, stored.ToJsonString()); // the copy leaves its input as it was
        var document = StoredUser();

        var projected = ResourceProjector.ProjectAdopting(document, UserType, selection);

        Assert.Same(document, projected);
        Assert.Equal(expected, projected.ToJsonString()); // the same keys in the same order
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "members")]
    [InlineData("members.value", null)]
    public void A_group_projected_in_place_holds_exactly_what_the_copy_holds(string? attributes, string? excludedAttributes)
    {
        var selection = AttributeSelection.Parse(attributes, excludedAttributes, GroupType);
        var expected = ResourceProjector.Project(StoredGroup(), GroupType, selection).ToJsonString();

        Assert.Equal(expected, ResourceProjector.ProjectAdopting(StoredGroup(), GroupType, selection).ToJsonString());
    }

    [Fact]
    public void Random_documents_and_selections_project_in_place_as_they_are_copied()
    {
        var type = ValidationFuzzTests.FuzzType;
        var random = new Random(7644);
        var compared = 0;
        for (var i = 0; i < 5000; i++)
        {
            var document = ValidationFuzzTests.RandomDocument(random);
            AttributeSelection selection;
            try
            {
                selection = AttributeSelection.Parse(ValidationFuzzTests.RandomList(random), random.Next(2) == 0 ? null : ValidationFuzzTests.RandomList(random), type);
            }
            catch (ScimException)
            {
                continue;
            }

            var before = document.ToJsonString();
            var expected = ResourceProjector.Project(document, type, selection).ToJsonString();
            Assert.Equal(before, document.ToJsonString());
            Assert.Equal(expected, ResourceProjector.ProjectAdopting((JsonObject)document.DeepClone(), type, selection).ToJsonString());
            compared++;
        }

        Assert.InRange(compared, 1000, 5000);
    }
}
