using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.Http;

namespace ScimFunctions.FunctionApp;

/// <summary>
/// The Function App's composition, called by Program.cs and by the tests that invoke the functions: the isolated
/// worker with ASP.NET Core integration, then the shared HTTP layer (authentication, tenant resolution, rate limiting,
/// error mapping, store, token store, telemetry). A missing or malformed setting throws
/// <see cref="ScimConfigurationException"/> naming it, before anything listens.
/// </summary>
public static class ScimFunctionApp
{
    /// <param name="args">The worker's command line (the Functions host passes its endpoint and worker id).</param>
    /// <param name="configure">Runs after the worker defaults and before the HTTP layer is registered (tests add settings or services).</param>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication(); // not ConfigureFunctionsWorkerDefaults: AZFW0014 with the ASP.NET Core package
        configure?.Invoke(builder);
        builder.Services.AddScimHttp(builder.Configuration);

        // ASP.NET Core's hosting diagnostics open a log scope holding the request path, which can carry client data.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        return builder;
    }

    /// <summary>The worker host, ready to <c>Run()</c>.</summary>
    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null) => CreateBuilder(args, configure).Build();
}
