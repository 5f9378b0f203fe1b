using System.Text.Json;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Filters;
using ScimFunctions.Core.Paging;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary>
/// <c>demo seed</c>: a demo tenant with users, groups with members, and a fresh token, printed with the tenant's SCIM
/// base URL and a curl line that works. Running it again reuses what exists and issues another token.
/// </summary>
internal static class DemoCommands
{
    private static readonly string[] s_givenNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis"];
    private static readonly string[] s_familyNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie"];
    private static readonly string[] s_groupNames = ["Engineering", "Sales", "Support", "Finance", "Marketing", "Operations"];
    private static readonly string[] s_departments = ["R&D", "Go-to-market", "Customer success"];

    public static Command Build(CliContextFactory factory) =>
        new("demo", "Demo data for trying the service.") { Seed(factory) };

    private static Command Seed(CliContextFactory factory)
    {
        var tenant = new Option<TenantId>("--tenant")
        {
            Description = "The demo tenant (created when missing).",
            DefaultValueFactory = _ => TenantId.Parse("demo"),
            CustomParser = result => TenantId.TryParse(result.Tokens.Count == 1 ? result.Tokens[0].Value : null, out var id) ? id : Fail(result),
        };
        var userCount = new Option<int>("--users") { Description = "How many users.", DefaultValueFactory = _ => 20 };
        var groupCount = new Option<int>("--groups") { Description = "How many groups (users are spread over them).", DefaultValueFactory = _ => 3 };
        var baseUrl = new Option<Uri?>("--base-url")
        {
            Description = $"Where the service listens, for the printed URL and curl line (default: ${BaseUrlVariable}, else http://localhost:${PortVariable}, else http://localhost:7071).",
            DefaultValueFactory = _ => DefaultBaseUrl(),
            CustomParser = CliArguments.ParseAbsoluteUri,
        };
        var command = new Command("seed", "Create a demo tenant with users and groups, and issue it a token.") { tenant, userCount, groupCount, baseUrl };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var id = context.ParseResult.GetValue(tenant);
            var users = Math.Clamp(context.ParseResult.GetValue(userCount), 0, 10_000);
            var groups = Math.Clamp(context.ParseResult.GetValue(groupCount), 0, s_groupNames.Length);
            var registry = backend.Registry;
            var record = await registry.GetAsync(id, cancellationToken);
            if (record is null)
            {
                var demo = new TenantRecord { Id = id, Created = DateTimeOffset.UtcNow, DisplayName = "Demo tenant" };
                record = await backend.Administration.CreateAsync(demo, backend.Call, cancellationToken);
            }

            var store = await backend.Stores.GetStoreAsync(id, cancellationToken);
            var userType = TenantSchemas.For(record).User;
            var groupType = TenantSchemas.For(record).Group;
            var writeContext = backend.WriteContext;

            var userIds = new List<string>();
            foreach (var user in Enumerable.Range(0, users).Select(DemoUser))
            {
                userIds.Add(await CreateOrFindAsync(store, userType, user, "userName", writeContext, cancellationToken));
            }

            for (var g = 0; g < groups; g++)
            {
                var members = userIds.Where((_, index) => index % groups == g).Select(value => (JsonNode)new JsonObject { ["value"] = value }).ToArray();
                var group = new JsonObject
                {
                    ["schemas"] = new JsonArray(ScimSchemaUrns.Group),
                    ["displayName"] = s_groupNames[g],
                    ["externalId"] = "demo-group-" + g,
                    ["members"] = new JsonArray(members),
                };
                await CreateOrFindAsync(store, groupType, group, "displayName", writeContext, cancellationToken);
            }

            var issued = await backend.Administration.IssueTokenAsync(id, lifetime: null, TokenScope.Scim, backend.Call, cancellationToken);
            var scimBase = new Uri(context.ParseResult.GetValue(baseUrl)!, $"scim/v2/{id.Value}").AbsoluteUri;
            var curl = $"curl -s -H \"Authorization: Bearer {issued.Token}\" \"{scimBase}/Users?count=5\"";
            context.Output.Result(
                new JsonObject
                {
                    ["tenant"] = id.Value,
                    ["scimBaseUrl"] = scimBase,
                    ["token"] = issued.Token,
                    ["tokenId"] = issued.TokenId,
                    ["users"] = userIds.Count,
                    ["groups"] = groups,
                    ["curl"] = curl,
                },
                console =>
                {
                    console.MarkupLineInterpolated($"Demo tenant [bold]{id.Value}[/]: {userIds.Count} users, {groups} groups.");
                    console.MarkupLine("SCIM base URL:");
                    context.Output.WriteRawLine(scimBase);
                    console.MarkupLine("Token [yellow](shown once)[/]:");
                    context.Output.WriteRawLine(issued.Token);
                    console.MarkupLine("Try it:");
                    context.Output.WriteRawLine(curl);
                });
        });
        return command;
    }

    private static JsonObject DemoUser(int index)
    {
        var given = s_givenNames[index % s_givenNames.Length];
        var family = s_familyNames[index / s_givenNames.Length % s_familyNames.Length];
        var suffix = index < s_givenNames.Length * s_familyNames.Length ? string.Empty : (index / (s_givenNames.Length * s_familyNames.Length)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var userName = $"{given}.{family}{suffix}@demo.example".ToLowerInvariant();
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.User, ScimSchemaUrns.EnterpriseUser),
            ["userName"] = userName,
            ["externalId"] = "demo-user-" + index,
            ["name"] = new JsonObject { ["givenName"] = given, ["familyName"] = family },
            ["displayName"] = $"{given} {family}",
            ["active"] = true,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = userName, ["type"] = "work", ["primary"] = true }),
            [ScimSchemaUrns.EnterpriseUser] = new JsonObject { ["department"] = s_departments[index % s_departments.Length], ["employeeNumber"] = (1000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
    }

    // Seeding twice converges: a 409 on the unique attribute means the resource is already there.
    private static async Task<string> CreateOrFindAsync(ITenantScimStore store, ResourceTypeDefinition type, JsonObject document, string uniqueAttribute, WriteContext writeContext, CancellationToken cancellationToken)
    {
        try
        {
            var created = await store.CreateAsync(type, ResourceValidator.Normalize(document, type), writeContext, cancellationToken);
            return created.Id;
        }
        catch (ScimException ex) when (ex.Status == 409)
        {
            var filter = ScimFilter.Parse($"{uniqueAttribute} eq {JsonSerializer.Serialize((string)document[uniqueAttribute]!)}");
            var found = await store.QueryAsync(type, new ScimQuery(filter, AttributeSelection.Default, null, new PageRequest(1, 1, null)), cancellationToken);
            return found.Resources.Single().Id;
        }
    }

    private static TenantId Fail(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError("--tenant is not a tenant id: 3-63 characters of a-z, 0-9 and '-'.");
        return default;
    }

    /// <summary>Where the local host really listens: eng/run-local.sh exports <c>SCIM_BASE_URL</c>; <c>SCIM_PORT</c> is its port setting.</summary>
    internal const string BaseUrlVariable = "SCIM_BASE_URL";

    internal const string PortVariable = "SCIM_PORT";

    internal static Uri DefaultBaseUrl()
    {
        if (Uri.TryCreate(Environment.GetEnvironmentVariable(BaseUrlVariable), UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        return int.TryParse(Environment.GetEnvironmentVariable(PortVariable), System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? new Uri($"http://localhost:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            : new Uri("http://localhost:7071");
    }
}
