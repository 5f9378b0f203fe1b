using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace ScimFunctions.Http.Routing;

/// <summary>
/// Extracts route values by matching the request path against a route's template. The HTTP layer does this itself so
/// that both hosts (Kestrel endpoint routing and the Functions host) give handlers the same values.
/// </summary>
public static class RouteMatcher
{
    private static readonly ConcurrentDictionary<string, TemplateMatcher> _matchers = new(StringComparer.Ordinal);

    /// <summary>The route values of <paramref name="path"/> under <paramref name="template"/>; null when it does not match.</summary>
    public static RouteValueDictionary? Match(string template, PathString path)
    {
        var matcher = _matchers.GetOrAdd(template, t => new TemplateMatcher(TemplateParser.Parse(t), []));
        var values = new RouteValueDictionary();
        return matcher.TryMatch(path, values) ? values : null;
    }

    /// <summary>The methods that known routes (other than the fallback) accept at <paramref name="path"/>; empty when none matches.</summary>
    public static IReadOnlyList<string> MethodsAt(PathString path) =>
        ScimRoutes.All
            .Where(r => r.Name != ScimRoutes.FallbackName && Match(r.Template, path) is not null)
            .SelectMany(r => r.Methods)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
