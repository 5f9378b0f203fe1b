using System.Security.Cryptography;
using System.Text;

namespace ScimFunctions.Testing;

/// <summary>The settings a host under test starts with.</summary>
public static class HostSettings
{
    /// <summary>
    /// This storage account with fresh tables (new names on every call, so two calls are two stamps), no Key Vault
    /// (the table token store), no public base URL, and the hash of <paramref name="operatorKey"/> as the operator key.
    /// </summary>
    public static Dictionary<string, string?> Fresh(string connectionString, string operatorKey) => new()
    {
        ["Scim:Storage:ConnectionString"] = connectionString,
        ["Scim:Storage:TableEndpoint"] = string.Empty,
        ["Scim:Storage:ResourceTable"] = TestNames.TableName("res"),
        ["Scim:Storage:TenantTable"] = TestNames.TableName("ten"),
        ["Scim:Storage:TokenTable"] = TestNames.TableName("tok"),
        ["Scim:KeyVault:Uri"] = string.Empty,
        ["Scim:PublicBaseUrl"] = string.Empty,
        ["Scim:Admin:KeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operatorKey))),
    };
}
