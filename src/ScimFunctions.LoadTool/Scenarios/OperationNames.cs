namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>
/// The names requests are reported under: method, route and the shape that matters for cost; and the raw
/// Azure.Data.Tables operations of the baseline, with the one each SCIM request is compared with.
/// </summary>
internal static class OperationNames
{
    public const string FilterUserName = "GET /Users?filter=userName eq";
    public const string FilterExternalId = "GET /Users?filter=externalId eq";
    public const string CreateUser = "POST /Users";
    public const string GetUser = "GET /Users/{id}";
    public const string PatchUser = "PATCH /Users/{id} replace";
    public const string FilterGroup = "GET /Groups?filter=displayName eq&excludedAttributes=members";
    public const string CreateGroup = "POST /Groups";
    public const string GetGroup = "GET /Groups/{id}?excludedAttributes=members";
    public const string AddMembers = "PATCH /Groups/{id} add members";
    public const string RemoveMembers = "PATCH /Groups/{id} remove members";
    public const string ListByIndex = "GET /Users?startIndex&count";
    public const string ListByCursor = "GET /Users?cursor&count";

    public const string RawInsert = "raw: insert entity";
    public const string RawTransaction = "raw: transaction entity + 2 index rows";
    public const string RawPointRead = "raw: point read";
    public const string RawIndexQuery = "raw: query by index row key";
    public const string RawMemberBatch = "raw: transaction of 20 member rows";
    public const string RawPageQuery = "raw: query page of 100 entities";

    private static readonly Dictionary<string, string> _comparedWith = new(StringComparer.Ordinal)
    {
        [CreateUser] = RawTransaction,
        [CreateGroup] = RawTransaction,
        [PatchUser] = RawTransaction,
        [GetUser] = RawPointRead,
        [GetGroup] = RawPointRead,
        [FilterUserName] = RawIndexQuery,
        [FilterExternalId] = RawIndexQuery,
        [FilterGroup] = RawIndexQuery,
        [AddMembers] = RawMemberBatch,
        [RemoveMembers] = RawMemberBatch,
        [ListByIndex] = RawPageQuery,
        [ListByCursor] = RawPageQuery,
    };

    /// <summary>The raw operation that does the storage work a SCIM request cannot avoid; null when none maps.</summary>
    public static string? ComparedWith(string scimOperation) => _comparedWith.GetValueOrDefault(scimOperation);
}
