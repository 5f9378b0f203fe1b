namespace ScimFunctions.Storage.Tokens;

/// <summary>Limits for issuing and rotating tenant tokens.</summary>
public sealed record TokenIssuerOptions
{
    public static TokenIssuerOptions Default { get; } = new();

    /// <summary>Most live tokens a tenant may hold at once (at least 2, so a token can be rotated with overlap).</summary>
    public int MaxLiveTokens { get; init; } = 5;

    /// <summary>How long a rotated-out token keeps working, so the identity provider can be reconfigured.</summary>
    public TimeSpan RotationOverlap { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often one issue/rotate/revoke reads and saves the set when other writers keep changing it in between
    /// (each lost attempt means another change succeeded, so <c>n</c> attempts always succeed among <c>n</c> racing writers).
    /// </summary>
    public int MaxSaveAttempts { get; init; } = 10;
}
