using System.Text.Json;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Audit;
using ScimFunctions.Storage.Tenants;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary>
/// <c>tenant schemas show|set|add-attribute</c>: a tenant's extension schemas, validated as the operator API's
/// <c>PUT /operator/tenants/{id}/schemas</c> validates them (<see cref="TenantSchemas.ParseExtensions"/>).
/// </summary>
internal static class TenantSchemaCommands
{
    public static Command Build(CliContextFactory factory) =>
        new("schemas", "Show or change a tenant's extension schemas (RFC 7643 §7 definitions, by resource type).") { Show(factory), Set(factory), AddAttribute(factory) };

    private static Command Show(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var command = new Command("show", "Show the tenant's extension schemas as {\"User\": [schema, …], \"Group\": […]}.") { tenant };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            Write(context, TenantSchemas.WriteExtensions(record), record.Id.Value);
        });
        return command;
    }

    private static Command Set(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var file = new Argument<FileInfo>("file") { Description = "JSON file: {\"User\": [schema, …], \"Group\": […]}; replaces all the tenant's extension schemas." };
        var command = new Command("set", "Replace the tenant's extension schemas with those of a JSON file.") { tenant, file };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var path = context.ParseResult.GetValue(file)!.FullName;
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            }
            catch (JsonException ex)
            {
                throw ScimException.InvalidValue($"'{Path.GetFileName(path)}' is not JSON (line {ex.LineNumber + 1}).");
            }

            await UpdateAsync(context, backend, record, json, cancellationToken);
        });
        return command;
    }

    private static Command AddAttribute(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var schema = new Option<string>("--schema") { Description = "The extension schema's URN; a new schema is created when the tenant has none with this id.", Required = true };
        var resourceType = new Option<string>("--resource-type") { Description = "User (default) or Group.", DefaultValueFactory = _ => "User" };
        var name = new Option<string>("--name") { Description = "The attribute's name.", Required = true };
        var type = new Option<string>("--type") { Description = "string, boolean, decimal, integer, dateTime, binary, reference or complex.", Required = true };
        var multiValued = new Option<bool>("--multi-valued") { Description = "The attribute holds a list of values." };
        var required = new Option<bool>("--required") { Description = "Every resource with the extension must have it." };
        var caseExact = new Option<bool>("--case-exact") { Description = "Compare values case-sensitively." };
        var returned = new Option<string?>("--returned") { Description = "always, never, default or request." };
        var mutability = new Option<string?>("--mutability") { Description = "readWrite (default), readOnly, immutable or writeOnly." };
        var uniqueness = new Option<string?>("--uniqueness") { Description = "none (default), server or global." };
        var description = new Option<string?>("--description") { Description = "What the attribute means." };
        var canonical = new Option<string[]>("--canonical-value") { Description = "A canonical value (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("add-attribute", "Add one attribute to a tenant extension schema (creating the schema when missing).")
        {
            tenant, schema, resourceType, name, type, multiValued, required, caseExact, returned, mutability, uniqueness, description, canonical,
        };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var parse = context.ParseResult;
            var all = TenantSchemas.WriteExtensions(record);
            var typeName = parse.GetValue(resourceType)!;
            var key = all.Select(pair => pair.Key).FirstOrDefault(k => string.Equals(k, typeName, StringComparison.OrdinalIgnoreCase)) ?? typeName;
            var list = all[key] as JsonArray ?? [];
            all[key] = list;
            var urn = parse.GetValue(schema)!;
            var target = list.OfType<JsonObject>().FirstOrDefault(s => string.Equals((string?)s["id"], urn, StringComparison.OrdinalIgnoreCase));
            if (target is null)
            {
                target = new JsonObject { ["id"] = urn, ["name"] = urn.Split(':')[^1], ["description"] = string.Empty, ["attributes"] = new JsonArray() };
                list.Add(target);
            }

            var attributes = target["attributes"] as JsonArray ?? throw ScimException.InvalidValue($"Schema '{urn}' has no 'attributes' array.");
            var attributeName = parse.GetValue(name)!;
            if (attributes.OfType<JsonObject>().Any(a => string.Equals((string?)a["name"], attributeName, StringComparison.OrdinalIgnoreCase)))
            {
                throw ScimException.Conflict($"Schema '{urn}' already defines attribute '{attributeName}'; change it with 'scimctl tenant schemas set'.");
            }

            var attribute = new JsonObject
            {
                ["name"] = attributeName,
                ["type"] = parse.GetValue(type),
                ["multiValued"] = parse.GetValue(multiValued),
                ["required"] = parse.GetValue(required),
                ["caseExact"] = parse.GetValue(caseExact),
            };
            Optional(attribute, "returned", parse.GetValue(returned));
            Optional(attribute, "mutability", parse.GetValue(mutability));
            Optional(attribute, "uniqueness", parse.GetValue(uniqueness));
            Optional(attribute, "description", parse.GetValue(description));
            if (parse.GetValue(canonical) is { Length: > 0 } values)
            {
                attribute["canonicalValues"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
            }

            attributes.Add(attribute);
            await UpdateAsync(context, backend, record, all, cancellationToken);
        });
        return command;
    }

    /// <summary>Validates as the operator API does, then updates the registry row under the audit log.</summary>
    private static async Task UpdateAsync(CliContext context, Backend.CliBackend backend, TenantRecord record, JsonNode? schemas, CancellationToken cancellationToken)
    {
        var changed = record with { ExtensionSchemasJson = TenantSchemas.ParseExtensions(schemas) };
        _ = TenantSchemas.For(changed); // the resource types build: the same check a request to the tenant makes
        var updated = await backend.Administration.UpdateAsync(changed, AuditActions.TenantSchemas, AuditDetails.Updated(AuditActions.TenantSchemas, changed), backend.Call, cancellationToken);
        Write(context, TenantSchemas.WriteExtensions(updated), updated.Id.Value);
    }

    private static void Write(CliContext context, JsonObject schemas, string tenant) =>
        context.Output.Result(schemas, console => console.Write(new Panel(new Text(schemas.ToJsonString(new() { WriteIndented = true }))).Header(Markup.Escape(tenant + " extension schemas"))));

    private static void Optional(JsonObject attribute, string member, string? value)
    {
        if (value is not null)
        {
            attribute[member] = value;
        }
    }
}
