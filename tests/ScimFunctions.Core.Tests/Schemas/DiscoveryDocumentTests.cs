using System.Text.Json.Nodes;
using ScimFunctions.Core.Schemas;

// Not "...Tests.Schemas": that namespace would shadow ScimFunctions.Core.Schemas for "Schemas.X" references in sibling test folders.
namespace ScimFunctions.Core.Tests.SchemaModel;

public class DiscoveryDocumentTests
{
    private const string BaseUrl = "https://scim.example.com/scim/v2/acme";

    [Fact]
    public void Service_provider_config_advertises_every_rfc_7643_feature()
    {
        var config = DiscoveryDocuments.ServiceProviderConfig(new ServiceProviderCapabilities { BulkMaxOperations = 50, FilterMaxResults = 200, SortSupported = false }, BaseUrl);

        Assert.Equal($"""["{ScimSchemaUrns.ServiceProviderConfig}"]""", config["schemas"]!.ToJsonString());
        Assert.True((bool)config["patch"]!["supported"]!);
        Assert.Equal("""{"supported":true,"maxOperations":50,"maxPayloadSize":1048576}""", config["bulk"]!.ToJsonString());
        Assert.Equal("""{"supported":true,"maxResults":200}""", config["filter"]!.ToJsonString());
        Assert.False((bool)config["changePassword"]!["supported"]!);
        Assert.False((bool)config["sort"]!["supported"]!);
        Assert.True((bool)config["etag"]!["supported"]!);
        Assert.False(config.ContainsKey("documentationUri"));
    }

    [Fact]
    public void Service_provider_config_has_the_rfc_9865_pagination_block()
    {
        var config = DiscoveryDocuments.ServiceProviderConfig(new ServiceProviderCapabilities { DefaultPageSize = 50, MaxPageSize = 500, CursorTimeout = TimeSpan.FromMinutes(10) }, BaseUrl);

        Assert.Equal(
            """{"cursor":true,"index":true,"defaultPaginationMethod":"index","defaultPageSize":50,"maxPageSize":500,"cursorTimeout":600}""",
            config["pagination"]!.ToJsonString());
    }

    [Fact]
    public void Cursor_is_the_default_pagination_method_when_index_paging_is_off()
    {
        var config = DiscoveryDocuments.ServiceProviderConfig(new ServiceProviderCapabilities { IndexPagingSupported = false }, BaseUrl);

        Assert.Equal("cursor", (string?)config["pagination"]!["defaultPaginationMethod"]);
    }

    [Fact]
    public void Service_provider_config_names_the_bearer_token_scheme_and_its_location()
    {
        var config = DiscoveryDocuments.ServiceProviderConfig(new ServiceProviderCapabilities { DocumentationUri = "https://docs.example.com" }, BaseUrl + "/");

        var scheme = Assert.Single(config["authenticationSchemes"]!.AsArray())!;
        Assert.Equal("oauthbearertoken", (string?)scheme["type"]);
        Assert.Equal("https://docs.example.com", (string?)config["documentationUri"]);
        Assert.Equal($$"""{"resourceType":"ServiceProviderConfig","location":"{{BaseUrl}}/ServiceProviderConfig"}""", config["meta"]!.ToJsonString());
    }

    [Fact]
    public void The_user_resource_type_document_lists_its_schema_extensions()
    {
        var document = DiscoveryDocuments.ResourceType(ScimSchemas.UserResourceType(), BaseUrl);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""
            {
              "schemas": ["{{ScimSchemaUrns.ResourceType}}"],
              "id": "User", "name": "User", "endpoint": "/Users", "description": "User Account",
              "schema": "{{ScimSchemaUrns.User}}",
              "schemaExtensions": [{ "schema": "{{ScimSchemaUrns.EnterpriseUser}}", "required": false }],
              "meta": { "resourceType": "ResourceType", "location": "{{BaseUrl}}/ResourceTypes/User" }
            }
            """), document), document.ToJsonString());
    }

    [Fact]
    public void A_resource_type_without_extensions_has_no_schema_extensions_member()
    {
        var document = DiscoveryDocuments.ResourceType(ScimSchemas.GroupResourceType(), BaseUrl);

        Assert.False(document.ContainsKey("schemaExtensions"));
        Assert.Equal("/Groups", (string?)document["endpoint"]);
    }

    [Fact]
    public void A_schema_document_is_generated_from_the_definition_with_its_location()
    {
        var document = DiscoveryDocuments.Schema(ScimSchemas.EnterpriseUser, BaseUrl);

        Assert.Equal(ScimSchemaUrns.EnterpriseUser, (string?)document["id"]);
        Assert.Equal($"{BaseUrl}/Schemas/{ScimSchemaUrns.EnterpriseUser}", (string?)document["meta"]!["location"]);
        Assert.Equal(ScimSchemas.EnterpriseUser.Attributes.Count, document["attributes"]!.AsArray().Count);
    }
}
