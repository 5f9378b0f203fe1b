using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed class KeyVaultTests
{
    private static ArmResource Vault => CompiledStamp.Instance.Template.Single("Microsoft.KeyVault/vaults");

    [Fact]
    public void Access_is_authorized_by_azure_rbac_only()
    {
        ArmAssert.IsTrue(Vault.Property("enableRbacAuthorization"), "enableRbacAuthorization");
        Assert.Null(Vault.Property("accessPolicies"));
    }

    [Fact]
    public void Soft_delete_and_purge_protection_are_on()
    {
        ArmAssert.IsTrue(Vault.Property("enableSoftDelete"), "enableSoftDelete");
        ArmAssert.IsTrue(Vault.Property("enablePurgeProtection"), "enablePurgeProtection");
        ArmAssert.IsParameter("softDeleteRetentionInDays", Vault.Property("softDeleteRetentionInDays"), "softDeleteRetentionInDays");
    }

    [Fact]
    public void Template_deployments_and_vms_cannot_read_secrets()
    {
        ArmAssert.IsFalse(Vault.Property("enabledForTemplateDeployment"), "enabledForTemplateDeployment");
        ArmAssert.IsFalse(Vault.Property("enabledForDeployment"), "enabledForDeployment");
        ArmAssert.IsFalse(Vault.Property("enabledForDiskEncryption"), "enabledForDiskEncryption");
    }

    [Fact]
    public void Network_rules_are_parameters_of_the_stamp()
    {
        var template = CompiledStamp.Instance.Template;

        ArmAssert.IsParameter("publicNetworkAccess", Vault.Property("publicNetworkAccess"), "publicNetworkAccess");
        ArmAssert.IsParameter("networkDefaultAction", Vault.Property("networkAcls.defaultAction"), "networkAcls.defaultAction");
        Assert.Contains("parameters('keyVaultNetworkDefaultAction')", ArmAssert.ModuleParameter(template, "keyVault", "networkDefaultAction"), StringComparison.Ordinal);
        Assert.Contains("parameters('keyVaultPublicNetworkAccess')", ArmAssert.ModuleParameter(template, "keyVault", "publicNetworkAccess"), StringComparison.Ordinal);
        Assert.Contains("parameters('keyVaultIpRules')", ArmAssert.ModuleParameter(template, "keyVault", "ipRules"), StringComparison.Ordinal);
    }
}
