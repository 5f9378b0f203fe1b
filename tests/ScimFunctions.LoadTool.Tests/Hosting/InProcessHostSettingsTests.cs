using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using ScimFunctions.LoadTool.Hosting;
using ScimFunctions.Testing;

namespace ScimFunctions.LoadTool.Tests.Hosting;

/// <summary>The in-process host reads the storage settings as the deployed hosts do: tables named in the settings are the ones used.</summary>
public sealed class InProcessHostSettingsTests
{
    [Fact]
    public async Task The_tables_named_in_the_settings_hold_the_tenant_its_tokens_and_its_resources()
    {
        var connectionString = await SharedAzurite.GetConnectionStringAsync();
        var tables = new Dictionary<string, string?>
        {
            ["Scim:Storage:ResourceTable"] = TestNames.TableName("res"),
            ["Scim:Storage:TenantTable"] = TestNames.TableName("ten"),
            ["Scim:Storage:TokenTable"] = TestNames.TableName("tok"),
        };
        await using var host = await InProcessScimHost.StartAsync(connectionString, tables);

        var (baseUrl, token) = await host.CreateTenantAsync(TestNames.TenantId());
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + "/Users"))
        {
            Content = new StringContent("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"settings.test"}""", new MediaTypeHeaderValue("application/scim+json")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var service = new TableServiceClient(connectionString);
        foreach (var table in tables.Values)
        {
            Assert.NotEmpty(await service.GetTableClient(table).QueryAsync<TableEntity>(maxPerPage: 10).ToListAsync());
        }
    }
}
