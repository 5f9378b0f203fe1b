namespace ScimFunctions.LoadTool.Client;

/// <summary>One request as the client sent it and the answer it got (status, body text, reported storage requests).</summary>
internal sealed record RequestSample(HttpMethod Method, string RelativeUrl, string? Body, int Status, string ResponseText, int? StorageRequests);
