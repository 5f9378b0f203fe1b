using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed class StorageAccountTests
{
    /// <summary>The stamp's own account (module "storage"); silo accounts are checked in <see cref="SiloAccountTests"/>.</summary>
    private static ArmResource Account =>
        Assert.Single(CompiledStamp.Instance.Template.OfType("Microsoft.Storage/storageAccounts"), account => account.Module == "storage");

    [Fact]
    public void Shared_key_access_is_disabled() => ArmAssert.IsFalse(Account.Property("allowSharedKeyAccess"), "allowSharedKeyAccess");

    [Fact]
    public void Entra_authentication_is_the_default_in_the_portal() => ArmAssert.IsTrue(Account.Property("defaultToOAuthAuthentication"), "defaultToOAuthAuthentication");

    [Fact]
    public void Only_https_traffic_is_accepted() => ArmAssert.IsTrue(Account.Property("supportsHttpsTrafficOnly"), "supportsHttpsTrafficOnly");

    [Fact]
    public void Minimum_tls_version_is_1_2() => ArmAssert.IsLiteral("TLS1_2", Account.Property("minimumTlsVersion"), "minimumTlsVersion");

    [Fact]
    public void Blobs_are_never_public() => ArmAssert.IsFalse(Account.Property("allowBlobPublicAccess"), "allowBlobPublicAccess");

    [Fact]
    public void Deployment_package_container_is_private()
    {
        var container = CompiledStamp.Instance.Template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        ArmAssert.IsLiteral("None", container.Property("publicAccess"), "deployment container publicAccess");
    }

    [Fact]
    public void The_scim_and_tenants_tables_are_created_by_default()
    {
        var template = CompiledStamp.Instance.Template;
        var tables = template.Single("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Equal("scim", (string?)template.Parameters["resourceTableName"]!["defaultValue"]);
        Assert.Equal("tenants", (string?)template.Parameters["tenantTableName"]!["defaultValue"]);
        Assert.Equal("[length(parameters('tableNames'))]", (string?)tables.Body["copy"]?["count"]);
        Assert.Equal(
            """["[parameters('resourceTableName')]","[parameters('tenantTableName')]"]""",
            ArmAssert.ModuleParameter(template, "storage", "tableNames"));
    }
}
