using ScimFunctions.FunctionApp.Tests.Support;
using ScimFunctions.Http.Routing;

namespace ScimFunctions.FunctionApp.Tests;

/// <summary>Compares the HTTP layer's route table with the functions the SDK generated; returns every difference.</summary>
public static class RouteParity
{
    /// <summary>The functions that are not HTTP routes: event delivery's queue-triggered dispatcher and timer-triggered sweeper.</summary>
    public static IReadOnlyList<(string Name, string Trigger)> BackgroundFunctions { get; } = [("DeliverEvents", "queueTrigger"), ("SweepEvents", "timerTrigger")];

    public static IReadOnlyList<string> Differences(IReadOnlyList<ScimRoute> routes, IReadOnlyList<FunctionDescription> functions)
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
                if (function.TriggerType != "httpTrigger")
                {
                    problems.Add($"Function {function.Name} has trigger '{function.TriggerType}', not httpTrigger.");
                }

                if (!string.Equals(function.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"Function {function.Name} has authLevel '{function.AuthLevel}': the HTTP layer authenticates, the host must not ask for a function key.");
                }

                if (function.Route != route.Template)
                {
                    problems.Add($"Function {function.Name} has route '{function.Route}', the route table '{route.Template}'.");
                }

                if (!function.Methods.Order(StringComparer.Ordinal).SequenceEqual(route.Methods.Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal)))
                {
                    problems.Add($"Function {function.Name} accepts [{string.Join(", ", function.Methods)}], the route table [{string.Join(", ", route.Methods)}].");
                }
            }
        }

        foreach (var extra in functions.Where(f => routes.All(r => r.Name != f.Name) && !BackgroundFunctions.Contains((f.Name, f.TriggerType ?? string.Empty))))
        {
            problems.Add($"Function {extra.Name} ({extra.EntryPoint}) is not in the route table.");
        }

        return problems;
    }
}
