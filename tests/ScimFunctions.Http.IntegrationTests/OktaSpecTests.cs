using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// Okta's "SCIM 2.0 SPEC Test" (the Runscope suite an Okta Integration Network submission must pass), step for step
/// against the real host: the same requests in the same order, the same headers, the same variables carried from one
/// step to the next, and the same declarative assertions (<c>equal_number</c> on the status, <c>not_empty</c>,
/// <c>has_value</c>, <c>equal</c>, <c>contains</c>, <c>is_a_number</c> on JSON properties, and the Groups step's script).
/// The suite's <c>response_time</c> limits (400–600 ms) are not asserted: a shared test machine's latency says nothing
/// about a stamp's. It runs at both URL forms a tenant can be given, with the tenant segment and without it (the token
/// names the tenant), and once more with the newer export's unquoted <c>userName eq</c> value.
/// </summary>
public sealed partial class OktaSpecTests(ScimTestHost host) : IClassFixture<ScimTestHost>
{
    private const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Every_step_of_the_spec_test_passes(bool tokenOnlyUrl, bool unquotedFilters)
    {
        using var tenant = await host.CreateTenantAsync();
        var client = tokenOnlyUrl ? tenant.ByToken() : tenant;

        // The suite runs against an application that already has users (Resources[0] must carry a name and an email)
        // and groups (its last step's script asserts totalResults ≥ 1).
        var seeded = Scim.User(Scim.UniqueName("okta.seed"));
        seeded["displayName"] = "Seeded User";
        (await client.PostAsync("/Users", seeded)).AssertStatus(201);
        (await client.PostAsync("/Groups", Scim.Group("Okta seeded group"))).AssertStatus(201);

        var random = Guid.NewGuid().ToString("N")[..10];
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SCIMBaseURL"] = client.BasePath,
            ["auth"] = "Bearer " + tenant.Token,
            ["InvalidUserEmail"] = "abcdefgh@qwerty.com",
            ["UserIdThatDoesNotExist"] = "010101001010101010",
            ["randomUsername"] = $"Runscope{random}@atko.com",
            ["randomUsernameCaps"] = $"RUNSCOPE{random.ToUpperInvariant()}@ATKO.COM",
            ["randomGivenName"] = "Given" + random,
            ["randomFamilyName"] = "Family" + random,
            ["randomEmail"] = $"Runscope{random}@atko.com",
        };

