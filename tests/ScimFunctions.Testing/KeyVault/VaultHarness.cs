using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using ScimFunctions.KeyVault;

namespace ScimFunctions.Testing.KeyVault;

/// <summary>A <see cref="KeyVaultTokenStore"/> whose SecretClient runs the SDK's full pipeline against a <see cref="FakeKeyVault"/>.</summary>
public sealed class VaultHarness : IDisposable
{
    private readonly HttpClient _httpClient;

    public VaultHarness()
    {
        Vault = new FakeKeyVault();
        Credential = new RecordingCredential(Vault.AcceptedAccessToken);
        _httpClient = new HttpClient(Vault);
        var options = new SecretClientOptions { Transport = new HttpClientTransport(_httpClient) };
        options.Retry.MaxRetries = 0;
        Store = KeyVaultTokenStore.Create(Vault.VaultUri, Credential, options);
    }

    public FakeKeyVault Vault { get; }
    public RecordingCredential Credential { get; }
    public KeyVaultTokenStore Store { get; }

    public void Dispose() => _httpClient.Dispose();
}
