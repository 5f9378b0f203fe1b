using Azure.Core;

namespace ScimFunctions.Testing.KeyVault;

/// <summary>A credential that hands out the fake vault's accepted token and records what it was asked for.</summary>
public sealed class RecordingCredential(string accessToken) : TokenCredential
{
    private readonly List<TokenRequestContext> _requests = [];

    public IReadOnlyList<TokenRequestContext> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(requestContext);
        }

        return new AccessToken(accessToken, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
