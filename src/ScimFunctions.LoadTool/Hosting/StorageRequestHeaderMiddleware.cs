using Microsoft.AspNetCore.Http;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.Storage.Diagnostics;

namespace ScimFunctions.LoadTool.Hosting;

/// <summary>
/// Counts the storage requests each HTTP request makes (a <see cref="StorageRequestCounter"/> scope flowing with the
/// request) and reports the count in <see cref="ScimClient.StorageRequestsHeader"/> when the response starts.
/// </summary>
internal static class StorageRequestHeaderMiddleware
{
    public static RequestDelegate Wrap(StorageRequestCounter counter, RequestDelegate next) => async context =>
    {
        using var scope = counter.BeginScope(context.Request.Method + " " + context.Request.Path);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[ScimClient.StorageRequestsHeader] = scope.Count.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next(context);
    };
}
