using ScimFunctions.Core.Schemas;

// Not "...Tests.Schemas": that namespace would shadow ScimFunctions.Core.Schemas for "Schemas.X" references in sibling test folders.
namespace ScimFunctions.Core.Tests.SchemaModel;

public class BuiltInSchemaTests
{
    [Fact]
    public void User_name_is_required_server_unique_and_not_case_exact()
    {
        var userName = ScimSchemas.User.FindAttribute("userName")!;

        Assert.Equal((ScimAttributeType.String, true, false, Uniqueness.Server, Mutability.ReadWrite, Returned.Default),
            (userName.Type, userName.Required, userName.CaseExact, userName.Uniqueness, userName.Mutability, userName.Returned));
    }

    [Fact]
    public void Password_is_write_only_and_never_returned()
    {
        var password = ScimSchemas.User.FindAttribute("password")!;

        Assert.Equal((Mutability.WriteOnly, Returned.Never), (password.Mutability, password.Returned));
    }

    [Fact]
    public void The_user_schema_has_every_rfc_7643_attribute_in_order()
    {
        Assert.Equal(
            ["userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active", "password",
             "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates"],
            ScimSchemas.User.Attributes.Select(attribute => attribute.Name));
    }

    [Fact]
    public void Name_has_the_six_name_components()
    {
        Assert.Equal(
            ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"],
            ScimSchemas.User.FindAttribute("name")!.SubAttributes.Select(sub => sub.Name));
    }

    [Theory]
    [InlineData("emails", ScimAttributeType.String, new[] { "work", "home", "other" })]
    [InlineData("phoneNumbers", ScimAttributeType.String, new[] { "work", "home", "mobile", "fax", "pager", "other" })]
    [InlineData("ims", ScimAttributeType.String, new[] { "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo" })]
    [InlineData("photos", ScimAttributeType.Reference, new[] { "photo", "thumbnail" })]
    [InlineData("entitlements", ScimAttributeType.String, new string[0])]
    [InlineData("roles", ScimAttributeType.String, new string[0])]
    [InlineData("x509Certificates", ScimAttributeType.Binary, new string[0])]
    public void Multi_valued_user_attributes_have_value_display_type_and_primary(string name, ScimAttributeType valueType, string[] typeValues)
    {
        var attribute = ScimSchemas.User.FindAttribute(name)!;

        Assert.True(attribute.MultiValued);
        Assert.Equal(["value", "display", "type", "primary"], attribute.SubAttributes.Select(sub => sub.Name));
        Assert.Equal(valueType, attribute.FindSubAttribute("value")!.Type);
        Assert.Equal(typeValues, attribute.FindSubAttribute("type")!.CanonicalValues);
        Assert.Equal(ScimAttributeType.Boolean, attribute.FindSubAttribute("primary")!.Type);
    }

    [Fact]
    public void Addresses_have_their_components_type_and_primary()
    {
        var addresses = ScimSchemas.User.FindAttribute("addresses")!;

        Assert.Equal(["formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary"], addresses.SubAttributes.Select(sub => sub.Name));
        Assert.Equal(["work", "home", "other"], addresses.FindSubAttribute("type")!.CanonicalValues);
    }

    [Fact]
    public void Groups_of_a_user_are_read_only_through_and_through()
    {
        var groups = ScimSchemas.User.FindAttribute("groups")!;

        Assert.Equal(Mutability.ReadOnly, groups.Mutability);
        Assert.All(groups.SubAttributes, sub => Assert.Equal(Mutability.ReadOnly, sub.Mutability));
        Assert.Equal(["value", "$ref", "display", "type"], groups.SubAttributes.Select(sub => sub.Name));
        Assert.Equal(["User", "Group"], groups.FindSubAttribute("$ref")!.ReferenceTypes);
        Assert.Equal(["direct", "indirect"], groups.FindSubAttribute("type")!.CanonicalValues);
    }

    [Fact]
    public void The_enterprise_manager_has_a_read_only_display_name()
    {
        var manager = ScimSchemas.EnterpriseUser.FindAttribute("manager")!;

        Assert.Equal(["employeeNumber", "costCenter", "organization", "division", "department", "manager"], ScimSchemas.EnterpriseUser.Attributes.Select(a => a.Name));
        Assert.Equal(["value", "$ref", "displayName"], manager.SubAttributes.Select(sub => sub.Name));
        Assert.Equal(Mutability.ReadOnly, manager.FindSubAttribute("displayName")!.Mutability);
        Assert.Equal(["User"], manager.FindSubAttribute("$ref")!.ReferenceTypes);
    }

    [Fact]
    public void A_group_requires_a_display_name_and_has_immutable_member_references()
    {
        var members = ScimSchemas.Group.FindAttribute("members")!;

        Assert.True(ScimSchemas.Group.FindAttribute("displayName")!.Required);
        Assert.True(members.MultiValued);
        Assert.Equal(["value", "$ref", "display", "type"], members.SubAttributes.Select(sub => sub.Name));
        Assert.Equal(Mutability.Immutable, members.FindSubAttribute("value")!.Mutability);
        Assert.Equal(["User", "Group"], members.FindSubAttribute("type")!.CanonicalValues);
    }

    [Fact]
    public void No_sub_attribute_is_complex()
    {
        var subAttributes = ScimSchemas.All.SelectMany(schema => schema.Attributes).SelectMany(attribute => attribute.SubAttributes);

        Assert.All(subAttributes, sub => Assert.NotEqual(ScimAttributeType.Complex, sub.Type));
    }

    [Fact]
    public void The_user_resource_type_has_the_optional_enterprise_extension()
    {
        var type = ScimSchemas.UserResourceType();

        Assert.Equal(("User", "/Users", ScimSchemaUrns.User), (type.Name, type.Endpoint, type.Schema.Id));
        var extension = Assert.Single(type.Extensions);
        Assert.Equal((ScimSchemaUrns.EnterpriseUser, false), (extension.Schema.Id, extension.Required));
    }

    [Fact]
    public void The_group_resource_type_has_no_extension_by_default()
    {
        var type = ScimSchemas.GroupResourceType();

        Assert.Equal(("Group", "/Groups", ScimSchemaUrns.Group), (type.Name, type.Endpoint, type.Schema.Id));
        Assert.Empty(type.Extensions);
    }

    [Fact]
    public void Tenant_extensions_follow_the_built_in_ones()
    {
        var custom = new SchemaDefinition("urn:example:acme:2.0:User", "Acme", "", [new AttributeDefinition("badge", ScimAttributeType.String)]);

        var type = ScimSchemas.UserResourceType([new SchemaExtension(custom, Required: true)]);

        Assert.Equal([ScimSchemaUrns.EnterpriseUser, custom.Id], type.Extensions.Select(extension => extension.Schema.Id));
        Assert.Same(custom, type.FindSchema("URN:EXAMPLE:ACME:2.0:USER"));
    }

    [Fact]
    public void A_tenant_extension_cannot_reuse_a_schema_urn_of_the_type()
    {
        var clash = new SchemaDefinition(ScimSchemaUrns.EnterpriseUser.ToUpperInvariant(), "Clash", "", []);

        Assert.Throws<ArgumentException>(() => ScimSchemas.UserResourceType([new SchemaExtension(clash, Required: false)]));
    }
}
