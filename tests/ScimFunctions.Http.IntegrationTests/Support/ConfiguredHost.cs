namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>A class fixture: the real host started with settings on top of the test defaults.</summary>
public abstract class ConfiguredHost : IAsyncLifetime
{
    protected ConfiguredHost(IReadOnlyDictionary<string, string?> settings, bool onKestrel = false)
    {
        Host = new ScimTestHost { OnKestrel = onKestrel };
        foreach (var (key, value) in settings)
        {
            Host.Settings[key] = value;
        }
    }

    public ScimTestHost Host { get; }

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>Behind a proxy that sets X-Forwarded-Proto/Host (<c>Scim:TrustForwardedHeaders</c> true).</summary>
public sealed class TrustedProxyHost() : ConfiguredHost(new Dictionary<string, string?> { ["Scim:TrustForwardedHeaders"] = "true" });

/// <summary>With a configured public URL (path included), forwarded headers trusted as well: the configured URL wins.</summary>
public sealed class PublicBaseUrlHost() : ConfiguredHost(new Dictionary<string, string?>
{
    ["Scim:PublicBaseUrl"] = PublicBaseUrl,
    ["Scim:TrustForwardedHeaders"] = "true",
})
{
    public const string PublicBaseUrl = "https://scim.contoso.example/provisioning/";
}

/// <summary>The real host on Kestrel at 127.0.0.1, for tests that need real HTTP framing (raw sockets, fuzzing).</summary>
public sealed class KestrelHost() : ConfiguredHost(new Dictionary<string, string?>(), onKestrel: true);
