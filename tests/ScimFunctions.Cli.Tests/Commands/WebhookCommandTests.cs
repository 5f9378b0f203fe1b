using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ScimFunctions.Cli.Tests.Support;
using ScimFunctions.Storage;
using ScimFunctions.Testing;

namespace ScimFunctions.Cli.Tests.Commands;

/// <summary>
/// <c>scimctl webhook …</c> against Azurite: add prints the id and the secret once, list shows the endpoint, test
/// delivers a signed event to a loopback receiver (the CLI runs with <c>DOTNET_ENVIRONMENT=Development</c>, as a
/// development host does), rotate, replay and remove work, and each admin action is in the operator audit log.
/// </summary>
public sealed class WebhookCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Actor = "scimctl:" + Environment.UserName;
    private readonly string _tenant = TestNames.TenantId();

    static WebhookCommandTests() => Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", "Development");

    private ScimCtlRunner Cli => new(azurite.ConnectionString);

    [Fact]
    public async Task Add_list_test_rotate_replay_remove_each_work_and_are_audited_without_the_secret()
    {
        await Cli.JsonAsync("tenant", "create", _tenant);
        using var receiver = new HttpListener();
        var port = FreePort();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();

        var added = await Cli.JsonAsync("webhook", "add", "--url", $"http://127.0.0.1:{port}/hook", "--tenant", _tenant, "--events", "user.*,group.members.*");
        var id = (string)added["id"]!;
        var secret = (string)added["secret"]!;
        Assert.StartsWith("wh_", id, StringComparison.Ordinal);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(["user.*", "group.members.*"], added["events"]!.AsArray().Select(e => (string?)e));

        var listed = (await Cli.JsonAsync("webhook", "list"))["webhooks"]!.AsArray().Single(w => (string)w!["id"]! == id)!;
        Assert.Equal("active", (string?)listed["status"]);
        Assert.Equal(_tenant, (string?)listed["tenant"]);
        Assert.Null(listed["secret"]);

        var received = Task.Run(async () =>
        {
            var context = await receiver.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = (context.Request.Headers["webhook-id"]!, context.Request.Headers["webhook-timestamp"]!, context.Request.Headers["webhook-signature"]!);
            context.Response.StatusCode = 204;
            context.Response.Close();
            return (headers, body);
        });
        var tested = await Cli.JsonAsync("webhook", "test", id);
        Assert.True((bool)tested["delivered"]!, (string?)tested["error"]);
        var ((eventId, timestamp, signature), sent) = await received;
        Assert.Equal((string)tested["eventId"]!, eventId);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.{sent}")));
        Assert.Equal("v1," + expected, signature);

        var rotated = await Cli.JsonAsync("webhook", "rotate-secret", id);
        Assert.NotEqual(secret, (string)rotated["secret"]!);

        var badReplay = await Cli.RunAsync("webhook", "replay", id, "--from", "not-an-event");
        Assert.Equal(1, badReplay.ExitCode);
        Assert.Equal(400, (int)badReplay.ErrorJson["error"]!["status"]!);
        var replayed = await Cli.JsonAsync("webhook", "replay", id, "--from", "evt_0639317699816280528_f1b6c5e88b96");
        Assert.Equal(_tenant, (string?)replayed["tenant"]);

        await Cli.JsonAsync("webhook", "remove", id);
        Assert.DoesNotContain((await Cli.JsonAsync("webhook", "list"))["webhooks"]!.AsArray(), w => (string)w!["id"]! == id);
        var missing = await Cli.RunAsync("webhook", "remove", id);
        Assert.Equal(404, (int)missing.ErrorJson["error"]!["status"]!);

        var audit = await Cli.JsonAsync("audit", _tenant);
        var records = audit["records"]!.AsArray().Select(r => r!).Where(r => ((string)r["action"]!).StartsWith("webhook.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["webhook.add", "webhook.rotate-secret", "webhook.replay", "webhook.remove"], records.Select(r => (string?)r["action"]));
        Assert.All(records, r => Assert.Equal("succeeded", (string?)r["outcome"]));
        Assert.All(records, r => Assert.Equal(Actor, (string?)r["actor"]));
        Assert.All(records, r => Assert.Contains("webhookId=" + id, (string?)r["detail"], StringComparison.Ordinal));
        Assert.DoesNotContain(secret, audit.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain((string)rotated["secret"]!, audit.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stamp_wide_endpoint_is_audited_in_the_stamp_log_and_bad_input_changes_nothing()
    {
        var before = (await Cli.JsonAsync("webhook", "list"))["webhooks"]!.AsArray().Count;
        var refused = await Cli.RunAsync("webhook", "add", "--url", "ftp://example.com/hook");
        var unknownTenant = await Cli.RunAsync("webhook", "add", "--url", "http://127.0.0.1:9/hook", "--tenant", TestNames.TenantId());
        var badFilter = await Cli.RunAsync("webhook", "add", "--url", "http://127.0.0.1:9/hook", "--events", "nothing.*");
        Assert.Equal([1, 1, 1], new[] { refused.ExitCode, unknownTenant.ExitCode, badFilter.ExitCode });
        Assert.Equal(400, (int)refused.ErrorJson["error"]!["status"]!);
        Assert.Equal(404, (int)unknownTenant.ErrorJson["error"]!["status"]!);
        Assert.Equal(before, (await Cli.JsonAsync("webhook", "list"))["webhooks"]!.AsArray().Count);

        var added = await Cli.JsonAsync("webhook", "add", "--url", "http://127.0.0.1:9/stamp-wide");
        var id = (string)added["id"]!;
        Assert.Null(added["tenant"]);
        var replayWithoutTenant = await Cli.RunAsync("webhook", "replay", id, "--from", "evt_0639317699816280528_f1b6c5e88b96");
        Assert.Equal(1, replayWithoutTenant.ExitCode);
        await Cli.JsonAsync("webhook", "remove", id);

        var storage = await TableStorage.CreateAsync(new TableStoreOptions { ConnectionString = azurite.ConnectionString });
        var stampLog = (await storage.Audit.ReadStampAsync(null, 1000)).Records.Where(r => r.Detail?.Contains(id, StringComparison.Ordinal) == true).ToList();
        Assert.Equal(["webhook.add", "webhook.remove"], stampLog.Select(r => r.Action));
        Assert.All(stampLog, r => Assert.Equal(Actor, r.Actor));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
