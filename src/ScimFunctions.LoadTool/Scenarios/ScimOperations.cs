using System.Text.Json.Nodes;
using ScimFunctions.Core;
using ScimFunctions.LoadTool.Client;

namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>
/// The identity providers' requests, each written so a retry converges: creates look up first and treat a 409 as
/// "someone already created it, find it"; member adds and removes are idempotent on the server.
/// Unexpected answers throw <see cref="ScimRequestException"/> (transient ones are retried by the runner).
/// </summary>
internal sealed class ScimOperations
{
    private readonly ScimClient _client;

    public ScimOperations(ScimClient client) => _client = client;

    public async Task<string?> FindUserAsync(string attribute, string value, CancellationToken cancellationToken)
    {
        var operation = attribute == "externalId" ? OperationNames.FilterExternalId : OperationNames.FilterUserName;
        var response = await _client.GetAsync(operation, $"Users?filter={Filter(attribute, value)}&startIndex=1&count=100", cancellationToken);
        Expect(operation, response, 200);
        return response.FirstResourceId;
    }

    /// <summary>Entra's matching then create: filter by userName, POST when absent, on 409 find the winner.</summary>
    public async Task<string> EnsureUserAsync(JsonObject user, CancellationToken cancellationToken)
    {
        var userName = user["userName"]!.GetValue<string>();
        if (await FindUserAsync("userName", userName, cancellationToken) is { } existing)
        {
            return existing;
        }

        var created = await _client.PostAsync(OperationNames.CreateUser, "Users", user.DeepClone(), cancellationToken);
        if (created.Status == 409)
        {
            return await FindUserAsync("userName", userName, cancellationToken)
                ?? throw new ScimRequestException(OperationNames.CreateUser, created);
        }

        Expect(OperationNames.CreateUser, created, 201);
        return created.Id ?? throw new ScimRequestException(OperationNames.CreateUser, created);
    }

    /// <summary>A create alone, without the lookup an identity provider does first.</summary>
    public async Task<string> CreateUserAsync(JsonObject user, CancellationToken cancellationToken)
    {
        var created = await _client.PostAsync(OperationNames.CreateUser, "Users", user, cancellationToken);
        Expect(OperationNames.CreateUser, created, 201);
        return created.Id ?? throw new ScimRequestException(OperationNames.CreateUser, created);
    }

    public async Task<string?> FindGroupAsync(string displayName, CancellationToken cancellationToken)
    {
        var response = await _client.GetAsync(
            OperationNames.FilterGroup, $"Groups?excludedAttributes=members&filter={Filter("displayName", displayName)}", cancellationToken);
        Expect(OperationNames.FilterGroup, response, 200);
        return response.FirstResourceId;
    }

    public async Task<string> EnsureGroupAsync(JsonObject group, CancellationToken cancellationToken)
    {
        var displayName = group["displayName"]!.GetValue<string>();
        if (await FindGroupAsync(displayName, cancellationToken) is { } existing)
        {
            return existing;
        }

        var created = await _client.PostAsync(OperationNames.CreateGroup, "Groups", group.DeepClone(), cancellationToken);
        if (created.Status == 409)
        {
            return await FindGroupAsync(displayName, cancellationToken)
                ?? throw new ScimRequestException(OperationNames.CreateGroup, created);
        }

        Expect(OperationNames.CreateGroup, created, 201);
        return created.Id ?? throw new ScimRequestException(OperationNames.CreateGroup, created);
    }

