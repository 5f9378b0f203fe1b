using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.Storage;

namespace ScimFunctions.FunctionApp.Tests.Support;

/// <summary>
/// The Function App as the worker composes it (<see cref="ScimFunctionApp.Build"/>, the method Program.cs calls), its
/// functions invoked the way the Functions host does: the request is routed by the templates and methods of the built
/// functions.metadata (most specific template first, as ASP.NET Core routing ranks them), the function's C# method is
/// found from its <c>entryPoint</c> and called with a real <see cref="HttpContext"/> whose request services come from
/// a scope of the app's provider, and with the invocation's binding data holding the template's route values, as the
/// host binds them (<see cref="BoundFunctionContext"/>). No Functions host runs (Core Tools cannot
/// be installed here), so the worker's gRPC channel is not started; the storage tables the startup initializer would
/// create are created here.
/// </summary>
public sealed class FunctionAppUnderTest : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly List<(FunctionDescription Function, RouteTemplate Template)> _functions;
    private readonly List<string> _invoked = [];

    private FunctionAppUnderTest(IHost host, IReadOnlyList<FunctionDescription> functions)
    {
        _host = host;
        _functions = functions.Where(f => f.Route is not null).Select(f => (f, TemplateParser.Parse(f.Route!))).ToList();
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>The functions invoked so far, in order.</summary>
    public IReadOnlyList<string> Invoked => _invoked;

    public static async Task<FunctionAppUnderTest> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var host = ScimFunctionApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            services?.Invoke(builder.Services);
        });
        await host.Services.GetRequiredService<TableStorage>().EnsureTablesAsync();
        return new FunctionAppUnderTest(host, FunctionMetadata.Built);
    }

    /// <summary>The function the host would run for <paramref name="method"/> <paramref name="path"/>, with its route values; null when none matches.</summary>
    public (FunctionDescription Function, RouteValueDictionary Values)? Route(string method, PathString path)
    {
        var candidates = new List<(FunctionDescription Function, RouteValueDictionary Values, decimal Precedence)>();
        foreach (var (function, template) in _functions)
        {
            var values = new RouteValueDictionary();
            if (function.Methods.Contains(method.ToLowerInvariant()) && new TemplateMatcher(template, []).TryMatch(path, values))
            {
                candidates.Add((function, values, RoutePrecedence.ComputeInbound(template)));
            }
        }

        return candidates.Count == 0 ? null : candidates.OrderBy(c => c.Precedence).Select(c => (c.Function, c.Values)).First();
    }

    /// <param name="request">The request.</param>
    /// <param name="bound">Route values the host bound, in place of the ones its route match gives (to show which the app uses).</param>
    public async Task<HostResponse> SendAsync(HostRequest request, RouteValueDictionary? bound = null)
    {
        var questionMark = request.PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = new PathString(questionMark < 0 ? request.PathAndQuery : request.PathAndQuery[..questionMark]);
        var routed = Route(request.Method, path) ?? throw new InvalidOperationException($"No function of functions.metadata answers {request.Method} {path}.");

        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = request.Method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(questionMark < 0 ? string.Empty : request.PathAndQuery[questionMark..]);
        foreach (var (name, value) in request.Headers)
        {
            context.Request.Headers[name] = value;
        }

        if (request.Body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(request.Body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = request.ContentType;
        }

        context.Request.RouteValues = routed.Values;
        using var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        await InvokeAsync(routed.Function, context, bound ?? routed.Values, scope.ServiceProvider);
        _invoked.Add(routed.Function.Name);

        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new HostResponse(context.Response.StatusCode, headers, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    private static async Task InvokeAsync(FunctionDescription function, HttpContext context, RouteValueDictionary values, IServiceProvider services)
    {
        var lastDot = function.EntryPoint.LastIndexOf('.');
        var type = typeof(ScimFunctionApp).Assembly.GetType(function.EntryPoint[..lastDot], throwOnError: true)!;
        var method = type.GetMethod(function.EntryPoint[(lastDot + 1)..], BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{function.EntryPoint} (entry point of {function.Name}) is not a public method.");
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, type);
        var arguments = method.GetParameters().Select(parameter => Bind(parameter, context, values, function)).ToArray();
        var result = method.Invoke(target, arguments);
        switch (result)
        {
            case Task<IResult> resultTask:
                await (await resultTask).ExecuteAsync(context);
                break;
            case Task task:
                await task;
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            default:
                throw new InvalidOperationException($"{function.EntryPoint} returns {method.ReturnType}, which this invoker does not run.");
        }
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context, RouteValueDictionary values, FunctionDescription function) =>
        parameter.ParameterType == typeof(HttpRequest) ? context.Request
        : parameter.ParameterType == typeof(CancellationToken) ? context.RequestAborted
        : parameter.ParameterType == typeof(FunctionContext) ? new BoundFunctionContext(function.Name, values.ToDictionary(v => v.Key, v => v.Value), context.RequestServices, context.RequestAborted)
        : parameter.ParameterType == typeof(string) && values.TryGetValue(parameter.Name!, out var value) ? value as string
        : throw new InvalidOperationException($"{function.EntryPoint}: parameter '{parameter.Name}' ({parameter.ParameterType}) is neither the request, the function context, a route value nor a cancellation token.");
}
