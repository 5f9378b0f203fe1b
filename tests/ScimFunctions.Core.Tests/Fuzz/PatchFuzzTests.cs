using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Patch;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Core.Tests.Patch;

namespace ScimFunctions.Core.Tests.Fuzz;

/// <summary>
/// Feeds PATCH parsing and application with thousands of random and mutated PatchOp documents (fixed seed, so a failure
/// reproduces): mutations of real identity-provider bodies in their ops, paths, values, types and nesting, plus bodies
/// built from scratch and bodies damaged as text. Only a 400 ScimException with a scimType may come out, nothing hangs,
/// and the resource a PATCH is applied to is never modified.
/// </summary>
public class PatchFuzzTests
{
    private const int Seed = 7643;
    private const int Documents = 12_000;
    private const string Enterprise = ScimSchemaUrns.EnterpriseUser;
    private const string PathCharacters = "[]().:\" \\$_-eqorandnotprsw0é";

    private static readonly string[] _corpus =
    [
        """[ { "op": "Replace", "path": "active", "value": "False" } ]""",
        """[ { "op": "replace", "value": { "active": false } } ]""",
        """[ { "op": "Add", "path": "emails[type eq \"work\"].value", "value": "new@work.example" } ]""",
        """[ { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "x@example.com" }, { "op": "Replace", "path": "name.familyName", "value": "J" } ]""",
        $$"""[ { "op": "replace", "value": { "name.givenName": "A", "{{Enterprise}}:employeeNumber": "7" } } ]""",
        $$"""[ { "op": "replace", "value": { "{{Enterprise}}": { "department": "Sales", "manager": { "value": "m" } } } } ]""",
        """[ { "op": "Add", "path": "manager", "value": [ { "$ref": null, "value": "m-1" } ] } ]""",
        $$"""[ { "op": "Remove", "path": "{{Enterprise}}:manager" } ]""",
        $$"""[ { "op": "Replace", "path": "{{Enterprise}}:manager.value", "value": "m-2" } ]""",
        """[ { "op": "Remove", "path": "members", "value": [ { "value": "u2" } ] } ]""",
        """[ { "op": "Add", "path": "members", "value": [ { "value": "u1" }, { "value": "u9", "display": "Nine" } ] } ]""",
        """[ { "op": "remove", "path": "members[value eq \"u1\"]" }, { "op": "add", "path": "members", "value": [ { "value": "u4" } ] }, { "op": "replace", "value": { "id": "e9e30dba-f08f-4109-8486-d5c6a331660a", "displayName": "G" } } ]""",
        """[ { "op": "replace", "path": "members", "value": [ { "value": "u2" }, { "value": "u5" } ] } ]""",
        """[ { "op": "remove", "path": "members[value eq \"u1\" or value eq \"u2\"]" } ]""",
        """[ { "op": "add", "path": "emails", "value": [ { "value": "b@other.org", "type": "other", "primary": "True" } ] } ]""",
        """[ { "op": "remove", "path": "emails[type eq \"home\"]" }, { "op": "remove", "path": "phoneNumbers" } ]""",
        """[ { "op": "replace", "path": "name", "value": { "givenName": "Babs", "middleName": "J" } } ]""",
        """[ { "op": "add", "path": "addresses[type eq \"work\"].locality", "value": "Hollywood" } ]""",
        """[ { "op": "replace", "path": "userName", "value": "renamed@example.com" }, { "op": "replace", "path": "displayName", "value": "R" } ]""",
        """[ { "op": "replace", "path": "emails[type eq \"work\" and primary eq true].display", "value": "Main" } ]""",
        $$"""[ { "op": "add", "path": "{{Enterprise}}", "value": { "division": "Theme Park" } } ]""",
        """[ { "op": "remove", "path": "emails.type" }, { "op": "replace", "path": "emails.display", "value": "D" } ]""",
    ];

    private static readonly string[] _paths =
    [
        "active", "userName", "displayName", "name", "name.givenName", "name.GIVENNAME", "emails", "emails.value", "emails[type eq \"work\"]",
        "emails[type eq \"work\"].value", "emails[value co \"@\"].primary", "emails[primary eq \"True\"]", "emails[not (type eq \"home\")]",
        "phoneNumbers[type eq \"mobile\"].value", "addresses[type eq \"work\" and postalCode pr]", "members", "members[value eq \"u1\"]",
        "members[display sw \"A\"]", "members.value", "members[value eq \"u1\"].display", "groups", "groups[value eq \"g1\"]", "id", "meta",
        "meta.created", "externalId", "x509Certificates", "roles[primary eq true].value", "manager", "manager.value", "employeeNumber",
        Enterprise, Enterprise + ":manager", Enterprise + ":manager.value", Enterprise + ":manager.displayName", Enterprise + ":employeeNumber",
        Enterprise + ":unknown", "urn:ietf:params:scim:schemas:core:2.0:User:userName", "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:x:y", "urn:", "favouriteColour", "name.unknown", "emails[type eq work]", "emails[", "emails]", "emails[]", "emails[type eq \"w\"]]",
        ".value", "a..b", "$ref", "emails[type eq \"work\"].value.extra", "emails[type eq \"work\"][value pr]", "1abc", "-", "emails[type gt true]",
    ];

