using ScimFunctions.Http.Routing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>Compares the HTTP layer's route table with the Function App's functions; returns every difference.</summary>
public static class RouteParity
{
    public static IReadOnlyList<string> Differences(IReadOnlyList<ScimRoute> routes, IReadOnlyList<FunctionDeclaration> functions)
    {
        var problems = new List<string>();
        foreach (var duplicate in functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Function name '{duplicate.Key}' is declared {duplicate.Count()} times.");
        }

        foreach (var route in routes)
        {
            var matching = functions.Where(f => f.Name == route.Name).ToList();
            if (matching.Count == 0)
            {
                problems.Add($"Route {route.Name} ({route}) has no function.");
                continue;
            }

            foreach (var function in matching)
            {
                if (function.Route != route.Template)
                {
                    problems.Add($"Function {function.Name} has route '{function.Route}', the route table '{route.Template}'.");
                }

                if (!Same(function.Methods, route.Methods))
                {
                    problems.Add($"Function {function.Name} accepts [{string.Join(", ", function.Methods)}], the route table [{string.Join(", ", route.Methods)}].");
                }

                if (function.HandledRoute != route.Name)
                {
                    problems.Add($"Function {function.Name} calls the handler of route '{function.HandledRoute}'.");
                }
            }
        }

        foreach (var extra in functions.Where(f => routes.All(r => r.Name != f.Name)))
        {
            problems.Add($"Function {extra.Name} ({extra.File}) is not in the route table.");
        }

        return problems;
    }

    private static bool Same(IReadOnlyList<string> left, IReadOnlyList<string> right) =>
        left.Count == right.Count && left.Order(StringComparer.Ordinal).SequenceEqual(right.Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal));
}
