namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>The names requests are reported under: method, route and the shape that matters for cost.</summary>
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
}
