using System.CommandLine;
using Azure.Core;
using Azure.Identity;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Audit;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Cli.Backend;

/// <summary>
/// The stamp the CLI operates on, composed as the hosts compose it. Storage: <c>--connection-string</c> (Azurite, or
/// a key-based account) or <c>--table-endpoint</c> with <see cref="DefaultAzureCredential"/>. Tokens: Key Vault when
/// <c>--vault-uri</c> is given (same credential), else the <c>tokens</c> table next to the data, as the local host
/// uses. Options win over the environment variables the hosts read (<c>Scim__Storage__ConnectionString</c>,
/// <c>Scim__Storage__TableEndpoint</c>, <c>Scim__Storage__ResourceTable</c>, <c>Scim__Storage__TenantTable</c>, <c>Scim__Storage__TokenTable</c>, <c>Scim__Storage__SiloAccounts__0</c>…,
/// <c>Scim__KeyVault__Uri</c>).
/// </summary>
internal sealed class CliBackend
{
    private CliBackend(TableStorage storage, ITokenStore tokens, string tokenStoreKind)
    {
        Storage = storage;
        Tokens = tokens;
        TokenStoreKind = tokenStoreKind;
        Issuer = new TokenIssuer(tokens);
    }

    public TableStorage Storage { get; }

    public ITenantRegistry Registry => Storage.Tenants;

    public ITenantStoreProvider Stores => Storage.Stores;

    public ITokenStore Tokens { get; }

    /// <summary>"keyvault" or "table": shown so an operator knows where the hashes went.</summary>
    public string TokenStoreKind { get; }

    public TokenIssuer Issuer { get; }

    /// <summary>Who acts, in the change log and the audit log: <c>scimctl:&lt;OS user&gt;</c>.</summary>
    public string Actor { get; } = "scimctl:" + Environment.UserName;

    /// <summary>One id per command run, on its change rows and audit records.</summary>
    public string RequestId { get; } = "scimctl-" + Guid.NewGuid().ToString("N");

    /// <summary>Who writes resources in this run (import, demo data).</summary>
    public WriteContext WriteContext => new(RequestId, Actor);

    /// <summary>Runs an operator action under the stamp's audit log (see <see cref="OperatorAuditLog"/>).</summary>
    public Task<T> AuditAsync<T>(TenantId tenant, string action, string? detail, Func<Task<T>> act, Func<T, string?>? describe, CancellationToken cancellationToken) =>
        Storage.Audit.RecordAsync(tenant, action, Actor, detail, RequestId, act, describe, cancellationToken);

    public static async Task<CliBackend> CreateAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var options = TableStoreOptions.FromSettings(key => NonEmpty(Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal))));
        var connectionString = parseResult.GetValue(GlobalOptions.ConnectionString);
        var tableEndpoint = parseResult.GetValue(GlobalOptions.TableEndpoint);
        if (connectionString is not null && tableEndpoint is not null)
        {
            throw new CliUsageException("Give either --connection-string or --table-endpoint, not both.");
        }

        if (connectionString is not null || tableEndpoint is not null)
        {
            options.ConnectionString = connectionString;
            options.TableEndpoint = tableEndpoint;
        }

        if (options.ConnectionString is null && options.TableEndpoint is null)
        {
            throw new CliUsageException(
                $"No storage given: pass --connection-string (Azurite or a storage account) or --table-endpoint (Azure, with your Azure sign-in), or set {GlobalOptions.ConnectionStringVariable}.");
        }

        if (options.ConnectionString is not null && options.TableEndpoint is not null)
        {
            throw new CliUsageException($"Both a connection string and a table endpoint are configured; pass one of --connection-string or --table-endpoint.");
        }

        var vaultUri = parseResult.GetValue(GlobalOptions.VaultUri)
            ?? (NonEmpty(Environment.GetEnvironmentVariable(GlobalOptions.VaultUriVariable)) is { } vault ? new Uri(vault) : null);
        TokenCredential? credential = options.TableEndpoint is not null || vaultUri is not null ? new DefaultAzureCredential() : null;

        var storage = await TableStorage.CreateAsync(options, credential, cancellationToken: cancellationToken);
        return vaultUri is not null
            ? new CliBackend(storage, KeyVaultTokenStore.Create(vaultUri, credential!), "keyvault")
            : new CliBackend(storage, TableTokenStore.Create(storage.ServiceClient, storage.Options.TokenTable), "table");
    }

    /// <summary>The tenant's registry row; 404 when it does not exist, so a typo never acts on nobody.</summary>
    public async Task<TenantRecord> RequireTenantAsync(TenantId tenant, CancellationToken cancellationToken) =>
        await Registry.GetAsync(tenant, cancellationToken) ?? throw ScimException.NotFound($"Tenant '{tenant.Value}' does not exist.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
