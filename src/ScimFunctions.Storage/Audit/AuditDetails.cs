using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Storage.Audit;

/// <summary>
/// The <see cref="AuditRecord.Detail"/> of each action, the same whichever tool acted (operator API or scimctl):
/// what changed, never a token, a hash or another secret.
/// </summary>
public static class AuditDetails
{
    // Named floating-point literals: an attempt with a NaN or infinite value is recorded as it was asked (then refused).
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() }, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>A new tenant: where its rows live.</summary>
    public static string Created(TenantRecord tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.TableName is { } table ? $"isolation={tenant.Isolation} table={table}" : $"isolation={tenant.Isolation}";
    }

    /// <summary>A tenant update: the setting the action changes, as it is afterwards; null for suspend/resume.</summary>
    public static string? Updated(string action, TenantRecord tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return action switch
        {
            AuditActions.TenantPolicy => "policy=" + JsonSerializer.Serialize(tenant.Policy, s_json),
            AuditActions.TenantCompatibility => "compatibility=" + JsonSerializer.Serialize(tenant.Compatibility, s_json),
            AuditActions.TenantSchemas => "schemas=" + string.Join(',', tenant.ExtensionSchemasJson.SelectMany(type => type.Value.Select(schema => type.Key + ":" + SchemaId(schema)))),
            _ => null,
        };
    }

    /// <summary>An issued token: its id and expiry (never the token).</summary>
    public static string Issued(IssuedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return $"tokenId={token.TokenId} expires={token.Expires?.ToString("O", CultureInfo.InvariantCulture) ?? "never"} scope={TokenScopes.Name(token.Scope)}";
    }

    /// <summary>A rotation: which tokens are rotated out and how long they keep working.</summary>
    public static string Rotation(string? rotatedOut, TimeSpan? overlap) =>
        $"rotatedOut={rotatedOut ?? "all"} overlap={(overlap ?? TokenIssuerOptions.Default.RotationOverlap).ToString("c", CultureInfo.InvariantCulture)}";

    /// <summary>A rotation after it ran: also the new token.</summary>
    public static string Rotated(string? rotatedOut, TimeSpan? overlap, IssuedToken token) => Rotation(rotatedOut, overlap) + " " + Issued(token);

    /// <summary>A move as asked (the target, or a resume) and as it stopped (its state and freeze).</summary>
    public static string Move(TenantLocation? target) => target is null ? "resume" : "to=" + Location(target);

    public static string Moved(TenantLocation? target, TenantMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        return $"{Move(target)} from={Location(move.Source)} state={move.State} rows={move.RowsCopied}" + (move.FreezeMilliseconds is { } frozen ? $" frozenMs={frozen}" : string.Empty);
    }

    private static string Location(TenantLocation location) => location.Isolation switch
    {
        TenantIsolation.SiloTable => $"SiloTable:{location.TableName}",
        TenantIsolation.SiloAccount => $"SiloAccount:{location.StorageEndpoint?.Authority}/{location.TableName}",
        _ => "Pool",
    };

    /// <summary>A revocation: the token's id.</summary>
    public static string Revoked(string tokenId) => "tokenId=" + tokenId;

    private static string SchemaId(string schemaJson)
    {
        try
        {
            return (string?)JsonNode.Parse(schemaJson)?["id"] ?? "?";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return "?";
        }
    }
}