    private static readonly string[] _ops = ["add", "remove", "replace", "Add", "Remove", "Replace", "REPLACE", "aDd", "move", "copy", "test", "", " add", "add "];

    private static readonly string[] _strings =
    [
        "", " ", "x", "True", "False", "true", "FALSE", "1", "-1", "1.5", "2024-01-01T00:00:00Z", "not a date", "u1", "u2", "g1", "work", "home",
        "bjensen@example.com", "QUJD", "é", "\u0000", "\"quoted\"", "urn:ietf:params:scim:schemas:core:2.0:User", "e9e30dba-f08f-4109-8486-d5c6a331660a",
    ];

    private static readonly string[] _keys =
    [
        "value", "type", "primary", "display", "$ref", "givenName", "familyName", "active", "displayName", "userName", "name.givenName", "emails",
        "members", "id", "meta", "schemas", "manager", "department", "groups", Enterprise, Enterprise + ":employeeNumber", "unknown", "Value", "PRIMARY",
    ];

    [Fact]
    public async Task Random_and_mutated_patch_documents_yield_only_400_scim_errors_and_never_touch_the_input()
    {
        var run = Task.Run(() => Fuzz(new Random(Seed)));

        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120)));
        Assert.True(first == run, "Fuzzing did not finish within 120 seconds.");
        var outcome = await run;
        Assert.True(outcome.Documents >= Documents, $"Only {outcome.Documents} documents were tried.");
        Assert.True(outcome.Applied > 1_000 && outcome.Rejected > 1_000, $"{outcome.Applied} applied, {outcome.Rejected} rejected: the generator does not cover both outcomes.");
        Assert.True(outcome.Failures.Count == 0, string.Join(Environment.NewLine, outcome.Failures.Take(20)));
        Assert.True(outcome.Slowest < TimeSpan.FromSeconds(10), $"The slowest document took {outcome.Slowest}.");
    }

    private sealed record Outcome(int Documents, int Applied, int Rejected, List<string> Failures, TimeSpan Slowest);

    private static Outcome Fuzz(Random random)
    {
        var targets = new (JsonObject Resource, ResourceTypeDefinition Type)[]
        {
            (PatchTestData.User(), PatchTestData.UserType),
            (PatchTestData.MinimalUser(), PatchTestData.UserType),
            (PatchTestData.Group(), PatchTestData.GroupType),
        };
        var pristine = targets.Select(target => target.Resource.DeepClone()).ToArray();
        var failures = new List<string>();
        int documents = 0, applied = 0, rejected = 0;
        var slowest = TimeSpan.Zero;

        while (documents < Documents)
        {
            var body = Generate(random);
            if (body is null)
            {
                continue; // damaged text that no JSON parser accepts never reaches PATCH
            }

            documents++;
            var index = random.Next(targets.Length);
            var options = RandomOptions(random, targets[index].Type);
            var text = body.ToJsonString();
            var watch = Stopwatch.StartNew();
            try
            {
                var request = PatchRequest.Parse(body, options.Compatibility);
                var result = PatchEngine.Apply(targets[index].Resource, request, targets[index].Type, options);
                _ = result.Resource.ToJsonString();
                if (ReferenceEquals(result.Resource, targets[index].Resource))
                {
                    failures.Add($"The result is the input instance: {text}");
                }

                applied++;
            }
            catch (ScimException error) when (error.Status == 400 && error.ScimType is not null)
            {
                rejected++;
            }
            catch (Exception error)
            {
                failures.Add($"{error.GetType().Name}: {error.Message} for {text}");
            }

            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            if (!JsonNode.DeepEquals(pristine[index], targets[index].Resource))
            {
                failures.Add($"The input resource was modified by {text}");
                targets[index] = (pristine[index].DeepClone().AsObject(), targets[index].Type);
            }
        }

        return new Outcome(documents, applied, rejected, failures, slowest);
    }

    private static PatchOptions RandomOptions(Random random, ResourceTypeDefinition type)
    {
        var compatibility = random.Next(4) == 0
            ? new CompatibilityOptions
            {
                UnknownAttributes = UnknownAttributePolicy.Reject,
                BooleanStrings = false,
                CaseInsensitivePatchOps = false,
                RemoveMembersByValueArray = false,
            }
            : CompatibilityOptions.Default;
        var externalized = type == PatchTestData.GroupType && random.Next(2) == 0;
        return new PatchOptions
        {
            Compatibility = compatibility,
            ExternalizedAttribute = externalized ? "members" : null,
            ResolveExternalizedValues = externalized && random.Next(2) == 0 ? _ => [new MemberReference("u1")] : null,
        };
    }

    private static JsonNode? Generate(Random random)
    {
        var roll = random.Next(100);
        if (roll < 10)
        {
            return PatchTestData.Message(RandomOperations(random).ToJsonString());
        }

        var message = PatchTestData.Message(_corpus[random.Next(_corpus.Length)]);
        var mutations = random.Next(4);
        for (var i = 0; i < mutations; i++)
        {
            Mutate(random, message);
        }

        return roll < 16 ? DamageText(random, message.ToJsonString()) : message;
    }

    private static JsonArray RandomOperations(Random random)
    {
        var operations = new JsonArray();
        var count = 1 + random.Next(5);
        for (var i = 0; i < count; i++)
        {
            var operation = new JsonObject { ["op"] = Pick(random, _ops) };
            if (random.Next(5) > 0)
            {
                operation["path"] = RandomPath(random);
            }

            if (random.Next(5) > 0)
            {
                operation["value"] = RandomValue(random, depth: 0);
            }

            operations.Add(operation);
        }

        return operations;
    }

    private static void Mutate(Random random, JsonObject message)
    {
        if (message["Operations"] is not JsonArray { Count: > 0 } operations)
        {
            return;
        }

        var operation = operations[random.Next(operations.Count)] as JsonObject;
        switch (random.Next(14))
        {
            case 0 when operation is not null:
                operation["op"] = random.Next(4) == 0 ? RandomValue(random, depth: 2) : Pick(random, _ops);
                break;
            case 1 or 2 when operation is not null:
                operation["path"] = RandomPath(random);
                break;
            case 3 when operation is not null && operation["path"] is JsonValue path && path.TryGetValue<string>(out var text):
                operation["path"] = DamageString(random, text);
                break;
            case 4 or 5 when operation is not null:
                operation["value"] = RandomValue(random, depth: 0);
                break;
            case 6 when operation is not null && operation["value"] is { } value:
                operation["value"] = random.Next(2) == 0 ? new JsonArray(value.DeepClone()) : new JsonObject { [Pick(random, _keys)] = value.DeepClone() };
                break;
            case 7 when operation is not null && operation["value"] is JsonObject complex:
                complex[Pick(random, _keys)] = RandomValue(random, depth: 1);
                break;
            case 8 when operation is not null:
                operation.Remove(Pick(random, ["op", "path", "value"]));
                break;
            case 9:
                operations.Add(operations[random.Next(operations.Count)]?.DeepClone());
                break;
            case 10:
                operations.Insert(random.Next(operations.Count + 1), RandomOperations(random)[0]!.DeepClone());
                break;
            case 11 when operation is not null:
                RecaseKeys(random, operation);
                break;
            case 12:
                message[random.Next(2) == 0 ? "schemas" : "Operations"] = RandomValue(random, depth: 1);
                break;
            case 13:
                operations[random.Next(operations.Count)] = Nest(random, RandomValue(random, depth: 3), 1 + random.Next(40));
                break;
        }
    }

    private static string RandomPath(Random random)
    {
        var path = Pick(random, _paths);
        return random.Next(6) switch
        {
            0 => DamageString(random, path),
            1 => path + "[" + new string('(', random.Next(50)) + "type eq \"x\"" + new string(')', random.Next(50)) + "]",
            2 => path.ToUpperInvariant(),
            _ => path,
        };
    }

    private static JsonNode? RandomValue(Random random, int depth)
    {
        var kind = depth > 4 ? random.Next(5) : random.Next(8);
        return kind switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(3) == 0 ? random.NextDouble() * 1e30 : random.Next(-5, 100)),
            3 or 4 => JsonValue.Create(random.Next(20) == 0 ? new string('x', 5_000) : Pick(random, _strings)),
            5 or 6 => RandomObject(random, depth + 1),
            _ => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))]),
        };
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var json = new JsonObject();
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            json[Pick(random, _keys)] = RandomValue(random, depth);
        }

        return json;
    }

    /// <summary>Nested arrays and objects as deep as a JSON parser with the default depth limit (64) lets through.</summary>
    private static JsonNode? Nest(Random random, JsonNode? inner, int levels)
    {
        for (var i = 0; i < levels; i++)
        {
            inner = random.Next(2) == 0 ? new JsonArray(inner) : new JsonObject { [Pick(random, _keys)] = inner };
        }

        return inner;
    }

    private static void RecaseKeys(Random random, JsonObject json)
    {
        foreach (var name in json.Select(pair => pair.Key).Where(name => name.Length > 0).ToList())
        {
            var value = json[name];
            json.Remove(name);
            json[random.Next(2) == 0 ? name.ToUpperInvariant() : char.ToUpperInvariant(name[0]) + name[1..]] = value;
        }
    }

    private static string DamageString(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var edits = 1 + random.Next(3);
        for (var i = 0; i < edits; i++)
        {
            var position = builder.Length == 0 ? 0 : random.Next(builder.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    builder.Insert(position, PathCharacters[random.Next(PathCharacters.Length)]);
                    break;
                case 1 when position < builder.Length:
                    builder.Remove(position, Math.Min(builder.Length - position, 1 + random.Next(5)));
                    break;
                default:
                    builder.Length = Math.Min(builder.Length, position);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Damages the JSON text; returns null when the result is no longer JSON (the HTTP layer answers that itself).</summary>
    private static JsonNode? DamageText(Random random, string text)
    {
        var damaged = DamageString(random, text);
        try
        {
            return JsonNode.Parse(damaged);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
