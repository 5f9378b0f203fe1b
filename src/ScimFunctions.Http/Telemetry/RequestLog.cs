using Microsoft.Extensions.Logging;

namespace ScimFunctions.Http.Telemetry;

/// <summary>
/// The per-request summary line. A successful request logs it at Debug only (the request metrics already count every
/// request and its duration, and in Azure every logged byte is ingested and billed); a refused or failed one at
/// Information, beside the warning or error its fault logged. Source-generated, so a disabled line costs a level check.
/// </summary>
internal static partial class RequestLog
{
    public static void Answered(ILogger logger, string method, string route, int status, double elapsedMs)
    {
        if (status < 400)
        {
            Succeeded(logger, method, route, status, elapsedMs);
        }
        else
        {
            Refused(logger, method, route, status, elapsedMs);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Route} answered {Status} in {ElapsedMs:F1} ms")]
    private static partial void Succeeded(ILogger logger, string method, string route, int status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {ElapsedMs:F1} ms")]
    private static partial void Refused(ILogger logger, string method, string route, int status, double elapsedMs);
}
