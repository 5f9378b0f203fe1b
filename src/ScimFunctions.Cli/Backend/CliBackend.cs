using System.CommandLine;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Cli.Backend;

/// <summary>
/// The stamp the CLI operates on. Storage: <c>--connection-string</c> (Azurite, or a key-based account) or
/// <c>--table-endpoint</c> with <see cref="DefaultAzureCredential"/>. Tokens: Key Vault when <c>--vault-uri</c> is
/// given (same credential), else the <c>tokens</c> table next to the data, as the local host uses.
/// Options win over the <c>Scim__…</c> environment variables the hosts read.
/// </summary>
internal sealed class CliBackend
{
    private readonly Lazy<TokenCredential> _credential;

    private CliBackend(string? connectionString, Uri? tableEndpoint, Uri? vaultUri)
    {
        _credential = new Lazy<TokenCredential>(() => new DefaultAzureCredential());
        Tables = connectionString is not null
            ? new TableServiceClient(connectionString)
            : new TableServiceClient(tableEndpoint!, _credential.Value);
        Tokens = vaultUri is not null
            ? KeyVaultTokenStore.Create(vaultUri, _credential.Value)
            : TableTokenStore.Create(Tables);
        TokenStoreKind = vaultUri is not null ? "keyvault" : "table";
        Issuer = new TokenIssuer(Tokens);
    }

    public TableServiceClient Tables { get; }

    public ITokenStore Tokens { get; }

    /// <summary>"keyvault" or "table": shown so an operator knows where the hashes went.</summary>
    public string TokenStoreKind { get; }

    public TokenIssuer Issuer { get; }

#pragma warning disable CA1822 // Placeholders until the table store's composition lands.
    public ITenantRegistry Registry => throw new CliUsageException("The tenant registry is not wired into scimctl yet.");

    public ITenantStoreProvider Stores => throw new CliUsageException("The tenant store is not wired into scimctl yet.");
#pragma warning restore CA1822

    public static CliBackend Create(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var connectionString = parseResult.GetValue(GlobalOptions.ConnectionString);
        var tableEndpoint = parseResult.GetValue(GlobalOptions.TableEndpoint);
        if (connectionString is not null && tableEndpoint is not null)
        {
            throw new CliUsageException("Give either --connection-string or --table-endpoint, not both.");
        }

        if (connectionString is null && tableEndpoint is null)
        {
            connectionString = NonEmpty(Environment.GetEnvironmentVariable(GlobalOptions.ConnectionStringVariable));
            tableEndpoint = NonEmpty(Environment.GetEnvironmentVariable(GlobalOptions.TableEndpointVariable)) is { } endpoint ? new Uri(endpoint) : null;
        }

        if (connectionString is null && tableEndpoint is null)
        {
            throw new CliUsageException(
                $"No storage given: pass --connection-string (Azurite or a storage account) or --table-endpoint (Azure, with your Azure sign-in), or set {GlobalOptions.ConnectionStringVariable}.");
        }

        var vaultUri = parseResult.GetValue(GlobalOptions.VaultUri)
            ?? (NonEmpty(Environment.GetEnvironmentVariable(GlobalOptions.VaultUriVariable)) is { } vault ? new Uri(vault) : null);
        return new CliBackend(connectionString, tableEndpoint, vaultUri);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
