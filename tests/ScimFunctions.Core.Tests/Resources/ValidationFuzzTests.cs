using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using static ScimFunctions.Core.Tests.Resources.ResourceTestData;

namespace ScimFunctions.Core.Tests.Resources;

/// <summary>Random documents and selections: validation and projection answer with 400 SCIM errors or a result, nothing else.</summary>
public class ValidationFuzzTests
{
    private static readonly string[] _keys =
    [
        "schemas", "id", "externalId", "userName", "USERNAME", "name", "name.givenName", "displayName", "active", "password", "emails", "phoneNumbers",
        "addresses", "groups", "x509Certificates", "meta", "members", "value", "type", "primary", "display", "$ref", "givenName", "unknown", "9bad", "",
        EnterpriseUrn, EnterpriseUrn + ":manager", EnterpriseUrn + ":manager.value", EnterpriseUrn + ":employeeNumber", UserUrn, UserUrn + ":displayName",
        TenantSchemas.BadgeUrn, "floor", "issued", "clearance", "doors", "code", "holder", "badgeNumber", "urn:x:y:z", "urn:", "emails.value",
    ];

    internal static readonly ResourceTypeDefinition FuzzType = ScimSchemas.UserResourceType([new SchemaExtension(TenantSchemas.Badge, Required: false)]);

    [Fact]
    public void Random_documents_yield_normalized_copies_or_400_scim_errors_only()
    {
        var random = new Random(7643);
        var normalizedCount = 0;
        for (var i = 0; i < 5000; i++)
        {
            var document = RandomDocument(random);
            var before = document.ToJsonString();
            var options = random.Next(3) == 0 ? Strict : CompatibilityOptions.Default;

            var error = Record.Exception(() =>
            {
                var normalized = ResourceValidator.Normalize(document, FuzzType, options);
                normalizedCount++;
                var selection = AttributeSelection.Parse(RandomList(random), random.Next(2) == 0 ? null : RandomList(random), FuzzType);
                ResourceProjector.Project(normalized, FuzzType, selection);
                ResourceValidator.CheckImmutable(normalized, ResourceValidator.Normalize(RandomDocument(random), FuzzType), FuzzType);
            });

            if (error is not null)
            {
                var scimError = Assert.IsType<ScimException>(error);
                Assert.Equal(400, scimError.Status);
                Assert.NotNull(scimError.ScimType);
            }

            Assert.Equal(before, document.ToJsonString());
        }

        Assert.InRange(normalizedCount, 100, 4900);
    }

    internal static JsonObject RandomDocument(Random random)
    {
        var document = new JsonObject();
        if (random.Next(6) != 0)
        {
            document["schemas"] = random.Next(8) == 0 ? RandomValue(random, 1) : new JsonArray(UserUrn);
        }

        if (random.Next(3) != 0)
        {
            document["userName"] = "u" + random.Next(1000);
        }

        var count = random.Next(6);
        for (var i = 0; i < count; i++)
        {
            document[_keys[random.Next(_keys.Length)]] = RandomValue(random, 0);
        }

        return document;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 2 ? 7 : 10) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 5)),
        3 => JsonValue.Create(random.NextDouble() * 1e30),
        4 => JsonValue.Create(new[] { "True", "false", "2024-05-01T00:00:00Z", "work", "TWFu", "x", "", "7", "1e400" }[random.Next(9)]),
        5 => JsonValue.Create(DateTimeOffset.UnixEpoch.AddDays(random.Next(20000))),
        6 => JsonValue.Create("s" + random.Next(100)),
        7 or 8 => RandomObject(random, depth + 1),
        _ => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))]),
    };

    private static JsonObject RandomObject(Random random, int depth)
    {
        var result = new JsonObject();
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            result[_keys[random.Next(_keys.Length)]] = RandomValue(random, depth);
        }

        return result;
    }

    internal static string RandomList(Random random) =>
        string.Join(',', Enumerable.Range(0, random.Next(3)).Select(_ => _keys[random.Next(_keys.Length)]));
}
