using System.Collections.Concurrent;
using Microsoft.AspNetCore.Routing.Template;

namespace ScimFunctions.Http.Routing;

/// <summary>
/// Which routes' templates a path matches, for the fallback's 405 answer (the methods the URL accepts). A routed
/// request's values come from its host's binding, never from here.
/// </summary>
public static class RouteMatcher
{
    private static readonly ConcurrentDictionary<string, TemplateMatcher> _matchers = new(StringComparer.Ordinal);

    private static bool Matches(string template, PathString path) =>
        _matchers.GetOrAdd(template, t => new TemplateMatcher(TemplateParser.Parse(t), [])).TryMatch(path, []);

    /// <summary>The methods that known routes (other than the fallback) accept at <paramref name="path"/>; empty when none matches.</summary>
    public static IReadOnlyList<string> MethodsAt(PathString path) =>
        ScimRoutes.All
            .Where(r => r.Name != ScimRoutes.FallbackName && Matches(r.Template, path))
            .SelectMany(r => r.Methods)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
