using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed class FunctionAppTests
{
    private static ArmResource Site => CompiledStamp.Instance.Template.Single("Microsoft.Web/sites");

    [Fact]
    public void Plan_is_flex_consumption_on_linux()
    {
        var plan = CompiledStamp.Instance.Template.Single("Microsoft.Web/serverfarms");

        ArmAssert.IsLiteral("FC1", plan.Body["sku"]?["name"], "plan sku name");
        ArmAssert.IsLiteral("FlexConsumption", plan.Body["sku"]?["tier"], "plan sku tier");
        ArmAssert.IsTrue(plan.Property("reserved"), "plan reserved (Linux)");
    }

    [Fact]
    public void App_runs_dotnet_isolated_10()
    {
        ArmAssert.IsLiteral("functionapp,linux", Site.Body["kind"], "site kind");
        ArmAssert.IsLiteral("dotnet-isolated", Site.Property("functionAppConfig.runtime.name"), "runtime name");
        ArmAssert.IsLiteral("10.0", Site.Property("functionAppConfig.runtime.version"), "runtime version");
    }

    [Fact]
    public void Only_https_with_tls_1_2_and_no_ftp()
    {
        ArmAssert.IsTrue(Site.Property("httpsOnly"), "httpsOnly");
        ArmAssert.IsLiteral("1.2", Site.Property("siteConfig.minTlsVersion"), "minTlsVersion");
        ArmAssert.IsLiteral("1.2", Site.Property("siteConfig.scmMinTlsVersion"), "scmMinTlsVersion");
        ArmAssert.IsLiteral("Disabled", Site.Property("siteConfig.ftpsState"), "ftpsState");
    }

    [Fact]
    public void Basic_auth_publishing_is_disabled_for_ftp_and_scm()
    {
        var policies = CompiledStamp.Instance.Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(["ftp", "scm"], policies.Select(policy => policy.Name.Split('/', '\'').First(part => part is "ftp" or "scm")).Order());
        Assert.All(policies, policy => ArmAssert.IsFalse(policy.Property("allow"), $"{policy.Name} allow"));
    }

    [Fact]
    public void App_has_a_system_assigned_identity() => ArmAssert.IsLiteral("SystemAssigned", Site.Body["identity"]?["type"], "identity type");

    [Fact]
    public void Deployment_package_is_read_with_the_managed_identity()
    {
        ArmAssert.IsLiteral("blobContainer", Site.Property("functionAppConfig.deployment.storage.type"), "deployment storage type");
        ArmAssert.IsLiteral("SystemAssignedIdentity", Site.Property("functionAppConfig.deployment.storage.authentication.type"), "deployment storage authentication");
        Assert.Null(Site.Property("functionAppConfig.deployment.storage.authentication.storageAccountConnectionStringName"));
        Assert.Contains("outputs.deploymentContainerUrl", ArmAssert.ModuleParameter(CompiledStamp.Instance.Template, "functionApp", "deploymentContainerUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_and_instance_limits_are_parameters()
    {
        ArmAssert.IsParameter("instanceMemoryMB", Site.Property("functionAppConfig.scaleAndConcurrency.instanceMemoryMB"), "instanceMemoryMB");
        ArmAssert.IsParameter("maximumInstanceCount", Site.Property("functionAppConfig.scaleAndConcurrency.maximumInstanceCount"), "maximumInstanceCount");
    }

    [Fact]
    public void Always_ready_instances_and_http_concurrency_are_optional_parameters()
    {
        var alwaysReady = ArmAssert.Text(Site.Property("functionAppConfig.scaleAndConcurrency.alwaysReady"));
        var triggers = ArmAssert.Text(Site.Property("functionAppConfig.scaleAndConcurrency.triggers"));
        var main = CompiledStamp.Instance.Template.Parameters;

        Assert.Contains("parameters('alwaysReadyInstanceCount')", alwaysReady, StringComparison.Ordinal);
        Assert.Contains("'http'", alwaysReady, StringComparison.Ordinal);
        Assert.Contains("'perInstanceConcurrency', parameters('httpPerInstanceConcurrency')", triggers, StringComparison.Ordinal);
        Assert.Equal(0, main["alwaysReadyInstanceCount"]!["defaultValue"]!.GetValue<int>());
        Assert.True(main["httpPerInstanceConcurrency"]!["nullable"]?.GetValue<bool>() ?? false, "httpPerInstanceConcurrency must be optional (nullable).");
    }
}
