namespace ScimFunctions.Infra.Tests.Support;

/// <summary>The Function App's app settings in the compiled stamp: name → value or ARM expression.</summary>
internal static class StampAppSettings
{
    public static Dictionary<string, string> Read()
    {
        var site = CompiledStamp.Instance.Template.Single("Microsoft.Web/sites");
        var settings = site.Property("siteConfig.appSettings")?.AsArray() ?? [];
        Assert.NotEmpty(settings);
        return settings.ToDictionary(setting => (string)setting!["name"]!, setting => ArmAssert.Text(setting!["value"]), StringComparer.OrdinalIgnoreCase);
    }
}
