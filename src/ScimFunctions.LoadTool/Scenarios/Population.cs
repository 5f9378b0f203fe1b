using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ScimFunctions.Core;

namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>
/// The deterministic users and groups a workload works on: user <c>i</c> always has the same userName and externalId
/// for a given prefix, so a later run (incremental, import, mixed) finds what an earlier one created.
/// </summary>
internal sealed class Population
{
    public Population(string prefix, int users, int groups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        ArgumentOutOfRangeException.ThrowIfNegative(groups);
        Prefix = prefix;
        Users = users;
        Groups = groups;
    }

    public string Prefix { get; }
    public int Users { get; }
    public int Groups { get; }

    public string UserName(int i) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}.user{i:D6}@loadtest.example");

    public string ExternalId(int i) => DeterministicGuid($"{Prefix}/user/{i}").ToString();

    public string GroupName(int j) => string.Create(CultureInfo.InvariantCulture, $"{Prefix} group {j:D4}");

    /// <summary>The group user <paramref name="i"/> belongs to in the initial cycle (round robin).</summary>
    public int GroupOf(int i) => Groups == 0 ? -1 : i % Groups;

    /// <summary>A user as Entra ID creates it: core + enterprise extension, work email, externalId.</summary>
    public JsonObject UserDocument(int i) => UserDocument(UserName(i), ExternalId(i), i);

    public static JsonObject UserDocument(string userName, string externalId, int number) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemaUrns.User, ScimSchemaUrns.EnterpriseUser),
        ["externalId"] = externalId,
        ["userName"] = userName,
        ["active"] = true,
        ["displayName"] = string.Create(CultureInfo.InvariantCulture, $"Load User {number:D6}"),
        ["name"] = new JsonObject
        {
            ["givenName"] = "Load",
            ["familyName"] = string.Create(CultureInfo.InvariantCulture, $"User{number:D6}"),
            ["formatted"] = string.Create(CultureInfo.InvariantCulture, $"Load User{number:D6}"),
        },
        ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = userName }),
        ["title"] = "Engineer",
        ["locale"] = "en-US",
        [ScimSchemaUrns.EnterpriseUser] = new JsonObject
        {
            ["employeeNumber"] = number.ToString(CultureInfo.InvariantCulture),
            ["department"] = string.Create(CultureInfo.InvariantCulture, $"Department {number % 17}"),
        },
    };

    /// <summary>A group as Entra ID and Okta create it: display name and no members.</summary>
    public JsonObject GroupDocument(int j) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemaUrns.Group),
        ["displayName"] = GroupName(j),
        ["externalId"] = DeterministicGuid($"{Prefix}/group/{j}").ToString(),
        ["members"] = new JsonArray(),
    };

    private static Guid DeterministicGuid(string seed) => new(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16));
}
