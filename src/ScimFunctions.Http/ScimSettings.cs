using Microsoft.Extensions.Configuration;
using ScimFunctions.KeyVault;
using ScimFunctions.Storage;

namespace ScimFunctions.Http;

/// <summary>Where a deployed region stamp (infra/) gets a setting from.</summary>
public enum SettingInStamp
{
    /// <summary>The stamp sets it on the Function App (its value comes from the resources the stamp creates).</summary>
    Set,

    /// <summary>Optional; the stamp leaves it at its default.</summary>
    Default,

    /// <summary>Never set in Azure (a storage connection string: shared-key access is off there).</summary>
    Never,
}

/// <summary>One setting the hosts read: its configuration key and how the stamp provides it.</summary>
public sealed record ScimSetting(string Key, SettingInStamp InStamp, bool IsList = false)
{
    /// <summary>Whether <paramref name="configurationKey"/> is this setting (or, for a list, one of its items <c>Key:n</c>).</summary>
    public bool Names(string configurationKey) =>
        string.Equals(configurationKey, Key, StringComparison.OrdinalIgnoreCase)
        || (IsList && configurationKey.StartsWith(Key + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(configurationKey.AsSpan(Key.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _));

    /// <summary>The app-setting / environment-variable name (<c>__</c> for <c>:</c>), e.g. <c>Scim__Storage__TableEndpoint</c>.</summary>
    public string AppSettingName => ScimSettings.AppSettingName(Key);
}

/// <summary>
/// Every <c>Scim:…</c> setting the hosts read, as its owner declares it (<see cref="TableStoreOptions.Settings"/>,
/// <see cref="KeyVaultOptions.Settings"/>, <see cref="ScimHttpOptions.Settings"/>, <see cref="Events.EventOptions.Settings"/>), with where a stamp gets it — the one list that startup checks the configuration against (an unknown
/// <c>Scim:</c> setting, e.g. a misspelt one, stops startup naming it) and that the infrastructure tests check the
/// stamp's app settings against. docs/http.md describes each.
/// </summary>
public static class ScimSettings
{
    public const string Section = "Scim";

    public static IReadOnlyList<ScimSetting> All { get; } =
    [
        new(TableStoreOptions.ConnectionStringSetting, SettingInStamp.Never),
        new(TableStoreOptions.TableEndpointSetting, SettingInStamp.Set),
        new(TableStoreOptions.ResourceTableSetting, SettingInStamp.Set),
        new(TableStoreOptions.TenantTableSetting, SettingInStamp.Set),
        new(TableStoreOptions.TokenTableSetting, SettingInStamp.Default),
        new(TableStoreOptions.MoveFenceSettleSecondsSetting, SettingInStamp.Default),
        new(TableStoreOptions.MoveSourceRetentionMinutesSetting, SettingInStamp.Default),
        new(KeyVaultOptions.VaultUriSetting, SettingInStamp.Set),
        new(KeyVaultOptions.ManagedIdentityClientIdSetting, SettingInStamp.Default),
        new(ScimHttpOptions.AdminKeySha256Key, SettingInStamp.Set),
        new(ScimHttpOptions.PublicBaseUrlKey, SettingInStamp.Default),
        new(ScimHttpOptions.TrustForwardedHeadersKey, SettingInStamp.Default),
        new(ScimHttpOptions.TenantCacheSecondsKey, SettingInStamp.Default),
        new(ScimHttpOptions.TokenCacheSecondsKey, SettingInStamp.Default),
        new(ScimHttpOptions.OtlpEndpointKey, SettingInStamp.Default),
        new(ScimHttpOptions.TokenMissRefreshSecondsKey, SettingInStamp.Default),
        new(ScimHttpOptions.UnknownTenantCacheSecondsKey, SettingInStamp.Default),
        new(ScimHttpOptions.StorageRequestsPerRequestKey, SettingInStamp.Default),
        new(ScimHttpOptions.RequestSecondsKey, SettingInStamp.Default),
        new(ScimHttpOptions.UnknownTenantLookupsPerSecondKey, SettingInStamp.Default),
        new(ScimHttpOptions.UnknownTenantLookupsPerAddressKey, SettingInStamp.Default),
        new(Events.EventOptions.QueueEndpointKey, SettingInStamp.Set),
        new(Events.EventOptions.QueueNameKey, SettingInStamp.Default),

        // A list (Scim:Storage:SiloAccounts:0, :1, …) of connection strings: never in Azure, where the identity is used.
        new(TableStoreOptions.SiloAccountsSetting, SettingInStamp.Never, IsList: true),
    ];

    /// <summary>
    /// Reads one layer's options (<see cref="TableStoreOptions.FromConfiguration"/>, <see cref="KeyVaultOptions.FromConfiguration"/>):
    /// a malformed setting stops the host with <see cref="ScimConfigurationException"/>, whose message names it.
    /// </summary>
    public static T Read<T>(Func<IConfiguration, T> bind, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(bind);
        try
        {
            return bind(configuration);
        }
        catch (InvalidOperationException error) when (error is not ScimConfigurationException)
        {
            throw new ScimConfigurationException(error.Message, error);
        }
    }

    /// <summary>The app-setting / environment-variable name of a configuration key (<c>__</c> for <c>:</c>), e.g. <c>Scim__Storage__TableEndpoint</c>.</summary>
    public static string AppSettingName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal);
    }

    /// <summary>Throws, naming the setting, when the configuration holds a <c>Scim:</c> setting that no code reads.</summary>
    public static void RejectUnknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var unknown = configuration.GetSection(Section).AsEnumerable()
            .Where(pair => pair.Value is not null && !All.Any(setting => setting.Names(pair.Key)))
            .Select(pair => pair.Key)
            .Order(StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();
        if (unknown is not null)
        {
            throw new ScimConfigurationException(
                $"Unknown setting '{unknown}' (app setting or variable {AppSettingName(unknown)}): " +
                $"no code reads it; check the spelling. The settings are: {string.Join(", ", All.Select(s => s.Key))}.");
        }
    }
}
