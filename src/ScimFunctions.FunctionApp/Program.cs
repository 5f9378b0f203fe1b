using Microsoft.Extensions.Hosting;
using ScimFunctions.FunctionApp;
using ScimFunctions.Http;

// Isolated worker with ASP.NET Core integration: each function is one line that calls the shared HTTP layer. Like the
// local host, a missing or malformed setting stops the worker at once with a message naming it (the Functions host
// logs the worker's standard error and its exit).
try
{
    ScimFunctionApp.Build(args).Run();
    return 0;
}
catch (ScimConfigurationException error)
{
    Console.Error.WriteLine("error: " + error.Message);
    return 2;
}
