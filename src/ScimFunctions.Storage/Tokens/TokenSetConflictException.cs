namespace ScimFunctions.Storage.Tokens;

/// <summary>
/// A token set was saved on top of a version that is no longer the stored one: another writer changed (or deleted,
/// or first created) the tenant's tokens since it was read. Nothing was written. <see cref="TokenIssuer"/> handles it
/// by reading the set again and re-applying its change.
/// </summary>
public sealed class TokenSetConflictException : Exception
{
    private const string DefaultMessage = "The tenant's token set changed since it was read; nothing was written.";

    public TokenSetConflictException()
        : base(DefaultMessage)
    {
    }

    public TokenSetConflictException(Exception innerException)
        : base(DefaultMessage, innerException)
    {
    }
}
