using ScimFunctions.KeyVault;
using ScimFunctions.Storage;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>Each setting is declared once, by the layer that reads it; the hosts' list of known settings is exactly theirs.</summary>
public sealed class SettingsDeclarationTests
{
    [Fact]
    public void The_known_settings_are_those_the_storage_key_vault_http_and_event_options_declare()
    {
        var declared = TableStoreOptions.Settings.Concat(KeyVaultOptions.Settings).Concat(ScimHttpOptions.Settings).Concat(ScimFunctions.Http.Events.EventOptions.Settings).ToList();

        Assert.Equal(declared.Count, declared.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(declared.Order(StringComparer.OrdinalIgnoreCase), ScimSettings.All.Select(s => s.Key).Order(StringComparer.OrdinalIgnoreCase));
    }
}
