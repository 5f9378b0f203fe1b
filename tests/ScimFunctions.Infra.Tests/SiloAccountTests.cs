using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

/// <summary>
/// The optional silo storage accounts (parameter <c>siloAccounts</c>): the same secure defaults as the stamp account,
/// the app identity's table data role only, none deployed by default, names within Azure's limit, endpoints as outputs.
/// </summary>
public sealed class SiloAccountTests
{
    private static ArmTemplate Template => CompiledStamp.Instance.Template;

    private static ArmResource SiloAccount =>
        Assert.Single(Template.OfType("Microsoft.Storage/storageAccounts"), account => account.Module == "siloAccountModules");

    private static ArmResource StampAccount =>
        Assert.Single(Template.OfType("Microsoft.Storage/storageAccounts"), account => account.Module == "storage");

    [Fact]
    public void No_silo_account_is_deployed_by_default()
    {
        Assert.Equal("[]", Template.Parameters["siloAccounts"]!["defaultValue"]!.ToJsonString());
        Assert.Equal("[length(parameters('siloAccounts'))]", (string?)Template.Modules["siloAccountModules"]["copy"]?["count"]);
    }

    [Theory]
    [InlineData("allowSharedKeyAccess")]
    [InlineData("defaultToOAuthAuthentication")]
    [InlineData("allowBlobPublicAccess")]
    [InlineData("allowCrossTenantReplication")]
    [InlineData("supportsHttpsTrafficOnly")]
    [InlineData("minimumTlsVersion")]
    [InlineData("encryption.requireInfrastructureEncryption")]
    [InlineData("encryption.services.table.enabled")]
    public void A_silo_account_has_the_stamp_accounts_secure_defaults(string property)
    {
        var silo = SiloAccount.Property(property);
        var stamp = StampAccount.Property(property);

        Assert.NotNull(stamp);
        Assert.Equal(stamp.ToJsonString(), silo?.ToJsonString());
    }

    [Fact]
    public void Shared_key_access_is_off_on_a_silo_account() =>
        ArmAssert.IsFalse(SiloAccount.Property("allowSharedKeyAccess"), "silo allowSharedKeyAccess");

    [Fact]
    public void The_app_gets_the_table_data_role_on_a_silo_account_and_nothing_else()
    {
        var roles = ArmAssert.ModuleParameter(Template, "siloAccountModules", "roleAssignments");

        Assert.Contains("reference('functionApp').outputs.principalId", roles, StringComparison.Ordinal);
        Assert.DoesNotContain("storageBlobDataOwner", roles, StringComparison.Ordinal);
        Assert.DoesNotContain("storageQueue", roles, StringComparison.Ordinal);
        Assert.Contains("variables('builtInRoleIds').storageTableDataContributor", roles, StringComparison.Ordinal);
        Assert.Contains("if(empty(parameters('operatorPrincipalId')), createArray(), ", roles, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_account_is_named_from_its_label_within_24_characters()
    {
        var name = ArmAssert.ModuleParameter(Template, "siloAccountModules", "name");

        Assert.Equal(
            "[format('st{0}{1}', toLower(parameters('siloAccounts')[copyIndex()].label), uniqueString(resourceGroup().id, parameters('stampName'), parameters('siloAccounts')[copyIndex()].label))]",
            name);
        // "st" + a label of at most 9 characters + the 13 characters of uniqueString.
        Assert.Equal(9, Template.Root["definitions"]?["siloAccountType"]?["properties"]?["label"]?["maxLength"]?.GetValue<int>());
    }

    [Fact]
    public void The_stamp_outputs_each_silo_accounts_table_endpoint()
    {
        var output = Template.Outputs["siloAccountTableEndpoints"]!;

        Assert.Equal("[length(parameters('siloAccounts'))]", (string?)output["copy"]?["count"]);
        Assert.Equal("[reference(format('siloAccountModules[{0}]', copyIndex())).outputs.tableEndpoint.value]", (string?)output["copy"]?["input"]);
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("a", false)]
    [InlineData("toolongalabel", false)]
    public void A_parameter_file_with_silo_accounts_compiles_only_with_a_valid_label(string label, bool compiles)
    {
        var folder = Directory.CreateTempSubdirectory("scim-silo-params-");
        try
        {
            // Bicep accepts only a relative path to the template.
            var parameterFile = Path.Combine(folder.FullName, "silo.bicepparam");
            File.WriteAllText(parameterFile, $$"""
                using '{{Path.GetRelativePath(folder.FullName, RepositoryPaths.MainTemplate).Replace('\\', '/')}}'

                param stampName = 'test1'
                param siloAccounts = [
                  { label: '{{label}}', skuName: 'Standard_ZRS' }
                ]
                """);

            var (exitCode, output) = BicepCli.Run("build-params", parameterFile, "--outfile", Path.Combine(folder.FullName, "silo.json"));

            Assert.True((exitCode == 0) == compiles, $"exit {exitCode}: {output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
