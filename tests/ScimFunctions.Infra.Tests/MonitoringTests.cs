using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

public sealed class MonitoringTests
{
    [Fact]
    public void Log_analytics_refuses_key_based_ingestion_and_queries()
    {
        var workspace = CompiledStamp.Instance.Template.Single("Microsoft.OperationalInsights/workspaces");

        ArmAssert.IsTrue(workspace.Property("features.disableLocalAuth"), "features.disableLocalAuth");
    }

    [Fact]
    public void Application_insights_refuses_instrumentation_key_ingestion()
    {
        var component = CompiledStamp.Instance.Template.Single("Microsoft.Insights/components");

        ArmAssert.IsTrue(component.Property("DisableLocalAuth"), "DisableLocalAuth");
    }

    [Fact]
    public void Application_insights_stores_its_data_in_the_workspace()
    {
        var component = CompiledStamp.Instance.Template.Single("Microsoft.Insights/components");

        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)component.Property("WorkspaceResourceId") ?? "", StringComparison.Ordinal);
        ArmAssert.IsLiteral("LogAnalytics", component.Property("IngestionMode"), "IngestionMode");
    }
}
