namespace ScimFunctions.Http.Handlers;

/// <summary>/Me (RFC 7644 §3.11): a tenant token authenticates the identity provider, not a user, so there is no "me".</summary>
public static class MeHandler
{
    public static Task HandleAsync(ScimRequest request) =>
        throw ScimException.NotImplemented("The /Me endpoint is not supported: tokens authenticate a provisioning client, not a user.");
}
