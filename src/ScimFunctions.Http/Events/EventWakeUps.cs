using Microsoft.Extensions.DependencyInjection;

namespace ScimFunctions.Http.Events;

/// <summary>The request pipeline's one call into event delivery: after a tenant write answered 2xx, a wake-up for the tenant.</summary>
internal static class EventWakeUps
{
    public static Task AfterRequestAsync(ScimRequest request)
    {
        var method = request.HttpContext.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || request.Route.Name.Contains("Search", StringComparison.Ordinal)
            || request.HttpContext.Response.StatusCode is < 200 or > 299
            || request.Services.GetService<EventQueue>() is not { } queue)
        {
            return Task.CompletedTask;
        }

        return queue.AfterCommitAsync(request.Tenant.Id, CancellationToken.None);
    }
}
