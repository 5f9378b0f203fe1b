using System.Globalization;

namespace ScimFunctions.Core.Errors;

/// <summary>
/// The one exception type for SCIM protocol errors. It carries what the wire needs (HTTP status, scimType,
/// a detail safe to show a client) and is rendered in exactly one place: <see cref="ToErrorDocument"/>.
/// </summary>
public sealed class ScimException : Exception
{
    public ScimException(int status, ScimType? scimType, string detail)
        : base(detail)
    {
        Status = status;
        ScimType = scimType;
        Detail = detail;
    }

    public ScimException(int status, ScimType? scimType, string detail, Exception innerException)
        : base(detail, innerException)
    {
        Status = status;
        ScimType = scimType;
        Detail = detail;
    }

    /// <summary>HTTP status code.</summary>
    public int Status { get; }

    /// <summary>RFC 7644 scimType, where one is defined for the error.</summary>
    public ScimType? ScimType { get; }

    /// <summary>
    /// Human-readable detail for the client; never contains exception text, tokens or secret values, but may quote
    /// the client's own input (a filter, a path), so it is never logged.
    /// </summary>
    public string Detail { get; }

    /// <summary>Where in the client's filter or path the error is (0-based), when known: what a log may say instead of <see cref="Detail"/>.</summary>
    public int? Position { get; init; }

    public static ScimException BadRequest(ScimType scimType, string detail) => new(400, scimType, detail);
    public static ScimException BadRequest(string detail) => new(400, null, detail);
    public static ScimException InvalidFilter(string detail) => new(400, Errors.ScimType.InvalidFilter, detail);
    public static ScimException InvalidValue(string detail) => new(400, Errors.ScimType.InvalidValue, detail);
    public static ScimException InvalidSyntax(string detail) => new(400, Errors.ScimType.InvalidSyntax, detail);
    public static ScimException InvalidPath(string detail) => new(400, Errors.ScimType.InvalidPath, detail);
    public static ScimException NoTarget(string detail) => new(400, Errors.ScimType.NoTarget, detail);
    public static ScimException Mutability(string detail) => new(400, Errors.ScimType.Mutability, detail);
    public static ScimException Unauthorized() => new(401, null, "Authorization failure. The authorization header is invalid or missing.");
    public static ScimException Forbidden(string detail) => new(403, null, detail);
    public static ScimException NotFound(string detail) => new(404, null, detail);
    public static ScimException MethodNotAllowed(string detail) => new(405, null, detail);
    public static ScimException Conflict(string detail) => new(409, Errors.ScimType.Uniqueness, detail);
    public static ScimException PreconditionFailed(string detail) => new(412, null, detail);
    public static ScimException PayloadTooLarge(string detail) => new(413, null, detail);
    public static ScimException UnsupportedMediaType(string detail) => new(415, null, detail);
    public static ScimException TooManyRequests(string detail) => new(429, null, detail);
    public static ScimException NotImplemented(string detail) => new(501, null, detail);
    public static ScimException ServiceUnavailable(string detail) => new(503, null, detail);

    /// <summary>Renders the RFC 7644 §3.12 error document (status as a string).</summary>
    public JsonObject ToErrorDocument()
    {
        var document = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemaUrns.Error),
            ["status"] = Status.ToString(CultureInfo.InvariantCulture),
        };
        if (ScimType is { } scimType)
        {
            document["scimType"] = scimType.Value;
        }

        document["detail"] = Detail;
        return document;
    }
}
