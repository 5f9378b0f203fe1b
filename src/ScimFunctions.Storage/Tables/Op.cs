namespace ScimFunctions.Storage.Tables;

/// <summary>The part an action plays in a transaction, so a failure can be mapped to its meaning.</summary>
internal enum OpRole
{
    Resource,
    Index,
    Counter,
    Change,
    Relation,
    RelationCounterpart,
    RelationTarget,

    /// <summary>The location fence every write of a moved tenant carries (<see cref="TenantPartition.FenceRowKey"/>).</summary>
    Fence,
}

/// <summary>What to do when the action's row turns out to be missing (404) where that is a benign race.</summary>
internal enum OnMissing
{
    Fail,
    DropAction,
    DropGroup,
}

/// <summary>One action of an entity-group transaction with its role, its group of actions that stand or fall together, and a tag.</summary>
internal sealed record Op(TableTransactionAction Action, OpRole Role, string? Tag = null, int Group = -1, OnMissing OnMissing = OnMissing.Fail)
{
    public string RowKey => Action.Entity.RowKey;
}
