using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Testing;

namespace ScimFunctions.FunctionApp.Tests.Support;

/// <summary>One request's answers from both hosts.</summary>
public sealed record Exchange(string Label, HostResponse Local, HostResponse FunctionApp, string? Function);

/// <summary>
/// The Function App and the local host side by side on the same storage account, each with its own tables (so both
/// see the same state after the same requests) and the same settings. Values the hosts mint themselves (ids, tokens, paging cursors)
/// are captured per host under a name and substituted as <c>{name}</c> into later paths, headers and bodies.
/// </summary>
public sealed partial class HostPair : IAsyncDisposable
{
    public const string OperatorKey = "function-app-parity-operator-key-0123456789";

    private static readonly string[] s_transportHeaders = ["Date", "Server", "Transfer-Encoding", "Content-Length"];

    private readonly Dictionary<string, string> _localValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _appValues = new(StringComparer.Ordinal);

    private HostPair(LocalHostUnderTest local, FunctionAppUnderTest functionApp)
    {
        Local = local;
        FunctionApp = functionApp;
    }

    public LocalHostUnderTest Local { get; }

    public FunctionAppUnderTest FunctionApp { get; }

    /// <summary>The settings every host of a test gets: this storage, fresh tables, the operator key's hash.</summary>
    public static Dictionary<string, string?> Settings(string connectionString) => HostSettings.Fresh(connectionString, OperatorKey);

    /// <summary>Both hosts on <paramref name="connectionString"/> (default: the shared Azurite); <paramref name="services"/> are added to each before the HTTP layer.</summary>
    public static async Task<HostPair> StartAsync(string? connectionString = null, Action<IServiceCollection>? services = null)
    {
        connectionString ??= await SharedAzurite.GetConnectionStringAsync();
        var local = await LocalHostUnderTest.StartAsync(Settings(connectionString), services);
        try
        {
            return new HostPair(local, await FunctionAppUnderTest.StartAsync(Settings(connectionString), services));
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends the request to both hosts; <c>{name}</c> in path, bearer and body stands for each host's captured value.
    /// The bearer is a token (e.g. <c>{token}</c> or <see cref="OperatorKey"/>); null sends no Authorization header.
    /// <paramref name="accept"/>, when given, is the Accept header (an MCP client accepts JSON and event streams).
    /// </summary>
    public async Task<Exchange> SendAsync(string method, string path, JsonNode? body = null, string? bearer = null, string contentType = "application/scim+json", string? accept = null)
    {
        var label = $"{method} {path}";
        var local = await Local.SendAsync(Request(_localValues, method, path, body, bearer, contentType, accept));
        var app = await FunctionApp.SendAsync(Request(_appValues, method, path, body, bearer, contentType, accept));
        return new Exchange(label, local, app, FunctionApp.Invoked[^1]);
    }

    /// <summary>Remembers each host's value of the body's top-level <paramref name="property"/> as <c>{name}</c>.</summary>
    public void Capture(Exchange exchange, string name, string property)
    {
        _localValues[name] = Read(exchange.Local, property, exchange.Label);
        _appValues[name] = Read(exchange.FunctionApp, property, exchange.Label);
    }

    /// <summary>
    /// The differences between the two answers once what legitimately differs is normalised: captured values, ids
    /// (GUIDs), cursors, timestamps, versions (ETags) and request ids; array order is ignored; transport headers are not compared.
    /// </summary>
    public IReadOnlyList<string> Differences(Exchange exchange)
    {
        var problems = new List<string>();
        var local = Normalise(exchange.Local, _localValues);
        var app = Normalise(exchange.FunctionApp, _appValues);
        if (exchange.Local.Status != exchange.FunctionApp.Status)
        {
            problems.Add($"{exchange.Label}: status {exchange.FunctionApp.Status} from the Function App, {exchange.Local.Status} from the local host.");
        }

        foreach (var name in local.Headers.Keys.Union(app.Headers.Keys, StringComparer.OrdinalIgnoreCase))
        {
            var localValue = local.Headers.GetValueOrDefault(name);
            var appValue = app.Headers.GetValueOrDefault(name);
            if (localValue != appValue)
            {
                problems.Add($"{exchange.Label}: header {name} is '{appValue}' from the Function App, '{localValue}' from the local host.");
            }
        }

        if (local.Body != app.Body)
        {
            problems.Add($"{exchange.Label}: body differs.\n  Function App: {app.Body}\n  local host:   {local.Body}");
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        await FunctionApp.DisposeAsync();
        await Local.DisposeAsync();
    }

    private static HostRequest Request(Dictionary<string, string> values, string method, string path, JsonNode? body, string? bearer, string contentType, string? accept)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (accept is not null)
        {
            headers["Accept"] = accept;
        }

        if (bearer is not null)
        {
            headers["Authorization"] = "Bearer " + Substitute(bearer, values);
        }

        return new HostRequest(method, Substitute(path, values), headers, body is null ? null : Substitute(body.ToJsonString(), values), body is null ? null : contentType);
    }

    private static string Substitute(string text, Dictionary<string, string> values) =>
        values.Aggregate(text, (current, value) => current.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));

    private static string Read(HostResponse response, string property, string label) =>
        JsonNode.Parse(response.Body)?[property]?.GetValue<string>() ?? throw new InvalidOperationException($"{label}: the answer ({response.Status}) has no '{property}': {response.Body}");

    private static (Dictionary<string, string> Headers, string Body) Normalise(HostResponse response, Dictionary<string, string> values)
    {
        string Clean(string text)
        {
            foreach (var (name, value) in values.OrderByDescending(v => v.Value.Length))
            {
                text = text.Replace(value, "{" + name + "}", StringComparison.Ordinal);
            }

            text = UnicodeEscapedVersion().Replace(text, "{version}");
            text = EscapedVersion().Replace(text, "{version}");
            text = Version().Replace(text, "{version}");
            text = Cursor().Replace(text, "{cursor}");
            text = AuditRecordId().Replace(text, "{audit-id}");
            text = ChangeSequence().Replace(text, "\"sequence\":\"{sequence}\"");
            text = Timestamp().Replace(text, "{time}");
            return Guid().Replace(text, "{guid}");
        }

        var headers = response.Headers
            .Where(h => !s_transportHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Key.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase) ? "{request-id}" : Clean(Directives(h.Key, h.Value)), StringComparer.OrdinalIgnoreCase);
        var body = Clean(response.Body);
        try
        {
            body = body.Length == 0 ? body : Canonical(JsonNode.Parse(body));
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: compared as text.
        }

        return (headers, body);
    }

