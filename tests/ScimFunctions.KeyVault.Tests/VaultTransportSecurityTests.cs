using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using ScimFunctions.Core;
using ScimFunctions.Testing.KeyVault;

namespace ScimFunctions.KeyVault.Tests;

/// <summary>
/// Why the hosts refuse a non-https <c>Scim:KeyVault:Uri</c> at startup: the SDK never sends a bearer token over plain
/// http, so such a store would fail on the first token check instead.
/// </summary>
public sealed class VaultTransportSecurityTests
{
    [Fact]
    public async Task The_sdk_refuses_to_send_the_vault_token_over_http()
    {
        var vault = new FakeKeyVault();
        using var httpClient = new HttpClient(vault);
        var options = new SecretClientOptions { Transport = new HttpClientTransport(httpClient) };
        options.Retry.MaxRetries = 0;
        var insecure = new UriBuilder(vault.VaultUri) { Scheme = Uri.UriSchemeHttp, Port = 80 }.Uri;
        var store = KeyVaultTokenStore.Create(insecure, new RecordingCredential(vault.AcceptedAccessToken), options);

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => store.GetAsync(TenantId.Parse("contoso")));

        Assert.Contains("https", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(vault.Requests, request => request.IsAuthenticated);
    }

    [Fact]
    public void The_store_names_the_vault_it_uses()
    {
        var vault = new Uri("https://example-vault.vault.azure.net/");

        var store = KeyVaultTokenStore.Create(vault, new RecordingCredential("unused"));

        Assert.Equal(vault, store.VaultUri);
    }
}
