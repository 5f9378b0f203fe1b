using System.Net;
using ScimFunctions.Http.Events;
using ScimFunctions.Storage.Events;

namespace ScimFunctions.Http.IntegrationTests.Events;

/// <summary>The signature against the Standard Webhooks specification's published example, and the SSRF address rules.</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void TheSignatureMatchesTheStandardWebhooksExample()
    {
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string body = "{\"test\": 2432232314}";

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body));
    }

    [Fact]
    public void ANewSecretIs32RandomBytesAndVerifiesWithTheTestsOwnImplementation()
    {
        var secret = WebhookSignature.NewSecret();
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.True(WebhookReceiver.Verify(secret, "evt_1", now.ToString(System.Globalization.CultureInfo.InvariantCulture), "{}", WebhookSignature.Sign(secret, "evt_1", now, "{}")));
        Assert.False(WebhookReceiver.Verify(secret, "evt_1", now.ToString(System.Globalization.CultureInfo.InvariantCulture), "{ }", WebhookSignature.Sign(secret, "evt_1", now, "{}")));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.5", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("93.184.215.14", false)]
    [InlineData("2606:4700::1111", false)]
    public void PrivateLoopbackAndLinkLocalAddressesAreRefused(string address, bool refused) =>
        Assert.Equal(refused, WebhookUrls.IsRefused(IPAddress.Parse(address)));

    [Fact]
    public void AnEventsActorNamesTheChannelItsChangeRowRecorded()
    {
        Assert.Equal("""{"tokenId":"tok-1","channel":"mcp"}""", WebhookEvents.Actor("tok-1", "mcp").ToJsonString());
        Assert.Equal("""{"tokenId":"tok-1","channel":"scim"}""", WebhookEvents.Actor("tok-1", "scim").ToJsonString());
        Assert.Equal("""{"tokenId":"tok-1","channel":"scim"}""", WebhookEvents.Actor("tok-1", null).ToJsonString());
        Assert.Equal("""{"operator":"alice","channel":"scimctl"}""", WebhookEvents.Actor("scimctl:alice", null).ToJsonString());
    }

    [Fact]
    public void AnEventIdIsItsChangePositionAndReplaysFromJustBeforeIt()
    {
        var id = EventIds.FromPosition("change|0639317699816280528|f1b6c5e88b96", 0);

        Assert.Equal("evt_0639317699816280528_f1b6c5e88b96", id);
        Assert.Equal("evt_0639317699816280528_f1b6c5e88b96_2", EventIds.FromPosition("change|0639317699816280528|f1b6c5e88b96", 2));
        Assert.Equal("change|0639317699816280528|", EventIds.PositionBefore(id));
        Assert.True(string.CompareOrdinal(EventIds.PositionBefore(id), "change|0639317699816280528|f1b6c5e88b96") < 0);
        Assert.Null(EventIds.PositionBefore("evt_x"));
        Assert.Null(EventIds.PositionBefore("tok-1"));
    }
}
