namespace ScimFunctions.Storage.Tables;

/// <summary>An entity-group transaction failed at <see cref="Op"/>: the service's status tells why (404, 409, 412).</summary>
internal sealed class TransactionFailedException : Exception
{
    public TransactionFailedException(int status, Op op, Exception inner)
        : base($"Transaction failed with {status} at {op.Role} {op.RowKey}.", inner)
    {
        Status = status;
        Op = op;
    }

    public int Status { get; }

    public Op Op { get; }
}
