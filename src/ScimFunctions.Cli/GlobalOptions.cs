using ScimFunctions.Cli.Commands;
using ScimFunctions.Http;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage;

namespace ScimFunctions.Cli;

/// <summary>Options every command accepts (recursive on the root command).</summary>
internal static class GlobalOptions
{
    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON to standard output instead of tables.",
        Recursive = true,
    };

    public static Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = $"Storage connection string, e.g. Azurite's (default: ${ScimSettings.AppSettingName(TableStoreOptions.ConnectionStringSetting)}).",
        Recursive = true,
    };

    public static Option<Uri?> TableEndpoint { get; } = new("--table-endpoint")
    {
        Description = $"Table service endpoint in Azure, used with DefaultAzureCredential (default: ${ScimSettings.AppSettingName(TableStoreOptions.TableEndpointSetting)}).",
        Recursive = true,
        CustomParser = CliArguments.ParseAbsoluteUri,
    };

    public static Option<Uri?> VaultUri { get; } = new("--vault-uri")
    {
        Description = $"Key Vault holding token hashes; without it tokens live in the 'tokens' table (default: ${ScimSettings.AppSettingName(KeyVaultOptions.VaultUriSetting)}).",
        Recursive = true,
        CustomParser = CliArguments.ParseAbsoluteUri,
    };

    public static IReadOnlyList<Option> All { get; } = [Json, ConnectionString, TableEndpoint, VaultUri];
}
