using System.Security.Cryptography;

namespace ScimFunctions.Testing;

/// <summary>Fresh random names so that tests sharing one storage account never see each other's data.</summary>
public static class TestNames
{
    /// <summary>A valid, random tenant id such as <c>t-3f9a0c1d2e4b</c>.</summary>
    public static string TenantId(string prefix = "t") => $"{prefix}-{RandomHex(12)}";

    /// <summary>A valid, random table name (letters and digits, starting with a letter).</summary>
    public static string TableName(string prefix = "t") => prefix + RandomHex(16);

    private static string RandomHex(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];
}
