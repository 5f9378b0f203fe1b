using ScimFunctions.Storage.Abstractions;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

public sealed class TokenSetJsonTests
{
    [Fact]
    public void The_stored_form_holds_ids_hex_hashes_and_dates()
    {
        var created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var json = TokenSetJson.Serialize(new TenantTokenSet([new TokenRecord("tok-a", TenantToken.Hash("a"), created, null)]));

        Assert.Equal(
            $$"""{"v":1,"tokens":[{"id":"tok-a","sha256":"{{Convert.ToHexStringLower(TenantToken.Hash("a"))}}","created":"2025-01-02T03:04:05.0000000+00:00","expires":null,"scope":"scim"}]}""",
            json);
    }

    [Theory]
    [InlineData(TokenScope.Scim)]
    [InlineData(TokenScope.Read)]
    [InlineData(TokenScope.Write)]
    public void The_scope_is_stored_with_the_hash(TokenScope scope)
    {
        var set = new TenantTokenSet([new TokenRecord("tok-a", TenantToken.Hash("a"), DateTimeOffset.UnixEpoch, null, scope)]);

        Assert.Equal(scope, Assert.Single(TokenSetJson.Deserialize(TokenSetJson.Serialize(set)).Tokens).Scope);
    }

    [Fact]
    public void A_token_stored_before_scopes_existed_is_a_scim_token()
    {
        var json = $$"""{"v":1,"tokens":[{"id":"tok-a","sha256":"{{Convert.ToHexStringLower(TenantToken.Hash("a"))}}","created":"2025-01-02T03:04:05Z","expires":null}]}""";

        Assert.Equal(TokenScope.Scim, Assert.Single(TokenSetJson.Deserialize(json).Tokens).Scope);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"v":2,"tokens":[]}""")]
    [InlineData("""{"v":1}""")]
    [InlineData("""{"v":1,"tokens":[{"id":"tok-a","sha256":"zz","created":"2025-01-02T03:04:05Z"}]}""")]
    [InlineData("""{"v":1,"tokens":[{"sha256":"00","created":"2025-01-02T03:04:05Z"}]}""")]
    [InlineData("""{"v":1,"tokens":[{"id":"tok-a","sha256":"00","created":"2025-01-02T03:04:05Z","scope":"admin"}]}""")]
    public void A_corrupt_stored_value_is_a_format_error(string json)
    {
        Assert.Throws<FormatException>(() => TokenSetJson.Deserialize(json));
    }
}
