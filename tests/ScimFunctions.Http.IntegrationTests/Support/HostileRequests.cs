using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>The classes of hostile input the fuzz test covers; request <c>i</c> is of class <c>i % Count</c>, so every class is represented.</summary>
public enum HostileClass
{
    RepeatedMember,
    InvalidUtf8,
    LoneSurrogate,
    ByteMutation,
    ValueMutation,
    UnusualMethod,
    MalformedBulk,
    PolicyValue,
    QueryMutation,
    Valid,
    OversizeEntity,
    Framing,
}

/// <summary>One generated request: method, path from the host root, raw body bytes (null: none), or raw HTTP bytes for framing faults.</summary>
public sealed record HostileRequest(int Index, HostileClass Class, string Template, string Method, string Path, byte[]? Body, string ContentType = "application/scim+json", byte[]? RawHttp = null, bool CloseAfterSend = false)
{
    public bool IsOperator => Path.StartsWith("/operator/", StringComparison.Ordinal);
}

/// <summary>
/// Deterministic generator of hostile requests from valid identity-provider bodies (Entra and Okta shapes): the same
/// seed gives the same requests. Mutations: repeated member names in any case at any depth, invalid UTF-8 and escaped
/// lone surrogates in values and names, random byte edits, values of the wrong type or range, unusual methods, bulk
/// requests whose second operation is malformed, operator policy values (NaN, Infinity, negative, huge), filters and
/// query parameters, resources larger than a storage entity, and HTTP framing faults sent as raw bytes.
/// </summary>
public sealed class HostileRequests(int seed, string tenantBase, string token, string policyTenant, string userId, string groupId, string memberId)
{
    private const string Marker = "zzmarkerzz";
    private static readonly int s_classes = Enum.GetValues<HostileClass>().Length;
    private static readonly string[] s_methods = ["TRACE", "PROPFIND", "MKCOL", "LOCK", "COPY", "MOVE", "PURGE", "FOO", "CONNECTX", "SEARCH"];
    private static readonly byte[][] s_badUtf8 = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]];
    private static readonly string[] s_surrogates = ["x\\ud800", "\\udc00", "\\udc00\\ud800", "\\ud800\\u0041", "\\uDBFF", "a\\ud83d"];
    private static readonly string[] s_policyValues = ["\"NaN\"", "NaN", "\"Infinity\"", "Infinity", "-Infinity", "-1", "0", "1e400", "-1e400", "2147483648", "9223372036854775808", "\"abc\"", "null", "true", "[]", "{}", "1000000000", "50", "1.5", "\"-1\""];
    private static readonly string[] s_policyFields = ["maxUsers", "maxGroups", "requestsPerSecond", "allowedOperations", "bulkEnabled", "bulkMaxOperations", "bulkMaxPayloadBytes", "maxRequestBytes", "expiresAt", "MAXREQUESTBYTES", "unknownSetting"];
    private static readonly string[] s_filters =
    [
        "userName eq \"a@example.com\"", "externalId eq \"x\"", "emails[type eq \"work\"].value co \"@\"", "name.givenName sw \"A\" and active eq true",
        "displayName eq \"Sales\"", "members[value eq \"x\"]", "meta.lastModified gt \"2020-01-01T00:00:00Z\"", "not (userName pr)", "userName eq \"x\" or (userName eq \"y\" and title pr)",
    ];

    private readonly Random _random = new(seed);
    private int _names;

    public HostileRequest Next(int index)
    {
        var hostileClass = (HostileClass)(index % s_classes);
        return hostileClass switch
        {
            HostileClass.RepeatedMember => FromTemplate(index, hostileClass, RepeatMember),
            HostileClass.InvalidUtf8 => FromTemplate(index, hostileClass, BadUtf8),
            HostileClass.LoneSurrogate => FromTemplate(index, hostileClass, LoneSurrogate),
            HostileClass.ByteMutation => FromTemplate(index, hostileClass, MutateBytes),
            HostileClass.ValueMutation => FromTemplate(index, hostileClass, body => Utf8(MutateValue(body).ToJsonString())),
            HostileClass.UnusualMethod => UnusualMethod(index),
            HostileClass.MalformedBulk => MalformedBulk(index),
            HostileClass.PolicyValue => PolicyValue(index),
            HostileClass.QueryMutation => QueryMutation(index),
            HostileClass.Valid => FromTemplate(index, hostileClass, body => Utf8(body.ToJsonString())),
            HostileClass.OversizeEntity => Oversize(index),
            _ => Framing(index),
        };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string UniqueName() => string.Create(CultureInfo.InvariantCulture, $"fz{seed}.{_names++}.{_random.Next():x}@example.com");

    // ---- valid bodies, as identity providers send them

    private JsonObject EntraUser() => new()
    {
        ["schemas"] = new JsonArray(Scim.UserSchema, Scim.EnterpriseSchema),
        ["externalId"] = new Guid(Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(256)).ToArray()).ToString(),
        ["userName"] = UniqueName(),
        ["active"] = true,
        ["displayName"] = "Ada Lovelace",
        ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = "ada@example.com" }),
        ["name"] = new JsonObject { ["formatted"] = "Ada Lovelace", ["familyName"] = "Lovelace", ["givenName"] = "Ada" },
        ["roles"] = new JsonArray(new JsonObject { ["primary"] = "True", ["type"] = "WindowsAzureActiveDirectoryRole", ["value"] = "reader" }),
        [Scim.EnterpriseSchema] = new JsonObject { ["department"] = "Engineering", ["employeeNumber"] = "42" },
    };

    private JsonObject OktaUser() => new()
    {
        ["schemas"] = new JsonArray(Scim.UserSchema),
        ["userName"] = UniqueName(),
        ["name"] = new JsonObject { ["givenName"] = "Grace", ["familyName"] = "Hopper" },
        ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["value"] = "grace@example.com", ["type"] = "work" }),
        ["displayName"] = "Grace Hopper",
        ["locale"] = "en-US",
        ["externalId"] = "00u" + _random.Next().ToString("x", CultureInfo.InvariantCulture),
        ["groups"] = new JsonArray(),
        ["active"] = true,
    };

    private (string Name, string Method, string Path, JsonObject Body) Template()
    {
        var users = tenantBase + "/Users";
        switch (_random.Next(10))
        {
            case 0: return ("entra-create-user", "POST", users, EntraUser());
            case 1: return ("okta-create-user", "POST", users, OktaUser());
            case 2:
                var replacement = OktaUser();
                return ("replace-user", "PUT", $"{users}/{userId}", replacement);
            case 3: return ("entra-patch-user", "PATCH", $"{users}/{userId}", Scim.Patch(Scim.Op("Replace", "active", "False"), Scim.Op("Add", null, new JsonObject { ["displayName"] = "Renamed", [Scim.EnterpriseSchema + ":department"] = "Sales" })));
            case 4: return ("okta-patch-user", "PATCH", $"{users}/{userId}", Scim.Patch(Scim.Op("replace", null, new JsonObject { ["active"] = true, ["name"] = new JsonObject { ["givenName"] = "Ada" } })));
            case 5: return ("patch-group-members", "PATCH", $"{tenantBase}/Groups/{groupId}", Scim.Patch(Scim.Op("add", "members", new JsonArray(new JsonObject { ["value"] = memberId })), Scim.Op("remove", $"members[value eq \"{memberId}\"]", null)));
            case 6: return ("search-users", "POST", users + "/.search", new JsonObject { ["schemas"] = new JsonArray(Scim.SearchRequestSchema), ["filter"] = Pick(s_filters), ["startIndex"] = 1, ["count"] = 10, ["attributes"] = new JsonArray("userName", "emails") });
            case 7: return ("create-group", "POST", tenantBase + "/Groups", Scim.Group("fz-group " + UniqueName(), memberId));
            case 8: return ("bulk", "POST", tenantBase + "/Bulk", Bulk(new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u1", ["data"] = OktaUser() }, new JsonObject { ["method"] = "PATCH", ["path"] = "/Groups/" + groupId, ["data"] = Scim.Patch(Scim.Op("add", "members", new JsonArray(new JsonObject { ["value"] = "bulkId:u1" }))) }));
            default: return ("replace-group", "PUT", $"{tenantBase}/Groups/{groupId}", Scim.Group("fz-stable-group", memberId));
        }
    }

    private static JsonObject Bulk(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(Scim.BulkRequestSchema),
        ["Operations"] = new JsonArray(operations.Cast<JsonNode>().ToArray()),
    };

    private HostileRequest FromTemplate(int index, HostileClass hostileClass, Func<JsonObject, byte[]> mutate)
    {
        var (name, method, path, body) = Template();
        return new HostileRequest(index, hostileClass, name, method, path, mutate(body), _random.Next(4) == 0 ? "application/json" : "application/scim+json");
    }

    // ---- the tree: every object, every string slot

    private static List<JsonNode> Nodes(JsonNode root)
    {
        var all = new List<JsonNode>();
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            all.Add(node);
            var children = node switch
            {
                JsonObject obj => obj.Select(p => p.Value),
                JsonArray array => array.AsEnumerable(),
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }

        return all;
    }

    private string CaseVariant(string name) =>
        string.Concat(name.Select(c => _random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));

    private byte[] RepeatMember(JsonObject body)
    {
        var objects = Nodes(body).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        var target = Pick(objects);
        var existing = Pick(target.Select(p => p.Key).ToList());
        var repeated = _random.Next(3) == 0 ? existing : CaseVariant(existing);
        target[Marker] = target[existing]?.DeepClone() ?? JsonValue.Create(_random.Next());
        return Utf8(body.ToJsonString().Replace($"\"{Marker}\"", "\"" + repeated + "\"", StringComparison.Ordinal));
    }

    /// <summary>Puts <see cref="Marker"/> into a random string value (or a member name) and serializes.</summary>
    private string MarkText(JsonObject body)
    {
        var strings = Nodes(body).OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
        if (strings.Count == 0 || _random.Next(4) == 0)
        {
            var objects = Nodes(body).OfType<JsonObject>().ToList();
            Pick(objects)[Marker] = "value";
        }
        else
        {
            var value = Pick(strings);
            value.ReplaceWith(JsonValue.Create((_random.Next(2) == 0 ? (string)value! : string.Empty) + Marker));
        }

        return body.ToJsonString();
    }

    private byte[] BadUtf8(JsonObject body)
    {
        var text = MarkText(body);
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        return [.. Utf8(text[..at]), .. Pick(s_badUtf8), .. Utf8(text[(at + Marker.Length)..])];
    }

    private byte[] LoneSurrogate(JsonObject body) => Utf8(MarkText(body).Replace(Marker, Pick(s_surrogates), StringComparison.Ordinal));

    private byte[] MutateBytes(JsonObject body)
    {
        var bytes = Utf8(body.ToJsonString()).ToList();
        for (var edits = 1 + _random.Next(4); edits > 0 && bytes.Count > 1; edits--)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(5))
            {
                case 0: bytes[at] = (byte)_random.Next(256); break;
                case 1: bytes.Insert(at, (byte)_random.Next(256)); break;
                case 2: bytes.RemoveAt(at); break;
                case 3: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(16, bytes.Count - at))); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return [.. bytes];
    }

    private JsonNode? OddValue() => _random.Next(16) switch
    {
        0 => JsonNode.Parse("1e300"),
        1 => -1,
        2 => 0,
        3 => JsonNode.Parse("99999999999999999999999"),
        4 => "NaN",
        5 => null,
        6 => true,
        7 => new JsonArray(),
        8 => new JsonObject(),
        9 => string.Empty,
        10 => new string('y', 40_000),
        11 => JsonNode.Parse(new string('[', 60) + new string(']', 60)),
        12 => "bulkId:u1",
        13 => "\u0000\u001f",
        14 => JsonNode.Parse("-0.0000000000001"),
        _ => new JsonArray(JsonValue.Create(_random.Next()), "x", null),
    };

    private JsonObject MutateValue(JsonObject body)
    {
        for (var edits = 1 + _random.Next(3); edits > 0; edits--)
        {
            var nodes = Nodes(body).Where(n => n != body).ToList();
            if (nodes.Count == 0)
            {
                break;
            }

            var node = Pick(nodes);
            if (_random.Next(5) == 0 && node.Parent is JsonObject parent)
            {
                parent.Remove(node.GetPropertyName());
            }
            else
            {
                node.ReplaceWith(OddValue());
            }
        }

        return body;
    }

    private HostileRequest UnusualMethod(int index)
    {
        var path = Pick(new[] { $"{tenantBase}/Users", $"{tenantBase}/Users/{userId}", $"{tenantBase}/Groups", $"{tenantBase}/Bulk", "/operator/tenants", $"/scim/v2/nope/Users", "/nowhere" });
        var body = _random.Next(2) == 0 ? Utf8(OktaUser().ToJsonString()) : null;
        return new HostileRequest(index, HostileClass.UnusualMethod, "unusual-method", Pick(s_methods), path, body);
    }

    private HostileRequest MalformedBulk(int index)
    {
        var second = _random.Next(4) switch
        {
            0 => new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u2", ["data"] = OddValue() },
            1 => new JsonObject { ["method"] = "PATCH", ["path"] = "/Users/" + userId, ["data"] = MutateValue(Scim.Patch(Scim.Op("replace", "active", false))) },
            2 => new JsonObject { ["method"] = Pick(new[] { "GET", "TRACE", string.Empty, "post " }), ["path"] = "/Users", ["bulkId"] = "u2", ["data"] = OktaUser() },
            _ => new JsonObject { ["method"] = "POST", ["path"] = Pick(new[] { "/Nope", "/Users/x/y", string.Empty, "Users", "/Users/bulkId:missing" }), ["bulkId"] = "u2", ["data"] = MutateValue(OktaUser()) },
        };
        var body = Bulk(new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u1", ["data"] = OktaUser() }, second);
        return new HostileRequest(index, HostileClass.MalformedBulk, "bulk-malformed-second", "POST", tenantBase + "/Bulk", Utf8(body.ToJsonString()));
    }

    private HostileRequest PolicyValue(int index)
    {
        var members = Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => $"\"{Pick(s_policyFields)}\":{Pick(s_policyValues)}");
        var path = _random.Next(5) == 0 ? $"/operator/tenants/{policyTenant}/compatibility" : $"/operator/tenants/{policyTenant}/policy";
        return new HostileRequest(index, HostileClass.PolicyValue, "operator-policy", "PUT", path, Utf8("{" + string.Join(',', members) + "}"), "application/json");
    }

    private HostileRequest QueryMutation(int index)
    {
        var filter = Uri.EscapeDataString(Pick(s_filters));
        var at = _random.Next(filter.Length);
        filter = _random.Next(4) switch
        {
            0 => filter[..at] + "%FF" + filter[at..],
            1 => filter[..at] + "%ED%A0%80" + filter[at..],
            2 => filter[..at],
            _ => filter[..at] + Uri.EscapeDataString(Pick(new[] { "((", "\"", "[", "]", " and ", " eq ", "\\", "%", "\u0000" })) + filter[at..],
        };
        var extras = Pick(new[] { string.Empty, "&count=-1", "&count=99999999999", "&startIndex=0", "&sortBy=%FF", "&attributes=%ED%A0%80", "&excludedAttributes=members,,", "&sortOrder=sideways", "&cursor=%FF", "&cursor=abc.def" });
        var resource = _random.Next(3) == 0 ? "Groups" : "Users";
        return new HostileRequest(index, HostileClass.QueryMutation, "list-filter", "GET", $"{tenantBase}/{resource}?filter={filter}{extras}", null);
    }

    private HostileRequest Oversize(int index)
    {
        var user = OktaUser();
        var length = Pick(new[] { 33_000, 70_000, 33_000, 800_000, 70_000, 1_100_000 });
        user[Pick(new[] { "displayName", "title", "nickName" })] = new string('x', length);
        var put = _random.Next(2) == 0;
        return new HostileRequest(index, HostileClass.OversizeEntity, put ? "oversize-put" : "oversize-post", put ? "PUT" : "POST", put ? $"{tenantBase}/Users/{userId}" : tenantBase + "/Users", Utf8(user.ToJsonString()));
    }

    private HostileRequest Framing(int index)
    {
        var body = Utf8(OktaUser().ToJsonString());
        var kind = _random.Next(5);
        string Head(string framing) =>
            $"POST {tenantBase}/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nX-Request-Id: fz-{index}\r\nConnection: close\r\nContent-Type: application/scim+json\r\n{framing}\r\n";
        byte[] raw = kind switch
        {
            0 => [.. Utf8(Head($"Content-Length: {body.Length + 1 + _random.Next(1000)}\r\n")), .. body],
            1 => [.. Utf8(Head("Transfer-Encoding: chunked\r\n")), .. Utf8(Pick(new[] { "zz", "-1", "fffffffffffffffffff", "1;" + new string('x', 10_000) }) + "\r\n"), .. body, .. Utf8("\r\n0\r\n\r\n")],
            2 => [.. Utf8(Head("Transfer-Encoding: chunked\r\n")), .. Utf8($"{body.Length:x}\r\n"), .. body, .. Utf8("\r\n")],
            3 => [.. Utf8(Head($"Content-Length: {body.Length}\r\nContent-Length: {body.Length + 5}\r\n")), .. body],
            _ => [.. Utf8(Head($"Content-Length: {body.Length}\r\nTransfer-Encoding: chunked\r\n")), .. body],
        };
        return new HostileRequest(index, HostileClass.Framing, "framing-" + kind, "POST", tenantBase + "/Users", null, RawHttp: raw, CloseAfterSend: kind is 0 or 2);
    }
}
