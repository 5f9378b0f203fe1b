using ScimFunctions.Core;
using ScimFunctions.Http.Routing;
using ScimFunctions.Storage.Audit;

namespace ScimFunctions.Http.Operator;

/// <summary>Runs an operator action under the audit log, as the authenticated operator key, in this request.</summary>
internal static class OperatorAudit
{
    public static Task<T> RecordAsync<T>(ScimRequest request, TenantId tenant, string action, string? detail, Func<Task<T>> act, Func<T, string?>? describe = null) =>
        request.Service<OperatorAuditLog>().RecordAsync(tenant, action, request.Actor ?? "operator", detail, request.RequestId, act, describe, request.Aborted);
}