    public async Task GetUserAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _client.GetAsync(OperationNames.GetUser, $"Users/{Uri.EscapeDataString(id)}", cancellationToken);
        Expect(OperationNames.GetUser, response, 200);
    }

    public async Task GetGroupAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _client.GetAsync(OperationNames.GetGroup, $"Groups/{Uri.EscapeDataString(id)}?excludedAttributes=members", cancellationToken);
        Expect(OperationNames.GetGroup, response, 200);
    }

    /// <summary>Entra's incremental update: capitalised Replace ops with booleans as strings.</summary>
    public async Task ReplaceUserAsync(string id, bool active, string title, CancellationToken cancellationToken)
    {
        var patch = PatchRequest(
            Op("Replace", "active", active ? "True" : "False"),
            Op("Replace", "title", title));
        var response = await _client.PatchAsync(OperationNames.PatchUser, $"Users/{Uri.EscapeDataString(id)}", patch, cancellationToken);
        Expect(OperationNames.PatchUser, response, 200, 204);
    }

    /// <summary>Entra's member add: one Add op with a value array (adding an existing member is a no-op).</summary>
    public async Task AddMembersAsync(string groupId, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var patch = PatchRequest(Op("Add", "members", Members(userIds)));
        var response = await _client.PatchAsync(OperationNames.AddMembers, $"Groups/{Uri.EscapeDataString(groupId)}", patch, cancellationToken);
        Expect(OperationNames.AddMembers, response, 200, 204);
    }

    /// <summary>Entra's default member removal: Remove with a value array removes only the listed members.</summary>
    public async Task RemoveMembersAsync(string groupId, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var patch = PatchRequest(Op("Remove", "members", Members(userIds)));
        var response = await _client.PatchAsync(OperationNames.RemoveMembers, $"Groups/{Uri.EscapeDataString(groupId)}", patch, cancellationToken);
        Expect(OperationNames.RemoveMembers, response, 200, 204);
    }

    /// <summary>Okta's import: startIndex 1, 1+count, … until a page comes back short. Returns the users read.</summary>
    public async Task<long> ImportByIndexAsync(int pageSize, CancellationToken cancellationToken)
    {
        long read = 0;
        for (var startIndex = 1; ; startIndex += pageSize)
        {
            var response = await ImportPageAsync(startIndex, pageSize, cancellationToken);
            var page = response.Resources.Count;
            read += page;
            if (page < pageSize || startIndex - 1 + page >= (response.TotalResults ?? long.MaxValue))
            {
                return read;
            }
        }
    }

    /// <summary>One page of index paging.</summary>
    public async Task<ScimResponse> ImportPageAsync(int startIndex, int pageSize, CancellationToken cancellationToken)
    {
        var response = await _client.GetAsync(
            OperationNames.ListByIndex, string.Create(CultureInfo.InvariantCulture, $"Users?startIndex={startIndex}&count={pageSize}"), cancellationToken);
        Expect(OperationNames.ListByIndex, response, 200);
        return response;
    }

    /// <summary>RFC 9865 cursor paging: an empty <c>cursor</c> asks for the first page; follow <c>nextCursor</c> until absent.</summary>
    public async Task<long> ImportByCursorAsync(int pageSize, CancellationToken cancellationToken)
    {
        long read = 0;
        var cursor = string.Empty;
        while (true)
        {
            var response = await _client.GetAsync(
                OperationNames.ListByCursor, string.Create(CultureInfo.InvariantCulture, $"Users?count={pageSize}&cursor={Uri.EscapeDataString(cursor)}"), cancellationToken);
            Expect(OperationNames.ListByCursor, response, 200);
            read += response.Resources.Count;
            if (response.NextCursor is not { Length: > 0 } next)
            {
                return read;
            }

            cursor = next;
        }
    }

    private static string Filter(string attribute, string value) =>
        Uri.EscapeDataString($"{attribute} eq \"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");

    private static JsonObject PatchRequest(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemaUrns.PatchOp),
        ["Operations"] = new JsonArray(operations),
    };

    private static JsonObject Op(string op, string path, JsonNode value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    private static JsonArray Members(IEnumerable<string> userIds) => [.. userIds.Select(id => (JsonNode)new JsonObject { ["value"] = id })];

    private static void Expect(string operation, ScimResponse response, params int[] statuses)
    {
        if (!statuses.Contains(response.Status))
        {
            throw new ScimRequestException(operation, response);
        }
    }
}
