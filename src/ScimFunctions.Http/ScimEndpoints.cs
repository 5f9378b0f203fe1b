using System.Diagnostics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScimFunctions.Http.Authentication;
using ScimFunctions.Http.Routing;
using ScimFunctions.Http.Telemetry;
using ScimFunctions.Storage.Limits;
using ScimFunctions.Storage.Tables;

namespace ScimFunctions.Http;

/// <summary>
/// The one entry point both hosts call: <c>ScimEndpoints.HandleAsync(httpContext, "GetUser", routeValues)</c>, with
/// the route values the host bound (the Function App's trigger binding, the local host's endpoint match); the path is
/// not matched again. It runs the shared request pipeline (request id, log scope, trace, authentication, rate limit,
/// error mapping, metrics) around the route's handler, and always answers <c>application/scim+json</c>.
/// </summary>
public static class ScimEndpoints
{
    private const string LoggerCategory = "ScimFunctions.Http.Request";

    /// <summary>The status logged and counted for a request whose client went away before it was answered.</summary>
    public const int ClientClosedRequest = 499;

    public static async Task HandleAsync(HttpContext context, string routeName, RouteValueDictionary routeValues)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(routeValues);
        var route = ScimRoutes.Get(routeName);
        var started = Stopwatch.GetTimestamp();
        var requestId = RequestIds.Resolve(context);
        var request = new ScimRequest(context, route, routeValues, requestId);
        var tenantText = request.RouteTenantId?.Value;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);

        using var activity = ScimTelemetry.ActivitySource.StartActivity(route.Name);
        activity?.SetTag("scim.route", route.Name);
        activity?.SetTag("scim.tenant", tenantText);
        activity?.SetTag("scim.request_id", requestId);
        using var scope = logger.BeginScope(new RequestLogScope(requestId, tenantText, route.Name));

        try
        {
            await RunAsync(request);
        }
        catch (ScimException error)
        {
            await WriteErrorAsync(context, error, error.Status == StatusCodes.Status503ServiceUnavailable ? StorageErrors.RetryAfter : null, requestId, logger);
        }
        catch (Exception fault) when (StorageErrors.Classify(fault, context.RequestAborted) is not null)
        {
            logger.LogWarning("Storage or vault unavailable: {Fault}", FaultText(fault));
            await WriteErrorAsync(context, ScimException.ServiceUnavailable("The service is temporarily unavailable; retry later."), StorageErrors.RetryAfter, requestId, logger);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Nothing can be answered; counted as 499 (client closed request), not as the 200 the response still holds.
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }

            logger.LogInformation("The client closed the request");
        }
#pragma warning disable CA1031 // The one place where any fault becomes a generic 500 without exception text.
        catch (Exception fault)
#pragma warning restore CA1031
        {
            logger.LogError("Unhandled fault: {Fault}", FaultText(fault));
            await WriteErrorAsync(context, new ScimException(500, null, "An internal error occurred. Quote the X-Request-Id header when reporting it."), null, requestId, logger);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var tags = new TagList { { "route", route.Name }, { "method", context.Request.Method }, { "status", status } };
            ScimTelemetry.Requests.Add(1, tags);
            ScimTelemetry.Duration.Record(elapsed, tags);
            activity?.SetTag("http.response.status_code", status);
            RequestLog.Answered(logger, context.Request.Method, route.Name, status, elapsed);
        }
    }

    private static async Task RunAsync(ScimRequest request)
    {
        switch (request.Route.Access)
        {
            case RouteAccess.Tenant:
                // Every storage request of a tenant request, from the gate's reads to the last write, is charged to it.
                var options = request.Service<ScimHttpOptions>();
                using (new RequestBudget(options.StorageRequestsPerRequest, options.RequestTimeLimit, request.Service<TimeProvider>()).Enter())
                {
                    var retryAfter = await request.Service<TenantGate>().AdmitAsync(request);
                    if (retryAfter is { } wait)
                    {
                        ScimTelemetry.RateLimited.Add(1);
                        await ScimResponses.WriteErrorAsync(request.HttpContext, ScimException.TooManyRequests("Too many requests for this tenant; retry after the time in Retry-After."), wait);
                        return;
                    }

                    await request.Route.Handler(request);
                }

                await Events.EventWakeUps.AfterRequestAsync(request);
                return;
            case RouteAccess.Operator:
                var authenticator = request.Service<OperatorAuthenticator>();
                if (!authenticator.IsOperator(request.HttpContext.Request))
                {
                    throw ScimException.Unauthorized();
                }

                request.AuthenticatedOperator(authenticator.KeyId);

                break;
        }

        await request.Route.Handler(request);
    }

    /// <summary>
    /// A fault for the log: each exception's type and stack trace, inner ones included, without their messages, which
    /// can quote request data (a filter value, a path, a body).
    /// </summary>
    internal static string FaultText(Exception fault)
    {
        var text = new System.Text.StringBuilder();
        for (Exception? current = fault; current is not null; current = current.InnerException)
        {
            text.Append(current.GetType().FullName);
            if (current is Azure.RequestFailedException failed)
            {
                text.Append(" (status ").Append(failed.Status).Append(' ').Append(failed.ErrorCode).Append(')');
            }

            text.AppendLine().AppendLine(current.StackTrace);
        }

        return text.ToString();
    }

    private static Task WriteErrorAsync(HttpContext context, ScimException error, TimeSpan? retryAfter, string requestId, ILogger logger)
    {
        if (context.Response.HasStarted)
        {
            logger.LogWarning("Error {Status} after the response had started; aborting the connection", error.Status);
            context.Abort();
            return Task.CompletedTask;
        }

        if (error.Status >= 500)
        {
            // Server-written text only (no client data), with the storage fault behind it as types and stacks (an
            // exception's message can quote a query, so it is never logged).
            logger.LogWarning("Answered {Status}: {Detail} {Fault}", error.Status, error.Detail, error.InnerException is { } inner ? FaultText(inner) : string.Empty);
        }
        else
        {
            // The detail may quote the client's filter, path or values: the log gets its kind and position only.
            logger.LogInformation("Answered {Status} {ScimType} at position {Position}", error.Status, error.ScimType?.Value, error.Position);
        }

        context.Response.Clear();
        context.Response.Headers[RequestIds.HeaderName] = requestId;
        return ScimResponses.WriteErrorAsync(context, error, retryAfter);
    }
}
