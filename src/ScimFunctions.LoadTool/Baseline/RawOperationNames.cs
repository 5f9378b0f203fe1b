using ScimFunctions.LoadTool.Scenarios;

namespace ScimFunctions.LoadTool.Baseline;

/// <summary>The raw Azure.Data.Tables operations of the baseline, and which one each SCIM request is compared with.</summary>
internal static class RawOperationNames
{
    public const string Insert = "raw: insert entity";
    public const string Transaction = "raw: transaction entity + 2 index rows";
    public const string PointRead = "raw: point read";
    public const string IndexQuery = "raw: query by index row key";
    public const string MemberBatch = "raw: transaction of 20 member rows";
    public const string PageQuery = "raw: query page of 100 entities";

    private static readonly Dictionary<string, string> _comparedWith = new(StringComparer.Ordinal)
    {
        [OperationNames.CreateUser] = Transaction,
        [OperationNames.CreateGroup] = Transaction,
        [OperationNames.PatchUser] = Transaction,
        [OperationNames.GetUser] = PointRead,
        [OperationNames.GetGroup] = PointRead,
        [OperationNames.FilterUserName] = IndexQuery,
        [OperationNames.FilterExternalId] = IndexQuery,
        [OperationNames.FilterGroup] = IndexQuery,
        [OperationNames.AddMembers] = MemberBatch,
        [OperationNames.RemoveMembers] = MemberBatch,
        [OperationNames.ListByIndex] = PageQuery,
        [OperationNames.ListByCursor] = PageQuery,
    };

    /// <summary>The raw operation that does the storage work a SCIM request cannot avoid; null when none maps.</summary>
    public static string? ComparedWith(string scimOperation) => _comparedWith.GetValueOrDefault(scimOperation);
}
