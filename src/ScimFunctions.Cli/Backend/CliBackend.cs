using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScimFunctions.Core.Errors;
using ScimFunctions.Http;
using ScimFunctions.Http.Events;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage;
using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tenants;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Cli.Backend;

/// <summary>
/// The stamp the CLI operates on, composed by the storage layer's composition (<see cref="ScimStorageServiceCollectionExtensions.AddScimStorage"/>)
/// from the same settings the hosts read (<see cref="TableStoreOptions.FromConfiguration"/>, <see cref="KeyVaultOptions.FromConfiguration"/>),
/// here from environment variables (<c>Scim__Storage__ConnectionString</c>, <c>Scim__Storage__TokenTable</c>, <c>Scim__KeyVault__Uri</c>, …).
/// Options win over them: <c>--connection-string</c> (Azurite, or a key-based account) or <c>--table-endpoint</c> with
/// <see cref="DefaultAzureCredential"/>; <c>--vault-uri</c> for tokens in Key Vault (same credential), else the table token store.
/// </summary>
internal sealed class CliBackend(IServiceProvider services, string tokenStoreKind)
{
    public TableStorage Storage { get; } = services.GetRequiredService<TableStorage>();

    public ITenantRegistry Registry => Storage.Tenants;

    public ITenantStoreProvider Stores => Storage.Stores;

    public ITokenStore Tokens { get; } = services.GetRequiredService<ITokenStore>();

    /// <summary>"keyvault" or "table": shown so an operator knows where the hashes went.</summary>
    public string TokenStoreKind { get; } = tokenStoreKind;

    public TokenIssuer Issuer { get; } = services.GetRequiredService<TokenIssuer>();

    /// <summary>The operator's use cases (tenant and token changes, audited), as the operator API runs them.</summary>
    public TenantAdministration Administration { get; } = services.GetRequiredService<TenantAdministration>();

    /// <summary>The webhook use cases (add, remove, rotate, replay audited), as the operator API runs them.</summary>
    public WebhookAdministration Webhooks { get; } = services.GetRequiredService<WebhookAdministration>();

    /// <summary>Who acts, in the change log and the audit log: <c>scimctl:&lt;OS user&gt;</c>.</summary>
    public string Actor { get; } = "scimctl:" + Environment.UserName;

    /// <summary>One id per command run, on its change rows and audit records.</summary>
    public string RequestId { get; } = "scimctl-" + Guid.NewGuid().ToString("N");

    /// <summary>This run as the audit log records it (<see cref="Actor"/>, <see cref="RequestId"/>).</summary>
    public OperatorCall Call => new(Actor, RequestId);

    /// <summary>Who writes resources in this run (import, demo data).</summary>
    public WriteContext WriteContext => new(RequestId, Actor);

    public static async Task<CliBackend> CreateAsync(ParseResult parseResult, IConfiguration settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var options = TableStoreOptions.FromConfiguration(settings);
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
                $"No storage given: pass --connection-string (Azurite or a storage account) or --table-endpoint (Azure, with your Azure sign-in), or set {ScimSettings.AppSettingName(TableStoreOptions.ConnectionStringSetting)}.");
        }

        if (options.ConnectionString is not null && options.TableEndpoint is not null)
        {
            throw new CliUsageException($"Both a connection string and a table endpoint are configured; pass one of --connection-string or --table-endpoint.");
        }

        var vault = KeyVaultOptions.FromConfiguration(settings);
        if (parseResult.GetValue(GlobalOptions.VaultUri) is { } vaultUri)
        {
            vault = vault with { VaultUri = vaultUri };
        }

        TokenCredential? credential = options.TableEndpoint is not null || vault.VaultUri is not null ? new DefaultAzureCredential() : null;
        var collection = new ServiceCollection().AddScimStorage(options, credential, vault.TokenStore(credential));
        collection.AddLogging();
        collection.AddSingleton(ScimHttpOptions.FromConfiguration(settings));
        // The URL rules of a host in the same environment (DOTNET_ENVIRONMENT=Development: http to loopback allowed).
        collection.AddSingleton(new WebhookUrls(string.Equals(settings["DOTNET_ENVIRONMENT"], "Development", StringComparison.OrdinalIgnoreCase)));
        EventsComposition.Add(collection, settings, options, vault);
        var services = collection.BuildServiceProvider();
        var backend = new CliBackend(services, vault.VaultUri is null ? "table" : "keyvault");
        await backend.Storage.EnsureTablesAsync(cancellationToken);
        return backend;
    }

    /// <summary>The tenant's registry row; 404 when it does not exist, so a typo never acts on nobody.</summary>
    public async Task<TenantRecord> RequireTenantAsync(TenantId tenant, CancellationToken cancellationToken) =>
        await Registry.GetAsync(tenant, cancellationToken) ?? throw ScimException.NotFound($"Tenant '{tenant.Value}' does not exist.");
}
