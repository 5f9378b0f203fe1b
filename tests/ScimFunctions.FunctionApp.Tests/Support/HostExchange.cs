namespace ScimFunctions.FunctionApp.Tests.Support;

/// <summary>A request as both hosts receive it (path with query, headers by name, optional body).</summary>
public sealed record HostRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body = null, string? ContentType = null);

/// <summary>A response as both hosts answer it: status, headers by name (case-insensitive), body text.</summary>
public sealed record HostResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);
