using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core;
using ScimFunctions.Http.IntegrationTests.Support;
using ScimFunctions.Http.Tenancy;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Events;

namespace ScimFunctions.Http.IntegrationTests.Events;

/// <summary>The local host with its dispatcher, Azurite table and queue services, and a loopback receiver.</summary>
public sealed class EventFixture : IAsyncLifetime
{
    public ScimTestHost Host { get; } = EventHosts.Create(configure: options => options.FailingAfter = TimeSpan.FromSeconds(2));

    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>
/// Events end to end: SCIM writes through the host, wake-ups on Azurite's queue, the dispatcher delivering to a
/// loopback receiver that verifies every signature with its own implementation of the scheme.
/// </summary>
/// <summary>
/// Event delivery runs alone, after the tests that run in parallel: under their load the shared Azurite can take longer
/// than the change feed's settle time to commit a write, and such a change is skipped by the dispatcher (a known
/// limitation, docs/events.md "Ordering and the settle time"). The order test found it: 999 of 1,000 events arrived.
/// </summary>
[CollectionDefinition(nameof(EventDeliveryCollection), DisableParallelization = true)]
public sealed class EventDeliveryCollection;

[Collection(nameof(EventDeliveryCollection))]
public sealed class EventDeliveryTests(EventFixture fixture) : IClassFixture<EventFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ScimTestHost Host => fixture.Host;

