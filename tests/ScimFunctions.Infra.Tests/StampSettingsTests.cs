using System.Reflection;
using System.Runtime.Versioning;
using ScimFunctions.Http;
using ScimFunctions.Infra.Tests.Support;

namespace ScimFunctions.Infra.Tests;

/// <summary>
/// The stamp configures the Function App the way the package needs: the settings the code reads
/// (<see cref="ScimSettings.All"/>, the list startup checks the configuration against) and the .NET isolated runtime
/// the app is compiled for.
/// </summary>
public sealed class StampSettingsTests
{
    [Fact]
    public void Every_setting_the_stamp_must_provide_is_set()
    {
        var settings = StampAppSettings.Read();

        var missing = ScimSettings.All.Where(s => s.InStamp == SettingInStamp.Set && !settings.ContainsKey(s.AppSettingName)).Select(s => s.AppSettingName);

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_Scim_setting_of_the_stamp_is_one_the_code_reads()
    {
        var known = ScimSettings.All.Select(s => s.AppSettingName).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unknown = StampAppSettings.Read().Keys.Where(name => name.StartsWith(ScimSettings.Section + "__", StringComparison.OrdinalIgnoreCase) && !known.Contains(name));

        Assert.Empty(unknown); // startup would stop on it
    }

    [Fact]
    public void No_setting_that_must_stay_out_of_azure_is_set()
    {
        var settings = StampAppSettings.Read();

        Assert.All(ScimSettings.All.Where(s => s.InStamp == SettingInStamp.Never), s => Assert.False(settings.ContainsKey(s.AppSettingName), $"{s.AppSettingName} must not be set in Azure."));
    }

    [Fact]
    public void The_runtime_is_dotnet_isolated_at_the_version_the_code_targets()
    {
        var site = CompiledStamp.Instance.Template.Single("Microsoft.Web/sites");
        var framework = typeof(ScimSettings).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName; // ".NETCoreApp,Version=v10.0"
        var version = new FrameworkName(framework).Version;

        ArmAssert.IsLiteral("dotnet-isolated", site.Property("functionAppConfig.runtime.name"), "runtime name");
        ArmAssert.IsLiteral($"{version.Major}.{version.Minor}", site.Property("functionAppConfig.runtime.version"), "runtime version");
    }
}
