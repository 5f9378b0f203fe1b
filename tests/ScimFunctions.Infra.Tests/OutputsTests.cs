using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed class OutputsTests
{
    [Theory]
    [InlineData("scimBaseUrlPattern")]
    [InlineData("functionAppName")]
    [InlineData("keyVaultUri")]
    [InlineData("tableEndpoint")]
    [InlineData("principalId")]
    public void Stamp_outputs_what_operators_and_scimctl_need(string output)
    {
        Assert.True(CompiledStamp.Instance.Template.Outputs.ContainsKey(output), $"main.bicep has no output '{output}'.");
    }

    [Fact]
    public void Scim_base_url_is_the_https_endpoint_followed_by_the_tenant_route()
    {
        var template = CompiledStamp.Instance.Template;
        var pattern = ArmAssert.Text(template.Outputs["scimBaseUrlPattern"]!["value"]);
        var endpoint = ArmAssert.Text(template.Modules["functionApp"]["properties"]!["template"]!["outputs"]!["endpoint"]!["value"]);

        Assert.Equal("[format('{0}/scim/v2/{{tenantId}}', reference('functionApp').outputs.endpoint.value)]", pattern);
        Assert.Equal("[format('https://{0}', reference('site').defaultHostName)]", endpoint);
    }

    [Fact]
    public void Principal_id_is_the_apps_system_assigned_identity()
    {
        var template = CompiledStamp.Instance.Template;
        var principal = ArmAssert.Text(template.Modules["functionApp"]["properties"]!["template"]!["outputs"]!["principalId"]!["value"]);

        Assert.Equal("[reference('functionApp').outputs.principalId.value]", ArmAssert.Text(template.Outputs["principalId"]!["value"]));
        Assert.Equal("[reference('site', '2025-03-01', 'full').identity.principalId]", principal);
    }
}
