namespace ScimFunctions.Core.Schemas;

/// <summary>The core User schema, RFC 7643 §4.1 with the characteristics of §8.7.1.</summary>
internal static class UserSchema
{
    private static readonly string[] _addressTypes = ["work", "home", "other"];

    public static SchemaDefinition Build() => new(
        ScimSchemaUrns.User,
        "User",
        "User Account",
        [
            new("userName", ScimAttributeType.String, required: true, uniqueness: Uniqueness.Server,
                description: "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across the service provider's entire set of Users. REQUIRED."),
            new("name", ScimAttributeType.Complex,
                description: "The components of the user's real name.",
                subAttributes:
                [
                    new("formatted", ScimAttributeType.String, description: "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display."),
                    new("familyName", ScimAttributeType.String, description: "The family name of the User, or last name in most Western languages."),
                    new("givenName", ScimAttributeType.String, description: "The given name of the User, or first name in most Western languages."),
                    new("middleName", ScimAttributeType.String, description: "The middle name(s) of the User."),
                    new("honorificPrefix", ScimAttributeType.String, description: "The honorific prefix(es) of the User, or title in most Western languages."),
                    new("honorificSuffix", ScimAttributeType.String, description: "The honorific suffix(es) of the User, or suffix in most Western languages."),
                ]),
            new("displayName", ScimAttributeType.String, description: "The name of the User, suitable for display to end-users."),
            new("nickName", ScimAttributeType.String, description: "The casual way to address the user in real life."),
            new("profileUrl", ScimAttributeType.Reference, referenceTypes: ["external"], description: "A fully qualified URL pointing to a page representing the User's online profile."),
            new("title", ScimAttributeType.String, description: "The user's title, such as \"Vice President\"."),
            new("userType", ScimAttributeType.String, description: "Used to identify the relationship between the organization and the user."),
            new("preferredLanguage", ScimAttributeType.String, description: "Indicates the User's preferred written or spoken language (RFC 7231 Accept-Language format)."),
            new("locale", ScimAttributeType.String, description: "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations."),
            new("timezone", ScimAttributeType.String, description: "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'."),
            new("active", ScimAttributeType.Boolean, description: "A Boolean value indicating the User's administrative status."),
            new("password", ScimAttributeType.String, mutability: Mutability.WriteOnly, returned: Returned.Never,
                description: "The User's cleartext password. This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password."),
            MultiValuedAttributes.ValueDisplayTypePrimary("emails", "Email addresses for the user.", "Email addresses for the user.", ["work", "home", "other"]),
            MultiValuedAttributes.ValueDisplayTypePrimary("phoneNumbers", "Phone numbers for the User.", "Phone number of the User.", ["work", "home", "mobile", "fax", "pager", "other"]),
            MultiValuedAttributes.ValueDisplayTypePrimary("ims", "Instant messaging addresses for the User.", "Instant messaging address for the User.", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
            MultiValuedAttributes.ValueDisplayTypePrimary("photos", "URLs of photos of the User.", "URL of a photo of the User.", ["photo", "thumbnail"], ScimAttributeType.Reference, ["external"]),
            Addresses(),
            new("groups", ScimAttributeType.Complex, multiValued: true, mutability: Mutability.ReadOnly,
                description: "A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.",
                subAttributes:
                [
                    new("value", ScimAttributeType.String, mutability: Mutability.ReadOnly, description: "The identifier of the User's group."),
                    new("$ref", ScimAttributeType.Reference, mutability: Mutability.ReadOnly, referenceTypes: ["User", "Group"], description: "The URI of the corresponding 'Group' resource to which the user belongs."),
                    new("display", ScimAttributeType.String, mutability: Mutability.ReadOnly, description: "A human-readable name, primarily used for display purposes. READ-ONLY."),
                    new("type", ScimAttributeType.String, mutability: Mutability.ReadOnly, canonicalValues: ["direct", "indirect"], description: "A label indicating the attribute's function, e.g., 'direct' or 'indirect'."),
                ]),
            MultiValuedAttributes.ValueDisplayTypePrimary("entitlements", "A list of entitlements for the User that represent a thing the User has.", "The value of an entitlement."),
            MultiValuedAttributes.ValueDisplayTypePrimary("roles", "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.", "The value of a role."),
            MultiValuedAttributes.ValueDisplayTypePrimary("x509Certificates", "A list of certificates issued to the User.", "The value of an X.509 certificate.", valueType: ScimAttributeType.Binary),
        ]);

    // RFC 7643 §8.7.1 lists no 'primary' for addresses, but §4.1.2 defines one ("primary" appears in the §8.2
    // example, and identity providers send it); we follow §4.1.2 so that "at most one primary" applies here too.
    private static AttributeDefinition Addresses() => new(
        "addresses", ScimAttributeType.Complex, multiValued: true,
        description: "A physical mailing address for this User.",
        subAttributes:
        [
            new("formatted", ScimAttributeType.String, description: "The full mailing address, formatted for display or use with a mailing label."),
            new("streetAddress", ScimAttributeType.String, description: "The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information."),
            new("locality", ScimAttributeType.String, description: "The city or locality component."),
            new("region", ScimAttributeType.String, description: "The state or region component."),
            new("postalCode", ScimAttributeType.String, description: "The zip code or postal code component."),
            new("country", ScimAttributeType.String, description: "The country name component (ISO 3166-1 alpha-2 when specified)."),
            new("type", ScimAttributeType.String, canonicalValues: _addressTypes, description: "A label indicating the attribute's function, e.g., 'work' or 'home'."),
            MultiValuedAttributes.Primary("addresses"),
        ]);
}
