using ScimFunctions.Http.Events;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary>
/// <c>webhook add|list|remove|rotate-secret|test|replay</c>: the operator API's webhook use cases
/// (<see cref="WebhookAdministration"/>). A signing secret is printed once, by add and rotate-secret.
/// </summary>
internal static class WebhookCommands
{
    public static Command Build(CliContextFactory factory) =>
        new("webhook", "Register, list, remove, test and replay the webhook endpoints that receive provisioning events.")
        {
            Add(factory), List(factory), Remove(factory), RotateSecret(factory), Test(factory), Replay(factory),
        };

    private static Command Add(CliContextFactory factory)
    {
        var url = new Option<string>("--url") { Description = "Where events are POSTed (https; http only to loopback in development).", Required = true };
        var tenant = CliArguments.TenantOption("Deliver only this tenant's events (default: every tenant).");
        var events = new Option<string?>("--events") { Description = "Event types, comma-separated: names, '*' or prefixes such as user.*,group.members.* (default: every type)." };
        var command = new Command("add", "Register an endpoint; its id and signing secret are shown this once.") { url, tenant, events };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var filter = context.ParseResult.GetValue(events) is { } list ? list.Split(',') : null;
            var (endpoint, secret) = await backend.Webhooks.AddAsync(context.ParseResult.GetValue(url), context.ParseResult.GetValue(tenant), filter, backend.Call, cancellationToken);
            WriteSecret(context, WebhookAdministration.Describe(endpoint), endpoint.Id, secret, "Added webhook");
        });
        return command;
    }

    private static Command List(CliContextFactory factory)
    {
        var command = new Command("list", "Every endpoint with its status (active or failing), last error and per-tenant delivery state.");
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var endpoints = await backend.Webhooks.ListAsync(cancellationToken);
            context.Output.Result(
                new JsonObject { ["webhooks"] = new JsonArray([.. endpoints.Select(e => (JsonNode)WebhookAdministration.Describe(e))]) },
                console =>
                {
                    var table = new Table().AddColumns("id", "url", "tenant", "events", "status", "last error", "deliveries");
                    foreach (var status in endpoints)
                    {
                        var e = status.Endpoint;
                        var failed = status.Positions.Count(p => p.Attempts > 0);
                        table.AddRow(
                            Markup.Escape(e.Id), Markup.Escape(e.Url.AbsoluteUri), Markup.Escape(e.Tenant?.Value ?? "(every tenant)"),
                            Markup.Escape(e.Events.Count == 0 ? "*" : string.Join(',', e.Events)),
                            e.FailingSince is null ? "active" : "[red]failing[/] since " + Markup.Escape(e.FailingSince.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture)),
                            Markup.Escape(e.LastError ?? string.Empty),
                            $"{status.Positions.Count} tenant(s), {failed} retrying");
                    }

                    console.Write(table);
                });
        });
        return command;
    }

    private static Command Remove(CliContextFactory factory)
    {
        var id = EndpointArgument();
        var command = new Command("remove", "Remove an endpoint, its delivery positions and its secret.") { id };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var endpointId = context.ParseResult.GetValue(id)!;
            await backend.Webhooks.RemoveAsync(endpointId, backend.Call, cancellationToken);
            context.Output.Result(new JsonObject { ["removed"] = endpointId }, console => console.MarkupLineInterpolated($"Removed webhook [bold]{endpointId}[/]."));
        });
        return command;
    }

    private static Command RotateSecret(CliContextFactory factory)
    {
        var id = EndpointArgument();
        var command = new Command("rotate-secret", "Give the endpoint a new signing secret (shown this once); the old one stops signing at once.") { id };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var (endpoint, secret) = await backend.Webhooks.RotateSecretAsync(context.ParseResult.GetValue(id), backend.Call, cancellationToken);
            WriteSecret(context, WebhookAdministration.Describe(endpoint), endpoint.Id, secret, "Rotated the secret of webhook");
        });
        return command;
    }

    private static Command Test(CliContextFactory factory)
    {
        var id = EndpointArgument();
        var command = new Command("test", "Send one signed webhook.test event now and show what the endpoint answered.") { id };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var (eventId, failure) = await backend.Webhooks.TestAsync(context.ParseResult.GetValue(id), cancellationToken);
            context.Output.Result(
                new JsonObject { ["eventId"] = eventId, ["delivered"] = failure is null, ["error"] = failure },
                console => console.MarkupLine(failure is null ? $"Delivered {Markup.Escape(eventId)}." : $"[red]Not delivered[/]: {Markup.Escape(failure)}"));
        });
        return command;
    }

    private static Command Replay(CliContextFactory factory)
    {
        var id = EndpointArgument();
        var from = new Option<string>("--from") { Description = "The first event id to deliver again (evt_…).", Required = true };
        var tenant = CliArguments.TenantOption("The tenant whose events are delivered again (may be left out for a one-tenant endpoint).");
        var command = new Command("replay", "Deliver a tenant's events again from an event id on.") { id, from, tenant };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var endpointId = context.ParseResult.GetValue(id)!;
            var fromId = context.ParseResult.GetValue(from);
            var replayed = await backend.Webhooks.ReplayAsync(endpointId, context.ParseResult.GetValue(tenant), fromId, backend.Call, cancellationToken);
            context.Output.Result(
                new JsonObject { ["webhookId"] = endpointId, ["tenant"] = replayed.Value, ["from"] = fromId },
                console => console.MarkupLineInterpolated($"Webhook [bold]{endpointId}[/] delivers tenant [bold]{replayed.Value}[/]'s events again from {fromId} (at the next dispatch)."));
        });
        return command;
    }

    private static Argument<string> EndpointArgument() => new("webhook-id") { Description = "The endpoint id (wh_…, see 'webhook list')." };

    private static void WriteSecret(CliContext context, JsonObject json, string id, string secret, string what)
    {
        json["secret"] = secret;
        context.Output.Result(json, console =>
        {
            console.MarkupLineInterpolated($"{what} [bold]{id}[/].");
            console.MarkupLineInterpolated($"Signing secret (shown once): [bold]{secret}[/]");
        });
    }
}