        var failures = new List<string>();
        using var http = host.Client();
        foreach (var step in Steps(unquotedFilters))
        {
            var (status, json) = await SendAsync(http, step, variables);
            foreach (var assertion in step.Assertions)
            {
                if (Check(assertion, status, json, variables) is { } failure)
                {
                    failures.Add($"{step.Note}: {failure}");
                }
            }

            if (step.Script is { } script && script(json) is { } scriptFailure)
            {
                failures.Add($"{step.Note}: {scriptFailure}");
            }

            foreach (var (name, property) in step.Capture)
            {
                variables[name] = Resolve(json, property)?.ToString() ?? string.Empty;
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The steps of the export, in its order (the pauses between them are left out).</summary>
    private static IEnumerable<Step> Steps(bool unquotedFilters)
    {
        string UserNameFilter(string variable) => unquotedFilters ? $"userName eq {{{{{variable}}}}}" : $"userName eq \"{{{{{variable}}}}}\"";

        yield return new Step("Optional Test: Test ServiceProviderConfig endpoint", "GET", "{{SCIMBaseURL}}/ServiceProviderConfig")
        {
            Assertions =
            [
                Status(200), NotEmpty("schemas"), HasValue("schemas", "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
                NotEmpty("patch"), NotEmpty("bulk"), NotEmpty("filter"), NotEmpty("changePassword"), NotEmpty("sort"), NotEmpty("etag"),
                NotEmpty("authenticationSchemes"), NotEmpty("authenticationSchemes[0].type"), NotEmpty("authenticationSchemes[0].description"),
                NotEmpty("etag.supported"), NotEmpty("sort.supported"), NotEmpty("changePassword.supported"), NotEmpty("filter.maxResults"),
                NotEmpty("filter.supported"), NotEmpty("bulk.supported"), NotEmpty("bulk.maxOperations"), NotEmpty("bulk.maxPayloadSize"),
                NotEmpty("patch.supported"),
            ],
        };
        yield return new Step("Optional Test: Check if ServiceProviderConfig is read-only", "POST", "{{SCIMBaseURL}}/ServiceProviderConfig", "test\r\n\r\n") { Assertions = [Status(405)] };
        yield return new Step("Optional Test: Check ResourceTypes endpoint", "GET", "{{SCIMBaseURL}}/ResourceTypes")
        {
            Assertions = [Status(200), NotEmpty("Resources"), HasValue("schemas", ListResponse), NotEmpty("Resources[0].name"), NotEmpty("Resources[0].endpoint"), NotEmpty("Resources[0].schema")],
        };
        yield return new Step("Optional Test: Check if ResourceTypes is read-only", "POST", "{{SCIMBaseURL}}/ResourceTypes", "test") { Assertions = [Status(405)] };
        yield return new Step("Optional Test: Check Schemas endpoint", "GET", "{{SCIMBaseURL}}/Schemas")
        {
            Assertions = [Status(200), NotEmpty("Resources"), HasValue("schemas", ListResponse), NotEmpty("Resources[0].id"), NotEmpty("Resources[0].attributes")],
        };
        yield return new Step("Optional Test: Check if Schemas is read-only", "POST", "{{SCIMBaseURL}}/Schemas", "test") { Assertions = [Status(405)] };
        yield return new Step("Required Test: Test Users endpoint", "GET", "{{SCIMBaseURL}}/Users?count=1&startIndex=1")
        {
            Capture = [("ISVUserid", "Resources[0].id")],
            Assertions =
            [
                Status(200), NotEmpty("Resources"), HasValue("schemas", ListResponse), IsANumber("itemsPerPage"), IsANumber("startIndex"), IsANumber("totalResults"),
                NotEmpty("Resources[0].id"), NotEmpty("Resources[0].name.familyName"), NotEmpty("Resources[0].name.givenName"), NotEmpty("Resources[0].userName"),
                NotEmpty("Resources[0].active"), HasValue("Resources[0].emails.value", null),
            ],
        };
        yield return new Step("Required Test: Get Users/{{id}}", "GET", "{{SCIMBaseURL}}/Users/{{ISVUserid}}")
        {
            Assertions =
            [
                Status(200), NotEmpty("id"), NotEmpty("name.familyName"), NotEmpty("name.givenName"), NotEmpty("userName"), NotEmpty("active"),
                NotEmpty("emails[0].value"), Equal("id", "{{ISVUserid}}"),
            ],
        };
        yield return new Step("Required Test: Test invalid User by username", "GET", "{{SCIMBaseURL}}/Users?filter=" + UserNameFilter("InvalidUserEmail"))
        {
            Assertions = [Status(200), HasValue("schemas", ListResponse), Equal("totalResults", "0")],
        };
        yield return new Step("Required Test: Test invalid User by ID", "GET", "{{SCIMBaseURL}}/Users/{{UserIdThatDoesNotExist}}")
        {
            Assertions = [Status(404), NotEmpty("detail"), HasValue("schemas", ErrorSchema)],
        };
        yield return new Step("Required Test: Make sure random user doesn't exist", "GET", "{{SCIMBaseURL}}/Users?filter=" + UserNameFilter("randomEmail"))
        {
            Assertions = [Status(200), Equal("totalResults", "0"), HasValue("schemas", ListResponse)],
        };
        const string create = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{randomUsername}}","name":{"givenName":"{{randomGivenName}}","familyName":"{{randomFamilyName}}"},"emails":[{"primary":true,"value":"{{randomEmail}}","type":"work"}],"displayName":"{{randomGivenName}} {{randomFamilyName}}","active":true}""";
        yield return new Step("Required Test: Create Okta user with realisitic values", "POST", "{{SCIMBaseURL}}/Users", create, CreateHeaders: true)
        {
            Capture = [("idUserOne", "id")],
            Assertions =
            [
                Status(201), Equal("active", "true"), NotEmpty("id"), Equal("name.familyName", "{{randomFamilyName}}"), Equal("name.givenName", "{{randomGivenName}}"),
                Contains("schemas", "urn:ietf:params:scim:schemas:core:2.0:User"), Equal("userName", "{{randomUsername}}"),
            ],
        };
        yield return new Step("Required Test: Verify that user was created", "GET", "{{SCIMBaseURL}}/Users/{{idUserOne}}")
        {
            Assertions = [Status(200), Equal("userName", "{{randomUsername}}"), Equal("name.familyName", "{{randomFamilyName}}"), Equal("name.givenName", "{{randomGivenName}}")],
        };
        yield return new Step("Required Test: Expect failure when recreating user with same values", "POST", "{{SCIMBaseURL}}/Users", create, CreateHeaders: true) { Assertions = [Status(409)] };
        yield return new Step("Required Test: Username Case Sensitivity Check", "GET", "{{SCIMBaseURL}}/Users?filter={{randomUsernameCaps}}") { Assertions = [Status(400)] };
        yield return new Step("Optional Test: Verify Groups endpoint", "GET", "{{SCIMBaseURL}}/Groups")
        {
            Assertions = [Status(200)],
            Script = json => json?["totalResults"]?.GetValue<long>() >= 1 && json["Resources"] is JsonArray ? null : "Resources is not an array of at least one group",
        };
    }

    private static async Task<(int Status, JsonNode? Json)> SendAsync(HttpClient http, Step step, Dictionary<string, string> variables)
    {
        using var request = new HttpRequestMessage(new HttpMethod(step.Method), Expand(step.Url, variables, url: true));
        request.Headers.TryAddWithoutValidation("Authorization", Expand("{{auth}}", variables));
        if (step.CreateHeaders)
        {
            request.Headers.TryAddWithoutValidation("Accept", "application/scim+json; charset=utf-8");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Accept-Charset", "utf-8");
            request.Headers.TryAddWithoutValidation("Accept", "application/scim+json");
            request.Headers.TryAddWithoutValidation("User-Agent", "OKTA SCIM Integration");
        }

        if (step.Body is { } body)
        {
            request.Content = new StringContent(Expand(body, variables), Encoding.UTF8);
            // The create steps name no Content-Type (Runscope then sends application/json); the others send SCIM's.
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(step.CreateHeaders ? "application/json" : "application/scim+json; charset=utf-8");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
        }

        return ((int)response.StatusCode, json);
    }

    private static string? Check(Assertion assertion, int status, JsonNode? json, Dictionary<string, string> variables)
    {
        if (assertion.Comparison == "equal_number" && assertion.Property is null)
        {
            return status == int.Parse(assertion.Value!, CultureInfo.InvariantCulture) ? null : $"status {status}, expected {assertion.Value}";
        }

        var actual = Resolve(json, assertion.Property!);
        var expected = assertion.Value is null ? null : Expand(assertion.Value, variables);
        var ok = assertion.Comparison switch
        {
            "not_empty" => actual is not null && actual.ToString().Length > 0 && actual is not JsonArray { Count: 0 },
            "has_value" => expected is null ? actual is not null : actual is JsonArray array ? array.Any(v => v?.ToString() == expected) : actual?.ToString() == expected,
            "contains" => actual?.ToJsonString().Contains(expected!, StringComparison.Ordinal) == true,
            "equal" => actual is not null && string.Equals(Text(actual), expected, StringComparison.Ordinal),
            "is_a_number" => actual is JsonValue value && value.GetValueKind() == JsonValueKind.Number,
            _ => throw new InvalidOperationException("Unknown comparison " + assertion.Comparison),
        };
        return ok ? null : $"{assertion.Comparison} {assertion.Property} {expected}: got {actual?.ToJsonString() ?? "nothing"}";
    }

    private static string Text(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => node.ToString(),
    };

    /// <summary>Runscope's property paths: <c>a.b</c>, <c>a[0].b</c>, and <c>a.b</c> over an array meaning its first item's <c>b</c>.</summary>
    private static JsonNode? Resolve(JsonNode? json, string property)
    {
        var node = json;
        foreach (Match part in PathPart().Matches(property))
        {
            if (node is JsonArray list && !part.Groups[2].Success)
            {
                node = list.Count > 0 ? list[0] : null;
            }

            node = node is JsonObject obj ? obj[part.Groups[1].Value] : null;
            if (part.Groups[2].Success)
            {
                var index = int.Parse(part.Groups[2].Value, CultureInfo.InvariantCulture);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
        }

        return node;
    }

    private static string Expand(string text, Dictionary<string, string> variables, bool url = false) =>
        Variable().Replace(text, match => variables.TryGetValue(match.Groups[1].Value, out var value)
            ? (url && match.Groups[1].Value != "SCIMBaseURL" ? Uri.EscapeDataString(value) : value)
            : match.Value).Replace(" ", url ? "%20" : " ", StringComparison.Ordinal).Replace("\"", url ? "%22" : "\"", StringComparison.Ordinal);

    private static Assertion Status(int status) => new("equal_number", null, status.ToString(CultureInfo.InvariantCulture));

    private static Assertion NotEmpty(string property) => new("not_empty", property, null);

    private static Assertion HasValue(string property, string? value) => new("has_value", property, value);

    private static Assertion Equal(string property, string value) => new("equal", property, value);

    private static Assertion Contains(string property, string value) => new("contains", property, value);

    private static Assertion IsANumber(string property) => new("is_a_number", property, null);

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"(\w+)(?:\[(\d+)\])?")]
    private static partial Regex PathPart();

    private sealed record Assertion(string Comparison, string? Property, string? Value);

    private sealed record Step(string Note, string Method, string Url, string? Body = null, bool CreateHeaders = false)
    {
        public IReadOnlyList<Assertion> Assertions { get; init; } = [];

        public IReadOnlyList<(string Name, string Property)> Capture { get; init; } = [];

        public Func<JsonNode?, string?>? Script { get; init; }
    }
}
