using System.Security.Cryptography;

namespace ScimFunctions.Storage.Tenants;

/// <summary>
/// The rules for where a silo tenant's rows may live, checked when the tenant is created: an Azure table name
/// (3–63 letters and digits, starting with a letter), never one of the stamp's own tables
/// (<see cref="TableStoreOptions.StampTables"/>), and never a table another tenant uses. The last rule is kept by the
/// registry itself: a claim row per table (keyed by account and lower-cased name, as Azure compares names
/// case-insensitively) is inserted in the same transaction as the tenant's row, so two creates cannot both get it.
/// </summary>
internal static class SiloTables
{
    /// <summary>Checks the tenant's placement; a 400 naming the rule that is broken.</summary>
    public static void Validate(TenantRecord tenant, TableStoreOptions options)
    {
        if (tenant.Isolation == TenantIsolation.Pool)
        {
            if (tenant.TableName is not null || tenant.StorageEndpoint is not null)
            {
                throw ScimException.InvalidValue("A pool tenant lives in the stamp's pool table: give no 'tableName' or 'storageEndpoint', or choose a silo isolation.");
            }

            return;
        }

        var name = tenant.TableName;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ScimException.InvalidValue("A silo tenant needs 'tableName': 3-63 letters and digits, starting with a letter.");
        }

        if (!IsValidName(name))
        {
            throw ScimException.InvalidValue($"'{Printable(name)}' is not a valid table name: 3-63 letters and digits, starting with a letter.");
        }

        if (options.StampTables.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw ScimException.InvalidValue($"'{name}' is one of the stamp's own tables; choose another table name.");
        }

        if (tenant.Isolation == TenantIsolation.SiloAccount)
        {
            if (tenant.StorageEndpoint is not { IsAbsoluteUri: true } endpoint || endpoint.Scheme is not ("https" or "http"))
            {
                throw ScimException.InvalidValue("A tenant in its own storage account needs 'storageEndpoint': the account's absolute table endpoint URL.");
            }
        }
        else if (tenant.StorageEndpoint is not null)
        {
            throw ScimException.InvalidValue("'storageEndpoint' is only for SiloAccount tenants.");
        }
    }

    /// <summary>Azure's rule for table names: <c>^[A-Za-z][A-Za-z0-9]{2,62}$</c>.</summary>
    public static bool IsValidName(string name) =>
        name.Length is >= 3 and <= 63 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// The registry row key claiming a table: one per account and table name, whatever the case. The account is
    /// named by a hash of its normalized endpoint (an endpoint holds characters a row key may not).
    /// </summary>
    public static string ClaimRowKey(Uri accountEndpoint, string tableName)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(TableStorage.AccountName(accountEndpoint))))[..16];
        return TenantEntities.ClaimPrefix + hash + "~" + tableName.ToLowerInvariant();
    }

    // A name that failed validation is echoed only when it is short and printable (it is operator input, not user data).
    private static string Printable(string name) => name.Length <= 63 && name.All(c => c is >= ' ' and <= '~') ? name : "the given name";
}
