using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests.Events;

/// <summary>
/// Two instances of one stamp (same tables, same queue), each running its dispatcher: the leased position rows keep
/// them from delivering one endpoint and tenant at the same time, and nothing is skipped.
/// </summary>
[Collection(nameof(EventDeliveryCollection))]
public sealed class TwoDispatcherTests : IAsyncLifetime
{
    private readonly ScimTestHost _first = EventHosts.Create();
    private ScimTestHost _second = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        await _first.InitializeAsync();
        _second = EventHosts.Create(_first.EffectiveSettings);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task TwoDispatchersNeverDeliverAtOnceAndSkipNothing()
    {
        using var tenant = await _first.CreateTenantAsync(policy: new JsonObject { ["requestsPerSecond"] = 10_000 });
        using var sameTenantOnSecond = new TenantClient(_second, tenant.TenantId, tenant.Token);
        var path = "/both-" + tenant.TenantId;
        await _first.AddWebhookAsync(_receiver, path, tenant.TenantId, "user.created");

        // A slow receiver (30 ms) makes overlapping deliveries visible if the lease let them happen.
        var previous = _receiver.Behaviour;
        _receiver.Behaviour = async p =>
        {
            await Task.Delay(30);
            return await previous(p);
        };

        const int Users = 150;
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, Users).Chunk(Users / 2).Select((chunk, half) => Task.Run(async () =>
        {
            foreach (var _ in chunk)
            {
                ids.Add(await (half == 0 ? tenant : sameTenantOnSecond).CreateUserAsync(Scim.UniqueName()));
            }
        })));

        await EventHosts.WaitForAsync(() => _receiver.For(path).Select(e => e.Id).Distinct().Count() >= Users, TimeSpan.FromMinutes(2), "every event");
        var received = _receiver.For(path);
        Assert.Equal(1, _receiver.MaxInFlight[path]);
        Assert.Equal(ids.Order(StringComparer.Ordinal), received.Select(e => (string)e.Body["data"]!["id"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(received.Select(e => e.Id).Order(StringComparer.Ordinal), received.Select(e => e.Id));
    }
}