    // Cache-Control directives in any order and spacing (HttpClient reorders what the Function App's context holds as written).
    private static string Directives(string name, string value) =>
        name.Equals("Cache-Control", StringComparison.OrdinalIgnoreCase)
            ? string.Join(", ", value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
            : value;

    /// <summary>JSON text with object members and array items sorted, so that order alone is no difference.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical).Order(StringComparer.Ordinal)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    // A paging cursor (base64url payload "." HMAC): each host's tables hold their own stamp key.
    [GeneratedRegex(@"[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{43}")]
    private static partial Regex Cursor();

    // An operator audit record's id: "{UTC ticks:D19}|{12 hex}", minted by each host.
    [GeneratedRegex(@"\d{19}\|[0-9a-f]{12}")]
    private static partial Regex AuditRecordId();

    // A change feed entry's sequence: the ticks its writer stamped (each host writes its own).
    [GeneratedRegex(@"""sequence"":\d+")]
    private static partial Regex ChangeSequence();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"W/\\""[^""\\]*\\""")]
    private static partial Regex EscapedVersion();

    // A version inside JSON text that is itself a JSON string (an MCP tool result's text content).
    [GeneratedRegex(@"W/\\{1,2}u0022.*?\\{1,2}u0022")]
    private static partial Regex UnicodeEscapedVersion();

    [GeneratedRegex(@"W/""[^""]*""")]
    private static partial Regex Version();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
