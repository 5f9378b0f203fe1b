using ScimFunctions.Core;
using ScimFunctions.Storage.Tokens;

namespace ScimFunctions.Storage.IntegrationTests.Tokens;

public sealed class TenantTokenTests
{
    private static readonly TenantId Tenant = TenantId.Parse("contoso-eu");

    [Fact]
    public void A_token_is_the_prefix_the_tenant_and_256_bits_of_hex()
    {
        var token = TenantToken.Create(Tenant);

        Assert.Matches("^scim_contoso-eu_[0-9a-f]{64}$", token);
    }

    [Fact]
    public void Two_tokens_are_never_equal()
    {
        var tokens = Enumerable.Range(0, 1_000).Select(_ => TenantToken.Create(Tenant)).ToHashSet();

        Assert.Equal(1_000, tokens.Count);
    }

    [Fact]
    public void The_tenant_is_read_back_from_a_token()
    {
        Assert.True(TenantToken.TryReadTenant(TenantToken.Create(Tenant), out var tenant));
        Assert.Equal(Tenant, tenant);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("scim_")]
    [InlineData("scim_contoso-eu")]
    [InlineData("scim_contoso-eu_")]
    [InlineData("SCIM_contoso-eu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("scim_Contoso-eu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("scim_contoso-eu_0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("scim_contoso-eu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("scim_contoso_eu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("scim_-x-_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Malformed_tokens_name_no_tenant(string? token)
    {
        Assert.False(TenantToken.TryReadTenant(token, out _));
    }

    [Fact]
    public void The_hash_is_sha256_of_the_whole_token()
    {
        var token = TenantToken.Create(Tenant);

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), TenantToken.Hash(token));
    }
}
