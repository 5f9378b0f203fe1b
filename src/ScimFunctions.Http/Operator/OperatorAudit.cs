using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Http.Operator;

/// <summary>Who acts in an operator request, as the audit log records it: the authenticated operator key, in this request.</summary>
internal static class OperatorAudit
{
    public static OperatorCall Call(ScimRequest request) => new(request.Actor ?? "operator", request.RequestId);
}
