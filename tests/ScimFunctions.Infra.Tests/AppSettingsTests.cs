using System.Text.RegularExpressions;
using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed partial class AppSettingsTests
{
    private static Dictionary<string, string> Settings => StampAppSettings.Read();

    [Fact]
    public void Host_storage_is_reached_through_the_managed_identity()
    {
        Assert.Equal("[parameters('storageAccountName')]", Settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", Settings["AzureWebJobsStorage__credential"]);
        Assert.False(Settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage (a connection string) must not be set.");
    }

    [Fact]
    public void App_reads_the_table_endpoint_and_vault_uri_the_stamp_created()
    {
        var template = CompiledStamp.Instance.Template;

        Assert.Equal("[parameters('tableEndpoint')]", Settings["Scim__Storage__TableEndpoint"]);
        Assert.Equal("[parameters('keyVaultUri')]", Settings["Scim__KeyVault__Uri"]);
        Assert.Equal("[reference('storage').outputs.tableEndpoint.value]", ArmAssert.ModuleParameter(template, "functionApp", "tableEndpoint"));
        Assert.Equal("[reference('keyVault').outputs.uri.value]", ArmAssert.ModuleParameter(template, "functionApp", "keyVaultUri"));
    }

    [Fact]
    public void Event_wake_ups_use_the_stamps_queue_through_the_managed_identity_only()
    {
        var template = CompiledStamp.Instance.Template;

        Assert.Equal("[parameters('queueEndpoint')]", Settings["Scim__Events__QueueEndpoint"]);
        Assert.Equal("[parameters('queueEndpoint')]", Settings["ScimEvents__queueServiceUri"]);
        Assert.Equal("managedidentity", Settings["ScimEvents__credential"]);
        Assert.False(Settings.ContainsKey("ScimEvents"), "ScimEvents (a connection string) must not be set.");
        Assert.Equal("[reference('storage').outputs.queueEndpoint.value]", ArmAssert.ModuleParameter(template, "functionApp", "queueEndpoint"));
    }

    [Fact]
    public void App_uses_the_tables_the_stamp_created()
    {
        var template = CompiledStamp.Instance.Template;

        Assert.Equal("[parameters('resourceTableName')]", Settings["Scim__Storage__ResourceTable"]);
        Assert.Equal("[parameters('tenantTableName')]", Settings["Scim__Storage__TenantTable"]);
        Assert.Equal("[parameters('resourceTableName')]", ArmAssert.ModuleParameter(template, "functionApp", "resourceTableName"));
        Assert.Equal("[parameters('tenantTableName')]", ArmAssert.ModuleParameter(template, "functionApp", "tenantTableName"));
    }

    [Fact]
    public void Operator_api_is_off_unless_the_hash_of_an_operator_key_is_given()
    {
        Assert.Equal("[parameters('adminKeySha256')]", Settings["Scim__Admin__KeySha256"]);
        Assert.Equal("", (string?)CompiledStamp.Instance.Template.Parameters["adminKeySha256"]!["defaultValue"]);
    }

    [Fact]
    public void Telemetry_is_sent_with_entra_authentication()
    {
        Assert.Equal("Authorization=AAD", Settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("[reference('applicationInsights').ConnectionString]", Settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void No_setting_carries_a_key_password_or_storage_connection_string()
    {
        var offending = Settings
            .Where(setting => SecretLikeName().IsMatch(setting.Key) && setting.Key != "APPLICATIONINSIGHTS_CONNECTION_STRING"
                || SecretLikeValue().IsMatch(setting.Value))
            .Select(setting => $"{setting.Key} = {setting.Value}")
            .ToArray();

        Assert.Empty(offending);
    }

    [Fact]
    public void Settings_that_flex_consumption_rejects_are_absent()
    {
        string[] rejected =
        [
            "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "WEBSITE_NODE_DEFAULT_VERSION", "SCM_DO_BUILD_DURING_DEPLOYMENT",
        ];

        var settings = Settings;
        Assert.All(rejected, name => Assert.False(settings.ContainsKey(name), $"{name} is rejected by Flex Consumption."));
    }

    [GeneratedRegex("(connectionstring|password|secret|accountkey|sas)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();

    [GeneratedRegex(@"(list\w*\(|AccountKey=|SharedAccessSignature|SharedAccessKey|[?&]sig=|Password=|@Microsoft\.KeyVault)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeValue();
}
