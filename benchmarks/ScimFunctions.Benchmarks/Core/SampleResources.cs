using System.Text.Json.Nodes;

namespace ScimFunctions.Benchmarks.Core;

/// <summary>Realistic documents for the core benchmarks: a fully populated enterprise user and groups of a given size.</summary>
internal static class SampleResources
{
    public const string UserId = "2819c223-7f76-453a-919d-413861904646";
    public const string GroupId = "e9e30dba-f08f-4109-8486-d5c6a331660a";

    public static JsonObject User() => JsonNode.Parse($$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "id": "{{UserId}}",
          "externalId": "701984",
          "userName": "bjensen@example.com",
          "name": { "formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara", "middleName": "Jane", "honorificPrefix": "Ms.", "honorificSuffix": "III" },
          "displayName": "Babs Jensen",
          "nickName": "Babs",
          "profileUrl": "https://login.example.com/bjensen",
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "addresses": [
            { "type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "USA", "primary": true },
            { "type": "home", "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "USA" }
          ],
          "phoneNumbers": [ { "value": "555-555-5555", "type": "work" }, { "value": "555-555-4444", "type": "mobile" } ],
          "userType": "Employee",
          "title": "Tour Guide",
          "preferredLanguage": "en-US",
          "locale": "en-US",
          "timezone": "America/Los_Angeles",
          "active": true,
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "costCenter": "4130",
            "organization": "Universal Studios",
            "division": "Theme Park",
            "department": "Tour Operations",
            "manager": { "value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith" }
          },
          "meta": { "resourceType": "User", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z", "version": "W/\"3694e05e9dff591\"" }
        }
        """)!.AsObject();

    public static JsonObject Group(int members)
    {
        var values = new JsonArray();
        for (var i = 0; i < members; i++)
        {
            values.Add(new JsonObject { ["value"] = $"user-{i:D6}", ["display"] = $"User {i}" });
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["id"] = GroupId,
            ["displayName"] = "Tour Guides",
            ["members"] = values,
        };
    }
}
