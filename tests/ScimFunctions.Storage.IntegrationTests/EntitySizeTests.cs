using Azure.Data.Tables;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Tables;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>The limits <see cref="EntitySize.Check"/> enforces, at their edges.</summary>
public sealed class EntitySizeTests
{
    [Fact]
    public void A_binary_value_of_64_KiB_fits_and_one_byte_more_is_413()
    {
        EntitySize.Check(new TableEntity("p", "r") { ["Doc0"] = new byte[EntitySize.MaxValueBytes] });

        Assert.Equal(413, Assert.Throws<ScimException>(() => EntitySize.Check(new TableEntity("p", "r") { ["Doc0"] = new byte[EntitySize.MaxValueBytes + 1] })).Status);
    }

    [Fact]
    public void The_most_properties_fit_and_one_more_is_413()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < EntitySize.MaxProperties; i++)
        {
            entity["P" + i] = i;
        }

        EntitySize.Check(entity);
        entity["Extra"] = 1;
        Assert.Equal(413, Assert.Throws<ScimException>(() => EntitySize.Check(entity)).Status);
    }

    [Fact]
    public void An_entity_of_exactly_1_MiB_fits_and_one_byte_more_is_413()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 15; i++)
        {
            entity["Doc" + i] = new byte[EntitySize.MaxValueBytes];
        }

        // What is left to 1 MiB after the keys, the 15 chunks and the last property's own overhead (8 + 2 × "Doc15".Length + 4).
        var last = EntitySize.MaxEntityBytes - EntitySize.Of(entity) - (8 + (2 * "Doc15".Length) + 4);
        entity["Doc15"] = new byte[last];
        Assert.Equal(EntitySize.MaxEntityBytes, EntitySize.Of(entity));
        EntitySize.Check(entity);

        entity["Doc15"] = new byte[last + 1];
        Assert.Equal(413, Assert.Throws<ScimException>(() => EntitySize.Check(entity)).Status);
    }
}
