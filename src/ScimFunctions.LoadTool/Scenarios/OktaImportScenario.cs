namespace ScimFunctions.LoadTool.Scenarios;

/// <summary>
/// Okta's import: page through every user, with index paging (startIndex=1, 1+count, …) or, as a separate mode,
/// RFC 9865 cursors. One import is one sequential walk, as Okta does it.
/// </summary>
internal sealed class OktaImportScenario : IScenario
{
    public string Name => "okta-import";

    /// <summary>Users read by the last import (for the report).</summary>
    public long UsersRead { get; private set; }

    public IReadOnlyList<Phase> Phases(ScenarioContext context)
    {
        var settings = context.Settings;
        return
        [
            .. SeedPhases.EnsurePopulation(context),
            Phase.Counted(settings.Paging == PagingMode.Cursor ? "import (cursor)" : "import (index)", 1, async (_, ct) =>
                UsersRead = settings.Paging == PagingMode.Cursor
                    ? await context.Operations.ImportByCursorAsync(settings.PageSize, ct)
                    : await context.Operations.ImportByIndexAsync(settings.PageSize, ct)),
        ];
    }
}
