using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScimFunctions.Http;

// Isolated worker with ASP.NET Core integration: each function below is one line that calls the shared HTTP layer,
// which does authentication, tenant resolution, rate limiting and error mapping for both hosts.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddScimHttp(builder.Configuration);

// ASP.NET Core's hosting diagnostics open a log scope holding the request path, which can carry client data.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
builder.Build().Run();
