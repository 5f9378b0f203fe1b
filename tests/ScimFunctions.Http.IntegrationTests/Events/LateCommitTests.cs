using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests.Events;

/// <summary>
/// A write committed long after the position its writer stamped it with (a stalled writer): the dispatcher has already
/// delivered past that position when the change becomes visible, and still delivers it, late and once.
/// </summary>
[Collection(nameof(EventDeliveryCollection))]
public sealed class LateCommitTests : IAsyncLifetime
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);

    private readonly ScimTestHost _host = EventHosts.Create(configure: options => options.LookBackInterval = TimeSpan.FromSeconds(1));
    private ScimTestHost _stalledWriter = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        await _host.InitializeAsync();

        // Another instance of the same stamp whose writes are stamped a minute before they commit: its clock runs a
        // minute behind, exactly what a write that stalls for a minute between stamping and committing looks like in the feed.
        _stalledWriter = new ScimTestHost
        {
            ConfigureServices = services => services.AddSingleton<TimeProvider>(new BehindClock(Stall)),
        };
        foreach (var (key, value) in _host.EffectiveSettings)
        {
            _stalledWriter.Settings[key] = value;
        }

        await _stalledWriter.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _stalledWriter.DisposeAsync();
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AChangeCommittedAfterTheDispatcherPassedItsPositionIsDeliveredLateAndOnce()
    {
        using var tenant = await _host.CreateTenantAsync();
        using var stalled = new TenantClient(_stalledWriter, tenant.TenantId, tenant.Token);
        var path = "/late-" + tenant.TenantId;
        await _host.AddWebhookAsync(_receiver, path, tenant.TenantId, "user.created");

        var before = await tenant.CreateUserAsync(Scim.UniqueName());
        await EventHosts.WaitForAsync(() => _receiver.For(path).Any(e => (string)e.Body["data"]!["id"]! == before), TimeSpan.FromSeconds(30), "the first event");

        // Committed now, stamped a minute ago: behind the position the endpoint has already acknowledged.
        var late = await stalled.CreateUserAsync(Scim.UniqueName());
        var after = await tenant.CreateUserAsync(Scim.UniqueName());

        await EventHosts.WaitForAsync(() => _receiver.For(path).Any(e => (string)e.Body["data"]!["id"]! == late), TimeSpan.FromSeconds(30), "the late change's event");
        await EventHosts.WaitForAsync(() => _receiver.For(path).Any(e => (string)e.Body["data"]!["id"]! == after), TimeSpan.FromSeconds(30), "the event after it");

        // A few more sweeps and look-backs: the late change is not sent again.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var received = _receiver.For(path).Select(e => (string)e.Body["data"]!["id"]!).ToList();
        Assert.Equal(1, received.Count(id => id == late));
        Assert.Equal(1, received.Count(id => id == before));
        Assert.Equal(1, received.Count(id => id == after));
    }

    private sealed class BehindClock(TimeSpan behind) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - behind;
    }
}
