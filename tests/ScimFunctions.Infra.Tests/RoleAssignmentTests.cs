using System.Text.RegularExpressions;
using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed partial class RoleAssignmentTests
{
    private static readonly Dictionary<string, string> ExpectedRoleIds = new(StringComparer.Ordinal)
    {
        ["storageTableDataContributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["storageBlobDataOwner"] = "b7e6dc6d-f1e8-4753-8033-0f4d5e2dc2d4",
        ["keyVaultSecretsUser"] = "4633458b-17de-408a-b874-0445c86b69e6",
        ["keyVaultSecretsOfficer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
        ["monitoringMetricsPublisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        ["storageQueueDataMessageSender"] = "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a",
        ["storageQueueDataMessageProcessor"] = "8a0f0c08-91a1-4084-bc3d-661d67233fed",
    };

    private static ArmTemplate Template => CompiledStamp.Instance.Template;

    [Fact]
    public void Role_names_map_to_the_built_in_role_definition_ids()
    {
        var declared = Template.Variables["builtInRoleIds"]!.AsObject()
            .ToDictionary(role => role.Key, role => (string)role.Value!, StringComparer.Ordinal);

        Assert.Equal(ExpectedRoleIds.OrderBy(role => role.Key), declared.OrderBy(role => role.Key));
    }

    [Fact]
    public void No_other_role_definition_appears_anywhere_in_the_stamp()
    {
        var guids = Guid().Matches(Template.Root.ToJsonString()).Select(match => match.Value.ToLowerInvariant()).ToHashSet();

        Assert.Subset(ExpectedRoleIds.Values.ToHashSet(), guids);
    }

    [Fact]
    public void App_identity_gets_table_data_blob_owner_and_queue_message_roles_on_the_storage_account()
    {
        var storageRoles = ArmAssert.ModuleParameter(Template, "roleAssignments", "storageRoleAssignments");

        Assert.Equal(["storageBlobDataOwner", "storageQueueDataMessageProcessor", "storageQueueDataMessageSender", "storageTableDataContributor"], AppRoles(storageRoles));
    }

    [Fact]
    public void App_identity_reads_secrets_unless_it_is_allowed_to_manage_tokens()
    {
        var vaultRoles = ArmAssert.ModuleParameter(Template, "roleAssignments", "keyVaultRoleAssignments");

        Assert.Contains(
            "if(parameters('appManagesTokens'), variables('builtInRoleIds').keyVaultSecretsOfficer, variables('builtInRoleIds').keyVaultSecretsUser)",
            vaultRoles,
            StringComparison.Ordinal);
        Assert.False(Template.Parameters["appManagesTokens"]!["defaultValue"]!.GetValue<bool>(), "By default the app only reads secrets.");
    }

    [Fact]
    public void App_identity_publishes_telemetry_with_entra_authentication()
    {
        var monitoringRoles = ArmAssert.ModuleParameter(Template, "roleAssignments", "applicationInsightsRoleAssignments");

        Assert.Equal(["monitoringMetricsPublisher"], AppRoles(monitoringRoles));
    }

    [Fact]
    public void Operator_gets_secrets_officer_and_table_data_roles_only_when_a_principal_is_given()
    {
        var storage = ArmAssert.Text(Template.Variables["operatorStorageRoles"]);
        var vault = ArmAssert.Text(Template.Variables["operatorKeyVaultRoles"]);

        Assert.StartsWith("[if(empty(parameters('operatorPrincipalId')), createArray(), ", storage, StringComparison.Ordinal);
        Assert.StartsWith("[if(empty(parameters('operatorPrincipalId')), createArray(), ", vault, StringComparison.Ordinal);
        Assert.Equal(["storageTableDataContributor"], RoleNames(storage));
        Assert.Equal(["keyVaultSecretsOfficer"], RoleNames(vault));
        Assert.Equal("", (string?)Template.Parameters["operatorPrincipalId"]!["defaultValue"]);
        Assert.Contains("variables('operatorStorageRoles')", ArmAssert.ModuleParameter(Template, "roleAssignments", "storageRoleAssignments"), StringComparison.Ordinal);
        Assert.Contains("variables('operatorKeyVaultRoles')", ArmAssert.ModuleParameter(Template, "roleAssignments", "keyVaultRoleAssignments"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_assignment_is_scoped_to_one_resource_and_named_by_scope_principal_and_role()
    {
        var assignments = Template.OfType("Microsoft.Authorization/roleAssignments");

        Assert.Equal(4, assignments.Count); // stamp storage, Key Vault, Application Insights, each silo account
        Assert.All(assignments, assignment =>
        {
            var scope = (string)assignment.Body["scope"]!;
            Assert.StartsWith("[resourceId('Microsoft.", scope, StringComparison.Ordinal);
            var scopeExpression = scope[1..^1];
            Assert.StartsWith($"[guid({scopeExpression}, ", assignment.Name, StringComparison.Ordinal);
            Assert.Contains("[copyIndex()].principalId", assignment.Name, StringComparison.Ordinal);
            Assert.Contains("[copyIndex()].roleDefinitionId", assignment.Name, StringComparison.Ordinal);
            Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ", (string?)assignment.Property("roleDefinitionId"), StringComparison.Ordinal);
        });
    }

    /// <summary>Roles granted to the app's identity in a module-parameter expression, sorted.</summary>
    private static string[] AppRoles(string expression)
    {
        var appEntries = expression.Split("createObject(", StringSplitOptions.RemoveEmptyEntries)
            .Concat(expression.Split("{", StringSplitOptions.RemoveEmptyEntries))
            .Where(entry => entry.Contains("reference('functionApp').outputs.principalId", StringComparison.Ordinal));
        return appEntries.SelectMany(RoleNames).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    private static string[] RoleNames(string expression) =>
        RoleReference().Matches(expression).Select(match => match.Groups["role"].Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"variables\('builtInRoleIds'\)\.(?<role>\w+)")]
    private static partial Regex RoleReference();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
