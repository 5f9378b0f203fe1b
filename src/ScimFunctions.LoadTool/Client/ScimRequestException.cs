namespace ScimFunctions.LoadTool.Client;

/// <summary>A request answered otherwise than the workload expects. Transient ones are retried by the runner.</summary>
internal sealed class ScimRequestException : Exception
{
    public ScimRequestException(string operation, ScimResponse response)
        : base($"{operation} answered {(response.Status == 0 ? "no response" : response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}{Detail(response)}")
    {
        Operation = operation;
        Response = response;
    }

    public string Operation { get; }

    public ScimResponse Response { get; }

    public bool IsTransient => Response.IsTransient;

    private static string Detail(ScimResponse response) =>
        response.Body?["detail"]?.GetValue<string>() is { Length: > 0 } detail ? $": {detail}" : string.Empty;
}
