using System.Globalization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using ScimFunctions.Http;
using ScimFunctions.Http.Routing;

namespace ScimFunctions.FunctionApp;

/// <summary>
/// What every HTTP function runs: the HTTP layer's pipeline for the route named like the function, with the route
/// values the Functions host bound from the trigger's template (the binding data of the invocation). The path is not
/// matched again, so what the host routed on is what the handlers see.
/// </summary>
internal static class ScimFunction
{
    private static readonly Dictionary<string, string[]> _parameters = ScimRoutes.All.ToDictionary(
        route => route.Name,
        route => TemplateParser.Parse(route.Template).Parameters.Select(parameter => parameter.Name!).ToArray(),
        StringComparer.Ordinal);

    public static Task RunAsync(HttpRequest request, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(function);
        var name = function.FunctionDefinition.Name;
        var bound = function.BindingContext.BindingData;
        var values = new RouteValueDictionary();
        foreach (var parameter in _parameters[name])
        {
            if (bound.TryGetValue(parameter, out var value) && value is not null)
            {
                values[parameter] = value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        return ScimEndpoints.HandleAsync(request.HttpContext, name, values);
    }
}
