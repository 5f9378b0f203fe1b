using ScimFunctions.Http;
using ScimFunctions.Http.Events;

namespace ScimFunctions.LocalHost;

/// <summary>
/// The Kestrel host: the same routes, handlers and settings as the Function App. Configuration, later wins:
/// appsettings, the <c>Values</c> of local.settings.json (repository root or content root), environment variables,
/// command line (standard <c>--urls</c>). Default URL http://localhost:7071 (the Functions host's port).
/// </summary>
public static class ScimLocalHost
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>The console log format: <c>json</c> (default: one JSON object per line, as log collectors read it) or <c>simple</c> (human-readable lines; eng/run-local.sh).</summary>
    public const string ConsoleFormatterKey = "Logging:Console:FormatterName";

    /// <param name="args">Command-line arguments (standard ASP.NET Core ones such as <c>--urls</c>).</param>
    /// <param name="configure">Runs after configuration is assembled and before the HTTP layer is registered (tests swap in a test server or services).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The pipeline writes one line per request with tenant and request id; ASP.NET Core's own request lines add noise.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // Off, so that it opens no log scope either: its scope carries the request path, which can hold client data.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
            ["Logging:LogLevel:Azure"] = "Warning",
        });
        var settings = LocalSettings.Find(builder.Environment.ContentRootPath, RepositoryRoot(builder.Environment.ContentRootPath), Directory.GetCurrentDirectory());
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(LocalSettings.Read(settings));
        }

        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.ClearProviders();
        if (string.Equals(builder.Configuration[ConsoleFormatterKey], "simple", StringComparison.OrdinalIgnoreCase))
        {
            // For people (eng/run-local.sh): one line per entry; the request scope still says tenant and request id.
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
            });
        }

        configure?.Invoke(builder);
        builder.Services.AddScimHttp(builder.Configuration);
        builder.Services.AddScimEventDispatcher(); // the Function App has queue and timer functions instead
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapScimRoutes();
        return app;
    }

    /// <summary>The nearest ancestor holding host.json (the repository root), so `dotnet run --project` finds the settings.</summary>
    private static string? RepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "host.json")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
