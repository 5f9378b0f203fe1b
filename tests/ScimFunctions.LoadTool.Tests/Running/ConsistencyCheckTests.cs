using ScimFunctions.LoadTool.Running;

namespace ScimFunctions.LoadTool.Tests.Running;

public class ConsistencyCheckTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071/scim/v2/demo", "demo")]
    [InlineData("https://scim.example.com/scim/v2/acme-1/", "acme-1")]
    [InlineData("https://scim.example.com/scim/v2/acme-1/Users", "acme-1")]
    public void The_tenant_is_the_segment_after_v2(string url, string tenant) =>
        Assert.Equal(tenant, ConsistencyCheck.TenantOf(new Uri(url)));

    [Theory]
    [InlineData("https://scim.example.com/scim/v2/")]
    [InlineData("https://scim.example.com/scim/v2/Bad_Tenant")]
    [InlineData("https://scim.example.com/other")]
    public void Urls_without_a_valid_tenant_give_none(string url) =>
        Assert.Null(ConsistencyCheck.TenantOf(new Uri(url)));
}
