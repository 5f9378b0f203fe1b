using System.Collections;

namespace ScimFunctions.Http.Telemetry;

/// <summary>
/// The log scope of one request: its fields (RequestId, TenantId, Route) as structured properties, and as its text
/// <c>RequestId:… TenantId:… Route:…</c>, so a formatter that prints a scope's message (the JSON console's
/// <c>Scopes[].Message</c>) shows the fields instead of a type name.
/// </summary>
public sealed class RequestLogScope(string requestId, string? tenantId, string route) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields =
    [
        new("RequestId", requestId),
        new("TenantId", tenantId),
        new("Route", route),
    ];

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(' ', _fields.Select(field => field.Key + ":" + (field.Value ?? "-")));
}
