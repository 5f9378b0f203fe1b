using ScimFunctions.Http;
using ScimFunctions.LocalHost;

try
{
    ScimLocalHost.Build(ScimLocalHost.CreateBuilder(args)).Run();
    return 0;
}
catch (ScimConfigurationException error)
{
    Console.Error.WriteLine("error: " + error.Message);
    return 2;
}