    private WebhookReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task EveryEventTypeArrivesSignedWithTheResourceAsGetShowsItInOrder()
    {
        using var tenant = await Host.CreateTenantAsync();
        var path = "/all-" + tenant.TenantId;
        await Host.AddWebhookAsync(Receiver, path, tenant.TenantId);

        var user = Scim.User(Scim.UniqueName(), externalId: "ext-user-1");
        user["password"] = "Secret-Passw0rd!";
        var created = await tenant.PostAsync("/Users", user);
        created.AssertStatus(201);
        var userId = (string)created.Body!["id"]!;
        Ok(await tenant.PatchAsync($"/Users/{userId}", Scim.Patch(Scim.Op("replace", "displayName", "Ada"))));
        Ok(await tenant.PatchAsync($"/Users/{userId}", Scim.Patch(Scim.Op("replace", "active", false))));
        Ok(await tenant.PatchAsync($"/Users/{userId}", Scim.Patch(Scim.Op("replace", "active", true))));
        var otherId = await tenant.CreateUserAsync(Scim.UniqueName());
        var groupId = await tenant.CreateGroupAsync("Engineers", userId);
        Ok(await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("add", "members", new JsonArray(new JsonObject { ["value"] = otherId })))));
        Ok(await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("remove", $"members[value eq \"{userId}\"]", null))));
        Ok(await tenant.PatchAsync($"/Groups/{groupId}", Scim.Patch(Scim.Op("replace", "displayName", "Engineering"))));
        (await tenant.DeleteAsync($"/Groups/{groupId}")).AssertStatus(204);
        (await tenant.DeleteAsync($"/Users/{userId}")).AssertStatus(204);

        string[] expected =
        [
            "user.created", "user.updated", "user.deactivated", "user.reactivated", "user.created",
            "group.created", "group.members.added", "group.members.added", "group.members.removed", "group.updated",
            "group.deleted", "user.deleted",
        ];
        await EventHosts.WaitForAsync(() => Receiver.For(path).Select(e => e.Id).Distinct().Count() >= expected.Length, Patience, "every event type");
        var events = Distinct(Receiver.For(path));
        Assert.Equal(expected, events.Select(e => e.Type));
        Assert.All(events, e => Assert.True(e.SignatureValid, "signature of " + e.Id));
        Assert.All(events, e => Assert.Equal(e.Id, (string)e.Body["id"]!));
        Assert.Equal(events.Select(e => e.Id).Order(StringComparer.Ordinal), events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(tenant.TenantId, (string)e.Body["tenant"]!));
        Assert.All(events, e => Assert.Equal("scim", (string)e.Body["actor"]!["channel"]!));
        Assert.All(events, e => Assert.StartsWith("tok-", (string)e.Body["actor"]!["tokenId"]!, StringComparison.Ordinal));

        // The user as GET shows it: no returned:never password; the change's attribute names.
        var firstUser = events[0].Body["data"]!.AsObject();
        Assert.Equal(userId, (string)firstUser["id"]!);
        Assert.Null(firstUser["password"]);
        Assert.DoesNotContain("Secret-Passw0rd!", events[0].Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("displayName", events[1].Body["changedAttributes"]!.AsArray().Select(a => (string)a!));

        // Member changes carry member ids, not the group's members; the group itself is rendered without members.
        Assert.Null(events[5].Body["data"]!["members"]);
        Assert.Equal([userId], events[6].Body["data"]!["memberIds"]!.AsArray().Select(a => (string)a!));
        Assert.Equal([otherId], events[7].Body["data"]!["memberIds"]!.AsArray().Select(a => (string)a!));
        Assert.Equal([userId], events[8].Body["data"]!["memberIds"]!.AsArray().Select(a => (string)a!));

        // A deleted resource: its id and externalId.
        var deletedUser = events[11].Body["data"]!.AsObject();
        Assert.Equal(userId, (string)deletedUser["id"]!);
        Assert.Equal("ext-user-1", (string)deletedUser["externalId"]!);
        Assert.Equal(groupId, (string)events[10].Body["data"]!["id"]!);
    }

    [Fact]
    public async Task OrderPerTenantIsKeptAcrossAThousandChanges()
    {
        using var tenant = await Host.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 10_000 });
        var path = "/order-" + tenant.TenantId;
        await Host.AddWebhookAsync(Receiver, path, tenant.TenantId, "user.*");
        const int Changes = 1000;
        var userIds = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            userIds.Add(await tenant.CreateUserAsync(Scim.UniqueName()));
        }

        // Four writers at once: the feed's order is the order to keep, whatever the interleaving.
        var next = userIds.Count;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            // Each write's own number: reading the shared counter again could give two writers the same value, and a
            // replace with the value a user already has changes nothing (no change row, so 999 events of 1,000).
            for (var n = Interlocked.Increment(ref next); n <= Changes; n = Interlocked.Increment(ref next))
            {
                var id = userIds[Random.Shared.Next(userIds.Count)];
                Ok(await tenant.PatchAsync($"/Users/{id}", Scim.Patch(Scim.Op("replace", "displayName", "n" + n))));
            }
        }));

        // Delivery is one event at a time per endpoint and tenant, so on a busy machine 1,000 take a while: the guard is
        // against a stall (no new event for a minute), not against a slow machine.
        var store = await Host.Services.GetRequiredService<ITenantStoreProvider>().GetStoreAsync(TenantId.Parse(tenant.TenantId));
        async Task<List<ChangeRecord>> FeedAsync()
        {
            var changes = new List<ChangeRecord>();
            string? after = null;
            for (IReadOnlyList<ChangeRecord> page; (page = await store.ReadChangesAfterAsync(after, 1000)).Count > 0; after = page[^1].Position)
            {
                changes.AddRange(page);
            }

            return changes;
        }

        try
        {
            await EventHosts.WaitForProgressAsync(() => Receiver.For(path).Select(e => e.Id).Distinct().Count(), Changes, TimeSpan.FromMinutes(1), "1,000 events");
        }
        catch (Xunit.Sdk.FailException stalled)
        {
            // Say which change was not delivered and how it committed, so a stall can be told apart from a slow machine.
            var sent = Receiver.For(path).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var missing = (await FeedAsync()).Where(change => !sent.Contains(EventIds.FromPosition(change.Position, 0)))
                .Select(change => $"{change.Position} (committed late: {change.CommittedLate}; {(DateTimeOffset.UtcNow - new DateTimeOffset(change.Sequence, TimeSpan.Zero)).TotalSeconds:F0} s ago)");
            Assert.Fail($"{stalled.Message}; not delivered: {string.Join(", ", missing)}");
        }

        var received = Receiver.For(path).Select(e => e.Id).ToList();
        Assert.Equal(Changes, await Host.ChangeCountAsync(tenant.TenantId));
        Assert.Equal(Changes, received.Distinct().Count());

        // In feed order, never going back — except a change the storage service committed late (more than half the
        // settle time after its position: a loaded machine does that to a few writes), which the dispatcher's look-back
        // delivers after the changes it passed, in commit order (docs/events.md, "Ordering, the settle time and late commits").
        var late = (await FeedAsync()).Where(change => change.CommittedLate).Select(change => EventIds.FromPosition(change.Position, 0)).ToHashSet(StringComparer.Ordinal);

        var inOrder = received.Where(id => !late.Contains(id)).ToList();
        Assert.Equal(inOrder.Order(StringComparer.Ordinal), inOrder);
        Assert.True(late.Count <= Changes / 20, $"{late.Count} of {Changes} changes committed late");
    }

    [Fact]
    public async Task AReceiverDownForAWhileGetsEveryEventOnceAfterDedupNoneLost()
    {
        using var tenant = await Host.CreateTenantAsync();
        var path = "/down-" + tenant.TenantId;
        await Host.AddWebhookAsync(Receiver, path, tenant.TenantId);
        var down = true;
        var refused = 0;
        var previous = Receiver.Behaviour;
        Receiver.Behaviour = p => p == path && Volatile.Read(ref down) ? Task.FromResult(RefusedAnswer(ref refused)) : previous(p);

        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await tenant.CreateUserAsync(Scim.UniqueName()));
        }

        await EventHosts.WaitForAsync(() => Volatile.Read(ref refused) >= 5, Patience, "failed attempts while down");
        Assert.Empty(Receiver.For(path));
        Volatile.Write(ref down, false);

        await EventHosts.WaitForAsync(() => Receiver.For(path).Select(e => e.Id).Distinct().Count() >= 30, Patience, "every event after the receiver came back");
        var events = Distinct(Receiver.For(path));
        Assert.Equal(30, events.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), events.Select(e => (string)e.Body["data"]!["id"]!).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal("user.created", e.Type));
    }

    [Fact]
    public async Task AChangeWhoseWakeUpWasLostIsDeliveredByTheSweeper()
    {
        using var tenant = await Host.CreateTenantAsync();
        var path = "/lost-" + tenant.TenantId;
        await Host.AddWebhookAsync(Receiver, path, tenant.TenantId);

        // Committed through the store, not the request pipeline: as if the host died between commit and enqueue.
        var id = TenantId.Parse(tenant.TenantId);
        var cached = (await Host.Services.GetRequiredService<TenantDirectory>().GetAsync(id))!;
        var store = await Host.Services.GetRequiredService<ITenantStoreProvider>().GetStoreAsync(id);
        var user = await store.CreateAsync(cached.Schemas.User, Scim.User(Scim.UniqueName()), new WriteContext("req-lost", "tok-lost"));

        await EventHosts.WaitForAsync(() => Receiver.For(path).Count > 0, Patience, "the sweeper's delivery");
        var delivered = Receiver.For(path)[0];
        Assert.Equal("user.created", delivered.Type);
        Assert.Equal(user.Id, (string)delivered.Body["data"]!["id"]!);
        Assert.True(delivered.SignatureValid);
    }

    [Fact]
    public async Task AFailingEndpointOfOneTenantDoesNotDelayAnotherTenant()
    {
        using var slow = await Host.CreateTenantAsync();
        using var healthy = await Host.CreateTenantAsync();
        var slowPath = "/hang-" + slow.TenantId;
        var healthyPath = "/ok-" + healthy.TenantId;
        await Host.AddWebhookAsync(Receiver, slowPath, slow.TenantId);
        await Host.AddWebhookAsync(Receiver, healthyPath, healthy.TenantId);
        var previous = Receiver.Behaviour;
        var hung = 0;
        Receiver.Behaviour = async p =>
        {
            if (p == slowPath)
            {
                Interlocked.Increment(ref hung);
                await Task.Delay(TimeSpan.FromSeconds(8)); // beyond the 5 s delivery timeout
                return 500;
            }

            return await previous(p);
        };

        var lags = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            await slow.CreateUserAsync(Scim.UniqueName());
            var started = Stopwatch.GetTimestamp();
            var userId = await healthy.CreateUserAsync(Scim.UniqueName());
            await EventHosts.WaitForAsync(() => Receiver.For(healthyPath).Any(e => (string?)e.Body["data"]?["id"] == userId), Patience, "tenant B's event");
            lags.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        Assert.True(Volatile.Read(ref hung) > 0, "tenant A's endpoint was attempted");
        Assert.Empty(Receiver.For(slowPath));

        // Tenant B's lag is the settle time (5 s) plus a wake-up cycle (1 s). Queued behind tenant A's deliveries it would
        // be at least that plus A's 5 s timeout (11 s), so the bound tells the two apart with room for a loaded machine.
        var p95 = lags.Order().ElementAt((int)Math.Ceiling(lags.Count * 0.95) - 1);
        Assert.True(p95 < 10.5, $"tenant B's delivery lag p95 {p95:F2} s (all: {string.Join(", ", lags.Select(l => l.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})");
    }

    [Fact]
    public async Task AnEndpointFailingPastTheRetryWindowIsMarkedFailingThenRecoversAndReplayDeliversAgain()
    {
        using var tenant = await Host.CreateTenantAsync();
        var path = "/flaky-" + tenant.TenantId;
        var id = await Host.AddWebhookAsync(Receiver, path, tenant.TenantId);
        var failing = true;
        var previous = Receiver.Behaviour;
        Receiver.Behaviour = p => p == path && Volatile.Read(ref failing) ? Task.FromResult(500) : previous(p);
        var userId = await tenant.CreateUserAsync(Scim.UniqueName());

        using var client = Host.Operator();
        JsonNode? listed = null;
        await EventHosts.WaitForAsync(() =>
        {
            var list = client.SendJsonAsync(HttpMethod.Get, "/operator/webhooks", null).GetAwaiter().GetResult();
            listed = list.Body!["webhooks"]!.AsArray().Single(w => (string?)w!["id"] == id);
            return (string?)listed!["status"] == "failing";
        }, Patience, "the endpoint marked failing");
        Assert.Equal("HTTP 500", (string)listed!["lastError"]!);
        Assert.True((int)listed["deliveries"]![0]!["failedAttempts"]! >= 2);

        // The operator's test event is signed like every delivery.
        Volatile.Write(ref failing, false);
        var test = await client.SendJsonAsync(HttpMethod.Post, $"/operator/webhooks/{id}/test", null);
        test.AssertStatus(200);
        Assert.True((bool)test.Body!["delivered"]!);
        Assert.Contains(Receiver.For(path), e => e.Type == "webhook.test" && e.SignatureValid);

        await EventHosts.WaitForAsync(() => Receiver.For(path).Any(e => e.Type == "user.created"), Patience, "delivery after recovery");
        var first = Receiver.For(path).First(e => e.Type == "user.created");
        Assert.Equal(userId, (string)first.Body["data"]!["id"]!);
        await EventHosts.WaitForAsync(() =>
        {
            var list = client.SendJsonAsync(HttpMethod.Get, "/operator/webhooks", null).GetAwaiter().GetResult();
            return (string?)list.Body!["webhooks"]!.AsArray().Single(w => (string?)w!["id"] == id)!["status"] == "active";
        }, Patience, "the endpoint active again");

        // Replay from the event id: delivered again, same id (the receiver dedups by it).
        var replay = await client.SendJsonAsync(HttpMethod.Post, $"/operator/webhooks/{id}/replay", new JsonObject { ["from"] = first.Id });
        replay.AssertStatus(202);
        await EventHosts.WaitForAsync(() => Receiver.For(path).Count(e => e.Id == first.Id) >= 2, Patience, "the replayed event");
        (await client.SendJsonAsync(HttpMethod.Post, $"/operator/webhooks/{id}/replay", new JsonObject { ["from"] = "nonsense" })).AssertScimError(400, "invalidValue");
    }

    private static void Ok(ScimResponse response) => Assert.True(response.StatusCode is 200 or 204, $"HTTP {response.StatusCode}: {response.RawBody}");

    private static int RefusedAnswer(ref int refused)
    {
        Interlocked.Increment(ref refused);
        return 503;
    }

    private static List<ReceivedEvent> Distinct(IEnumerable<ReceivedEvent> events) =>
        events.GroupBy(e => e.Id).Select(g => g.First()).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
}
