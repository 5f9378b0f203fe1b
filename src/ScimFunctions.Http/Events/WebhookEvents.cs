using System.Globalization;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.Http.Handlers;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Events;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Events;

/// <summary>One event as delivered: its id (the dedup key), its type and the JSON body that is signed and sent.</summary>
public sealed record WebhookEvent(string Id, string Type, string Body);

/// <summary>
/// Builds the events of one change row. The resource is rendered when the event is delivered, from the resource as it
/// is then, by the renderer GET uses (so no <c>returned: never</c> attribute, <c>$ref</c>s and <c>meta</c> as GET shows
/// them); a group is rendered without its members (they can be many): member changes are their own events carrying
/// the member ids the change row recorded. A deleted resource carries its id and the externalId the row recorded.
/// </summary>
public static class WebhookEvents
{
    public static IReadOnlyList<string> Types { get; } =
    [
        "user.created", "user.updated", "user.deactivated", "user.reactivated", "user.deleted",
        "group.created", "group.updated", "group.deleted", "group.members.added", "group.members.removed",
    ];

    /// <summary>The (index, type) of the events a change row makes, before any rendering (index 0/1/2: main, added, removed).</summary>
    public static IReadOnlyList<(int Index, string Type)> TypesOf(ChangeRecord change, TenantSchemas schemas)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(schemas);
        var isGroup = string.Equals(change.ResourceType, schemas.Group.Name, StringComparison.Ordinal);
        var prefix = isGroup ? "group." : "user.";
        var types = new List<(int, string)>();
        var others = change.ChangedAttributes.Any(a => !string.Equals(a, "members", StringComparison.Ordinal));
        var details = change.Details;
        var hasMemberIds = details is { MembersAdded.Count: > 0 } or { MembersRemoved.Count: > 0 };
        switch (change.Operation)
        {
            case ChangeOperation.Created:
                types.Add((0, prefix + "created"));
                break;
            case ChangeOperation.Deleted:
                types.Add((0, prefix + "deleted"));
                break;
            case ChangeOperation.Deactivated when !isGroup:
                types.Add((0, "user.deactivated"));
                break;
            case ChangeOperation.Reactivated when !isGroup:
                types.Add((0, "user.reactivated"));
                break;
            default:
                if (!isGroup || others || !hasMemberIds)
                {
                    types.Add((0, prefix + "updated"));
                }

                break;
        }

        if (isGroup && details is { MembersAdded.Count: > 0 })
        {
            types.Add((1, "group.members.added"));
        }

        if (isGroup && details is { MembersRemoved.Count: > 0 })
        {
            types.Add((2, "group.members.removed"));
        }

        return types;
    }

    /// <summary>The events of <paramref name="change"/> that <paramref name="wanted"/> accepts, rendered now.</summary>
    public static async Task<IReadOnlyList<WebhookEvent>> BuildAsync(
        TenantContext tenant, ITenantScimStore store, ChangeRecord change, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(wanted);
        var types = TypesOf(change, tenant.Schemas).Where(t => wanted(t.Type)).ToList();
        if (types.Count == 0)
        {
            return [];
        }

        var resourceType = string.Equals(change.ResourceType, tenant.Schemas.Group.Name, StringComparison.Ordinal) ? tenant.Schemas.Group : tenant.Schemas.User;
        JsonObject? rendered = null;
        if (change.Operation != ChangeOperation.Deleted)
        {
            var selection = resourceType == tenant.Schemas.Group ? AttributeSelection.Parse(null, "members", resourceType) : AttributeSelection.Default;
            var stored = await store.GetAsync(resourceType, change.ResourceId, selection, cancellationToken);
            rendered = stored is null ? null : ResourceRenderer.Render(tenant, resourceType, stored, selection);
        }

        var events = new List<WebhookEvent>(types.Count);
        foreach (var (index, type) in types)
        {
            var id = EventIds.FromPosition(change.Position, index);
            var data = index switch
            {
                1 => Members(change, rendered, change.Details!.MembersAdded),
                2 => Members(change, rendered, change.Details!.MembersRemoved),
                _ => rendered?.DeepClone() as JsonObject ?? Gone(change, resourceType),
            };
            var body = new JsonObject
            {
                ["id"] = id,
                ["type"] = type,
                ["timestamp"] = change.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                ["tenant"] = tenant.Id.Value,
                ["actor"] = Actor(change.Actor, change.Channel),
                ["changedAttributes"] = new JsonArray([.. change.ChangedAttributes.Select(a => (JsonNode?)JsonValue.Create(a))]),
                ["data"] = data,
            };
            if (rendered is null && change.Operation != ChangeOperation.Deleted)
            {
                body["resourceGone"] = true;
            }

            events.Add(new WebhookEvent(id, type, body.ToJsonString()));
        }

        return events;
    }

    /// <summary>
    /// Who made the change: the token id and the channel the change row recorded (<c>scim</c> or <c>mcp</c> for a
    /// tenant token; <c>scim</c> for rows written before channels were recorded), <c>scimctl</c> for the CLI.
    /// </summary>
    public static JsonObject Actor(string? actor, string? channel = null) => actor switch
    {
        null => new JsonObject { ["channel"] = "system" },
        _ when actor.StartsWith("tok-", StringComparison.Ordinal) => new JsonObject { ["tokenId"] = actor, ["channel"] = channel ?? "scim" },
        _ when actor.StartsWith("scimctl:", StringComparison.Ordinal) => new JsonObject { ["operator"] = actor["scimctl:".Length..], ["channel"] = "scimctl" },
        _ => new JsonObject { ["operator"] = actor, ["channel"] = "operator" },
    };

    private static JsonObject Members(ChangeRecord change, JsonObject? group, IReadOnlyList<string> ids)
    {
        var data = new JsonObject
        {
            ["id"] = change.ResourceId,
            ["externalId"] = group?["externalId"]?.DeepClone(),
            ["displayName"] = group?["displayName"]?.DeepClone(),
            ["memberIds"] = new JsonArray([.. ids.Select(id => (JsonNode?)JsonValue.Create(id))]),
        };
        if (change.Details!.MembersTruncated)
        {
            data["truncated"] = true;
        }

        return data;
    }

    private static JsonObject Gone(ChangeRecord change, ResourceTypeDefinition resourceType) => new()
    {
        ["schemas"] = new JsonArray(JsonValue.Create(resourceType.Schema.Id)),
        ["id"] = change.ResourceId,
        ["externalId"] = change.Details?.ExternalId,
        ["meta"] = new JsonObject { ["resourceType"] = resourceType.Name },
    };
}
