using System.Text;
using System.Text.Json.Nodes;
using ScimFunctions.Http.IntegrationTests.Support;

namespace ScimFunctions.Http.IntegrationTests;

/// <summary>
/// Each class of hostile input that once answered 500 (issue 11 §2), through the real host on Kestrel: a 4xx SCIM error
/// document, and the tenant's resources exactly as before.
/// </summary>
public sealed class HostileInputTests(KestrelHost fixture) : IClassFixture<KestrelHost>
{
    private readonly ScimTestHost _host = fixture.Host;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string UserJson(string members) =>
        $"{{\"schemas\":[\"{Scim.UserSchema}\"],{members}}}";

    /// <summary>Sends the raw body and asserts a 400 SCIM error and an unchanged tenant.</summary>
    private async Task AssertRefusedAsync(TenantClient tenant, HttpMethod method, string relative, byte[] body, int status = 400, string? scimType = "invalidSyntax")
    {
        var before = await TenantSnapshot.TakeAsync(tenant);
        using var client = _host.Client(tenant.Token);

        var response = await client.SendBytesAsync(method, tenant.BasePath + relative, body);

        response.AssertScimError(status, scimType);
        Assert.Equal(before, await TenantSnapshot.TakeAsync(tenant));
    }

    [Theory]
    [InlineData("\"userName\":\"a@example.com\",\"userName\":\"b@example.com\"")]
    [InlineData("\"userName\":\"a@example.com\",\"USERNAME\":\"b@example.com\"")]
    [InlineData("\"userName\":\"a@example.com\",\"name\":{\"givenName\":\"A\",\"givenname\":\"B\"}")]
    [InlineData("\"userName\":\"a@example.com\",\"emails\":[{\"value\":\"a@example.com\",\"value\":\"b@example.com\"}]")]
    public async Task A_repeated_member_name_at_any_depth_in_any_case_is_400_on_post_and_put(string members)
    {
        using var tenant = await _host.CreateTenantAsync();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());

        await AssertRefusedAsync(tenant, HttpMethod.Post, "/Users", Utf8(UserJson(members)));
        await AssertRefusedAsync(tenant, HttpMethod.Put, "/Users/" + id, Utf8(UserJson(members)));
    }

    [Fact]
    public async Task Repeated_members_in_search_bulk_patch_and_operator_bodies_are_400()
    {
        using var tenant = await _host.CreateTenantAsync();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        var user = Scim.User(Scim.UniqueName()).ToJsonString();

        await AssertRefusedAsync(tenant, HttpMethod.Post, "/Users/.search", Utf8($"{{\"schemas\":[\"{Scim.SearchRequestSchema}\"],\"count\":1,\"count\":2}}"));
        await AssertRefusedAsync(tenant, HttpMethod.Post, "/Bulk", Utf8(
            $"{{\"schemas\":[\"{Scim.BulkRequestSchema}\"],\"Operations\":[{{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{user}}}],\"Operations\":[]}}"));
        await AssertRefusedAsync(tenant, HttpMethod.Patch, "/Users/" + id, Utf8(
            $"{{\"schemas\":[\"{Scim.PatchOpSchema}\"],\"Operations\":[{{\"op\":\"replace\",\"value\":{{\"active\":false,\"Active\":true}}}}]}}"));

        using var operatorClient = _host.Operator();
        var tenantBefore = (await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}", null)).RawBody;
        var policy = await operatorClient.SendBytesAsync(HttpMethod.Put, $"/operator/tenants/{tenant.TenantId}/policy", Utf8("{\"maxUsers\":5,\"maxUsers\":6}"), "application/json");
        policy.AssertScimError(400, "invalidSyntax");
        Assert.Equal(tenantBefore, (await operatorClient.SendJsonAsync(HttpMethod.Get, $"/operator/tenants/{tenant.TenantId}", null)).RawBody);
    }

    public static TheoryData<string, byte[]> BadText => new()
    {
        { "invalid byte", [0x62, 0x61, 0x64, 0xFF] },
        { "truncated sequence", [0x61, 0xC3] },
        { "encoded surrogate", [0x78, 0xED, 0xA0, 0x80] },
        { "overlong", [0xC0, 0xAF] },
        { "escaped lone high surrogate", Encoding.ASCII.GetBytes("x\\ud800") },
        { "escaped lone low surrogate", Encoding.ASCII.GetBytes("x\\udc00y") },
        { "escaped reversed pair", Encoding.ASCII.GetBytes("\\udc00\\ud800") },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Text_that_is_not_unicode_is_400_in_values_names_patch_values_and_search_filters(string what, byte[] text)
    {
        Assert.NotNull(what);
        using var tenant = await _host.CreateTenantAsync();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        byte[] Body(string template) => [.. Utf8(template[..template.IndexOf('§')]), .. text, .. Utf8(template[(template.IndexOf('§') + 1)..])];

        await AssertRefusedAsync(tenant, HttpMethod.Post, "/Users", Body(UserJson("\"userName\":\"§\"")));
        await AssertRefusedAsync(tenant, HttpMethod.Post, "/Users", Body(UserJson("\"userName\":\"ok@example.com\",\"§\":1")));
        await AssertRefusedAsync(tenant, HttpMethod.Put, "/Users/" + id, Body(UserJson("\"userName\":\"ok@example.com\",\"displayName\":\"§\"")));
        await AssertRefusedAsync(tenant, HttpMethod.Patch, "/Users/" + id, Body(
            $"{{\"schemas\":[\"{Scim.PatchOpSchema}\"],\"Operations\":[{{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"§\"}}]}}"));
        await AssertRefusedAsync(tenant, HttpMethod.Post, "/Users/.search", Body(
            $"{{\"schemas\":[\"{Scim.SearchRequestSchema}\"],\"filter\":\"userName eq \\\"§\\\"\"}}"));
    }

    [Fact]
    public async Task A_resource_larger_than_a_storage_entity_is_the_same_clear_413_on_post_and_put()
    {
        // The body limit raised so the request reaches the store: 1,100,000 characters cannot fit a 1 MiB entity.
        using var tenant = await _host.CreateTenantAsync(policy: new JsonObject { ["maxRequestBytes"] = 4 * 1024 * 1024 });
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        var user = Scim.User(Scim.UniqueName());
        user["displayName"] = new string('x', 1_100_000);
        var body = Utf8(user.ToJsonString());

        await AssertRefusedAsync(tenant, HttpMethod.Post, "/Users", body, 413, null);
        await AssertRefusedAsync(tenant, HttpMethod.Put, "/Users/" + id, body, 413, null);
    }

    [Fact]
    public async Task A_put_the_emulator_measures_as_too_large_is_that_413_not_a_500()
    {
        // 800,000 characters fit Azure's documented entity size (binary columns count their bytes), but the emulator
        // measures an update by its base64 JSON body and refuses it: the same 413, nothing written.
        using var tenant = await _host.CreateTenantAsync();
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        var user = Scim.User(Scim.UniqueName());
        user["displayName"] = new string('x', 800_000);
        var before = await TenantSnapshot.TakeAsync(tenant);

        var response = await tenant.PutAsync("/Users/" + id, user);

        Assert.True(response.StatusCode is 200 or 413, $"PUT answered {response.StatusCode}");
        if (response.StatusCode == 413)
        {
            response.AssertScimError(413);
            Assert.Equal(before, await TenantSnapshot.TakeAsync(tenant));
        }
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    [InlineData("MKCOL")]
    [InlineData("CONNECTX")]
    public async Task An_unusual_method_is_a_scim_405(string method)
    {
        using var tenant = await _host.CreateTenantAsync();
        using var client = _host.Client(tenant.Token);

        var response = await client.SendJsonAsync(new HttpMethod(method), tenant.BasePath + "/Users", null);

        response.AssertScimError(405);
        Assert.Contains("GET", response.ContentHeaders.Allow);
    }

    [Fact]
    public async Task A_bulk_whose_second_operation_is_malformed_writes_nothing_and_a_corrected_retry_succeeds()
    {
        using var tenant = await _host.CreateTenantAsync();
        var userName = Scim.UniqueName();
        JsonObject Bulk(JsonNode secondData) => new()
        {
            ["schemas"] = new JsonArray(Scim.BulkRequestSchema),
            ["Operations"] = new JsonArray(
                new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u1", ["data"] = Scim.User(userName) },
                new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u2", ["data"] = secondData }),
        };

        foreach (var malformed in new JsonNode[] { 42, "text", new JsonArray(1, 2), new JsonObject { ["schemas"] = new JsonArray(Scim.UserSchema) } })
        {
            var before = await TenantSnapshot.TakeAsync(tenant);
            var refused = await tenant.PostAsync("/Bulk", Bulk(malformed));
            refused.AssertScimError(400);
            Assert.Contains("Operation 2", (string?)refused.Body!["detail"], StringComparison.Ordinal);
            Assert.Equal(before, await TenantSnapshot.TakeAsync(tenant));
        }

        var retried = await tenant.PostAsync("/Bulk", Bulk(Scim.User(Scim.UniqueName())));
        retried.AssertStatus(200);
        Assert.All(retried.Body!["Operations"]!.AsArray(), r => Assert.Equal("201", (string?)r!["status"]));
    }

    [Fact]
    public async Task A_bulk_operation_the_policy_forbids_is_refused_before_any_is_executed()
    {
        using var tenant = await _host.CreateTenantAsync(policy: new JsonObject { ["allowedOperations"] = "Read, Create" });
        var id = await tenant.CreateUserAsync(Scim.UniqueName());
        var before = await TenantSnapshot.TakeAsync(tenant);

        var response = await tenant.PostAsync("/Bulk", new JsonObject
        {
            ["schemas"] = new JsonArray(Scim.BulkRequestSchema),
            ["Operations"] = new JsonArray(
                new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["bulkId"] = "u1", ["data"] = Scim.User(Scim.UniqueName()) },
                new JsonObject { ["method"] = "DELETE", ["path"] = "/Users/" + id }),
        });

        response.AssertScimError(403);
        Assert.Equal(before, await TenantSnapshot.TakeAsync(tenant));
    }

    // ---- HTTP framing faults, over a raw socket: the server's classification (400, 408), never 500.

    private Task<string> SendRawAsync(string head, byte[] body, bool halfClose, TimeSpan? trickle = null) =>
        RawHttp.SendAsync(_host.KestrelAddress!, Encoding.ASCII.GetBytes(head), body, halfClose, trickle);

    private static string Head(TenantClient tenant, string framing, string requestId = "raw") =>
        $"POST {tenant.BasePath}/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {tenant.Token}\r\nX-Request-Id: {requestId}\r\nContent-Type: application/scim+json\r\n{framing}\r\n";

    private static void AssertStatusLine(string response, params int[] allowed)
    {
        var parts = response.Split(' ', 3);
        Assert.True(parts.Length == 3 && allowed.Contains(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)), "Unexpected response: '" + response + "'");
    }

    /// <summary>The status the host answered (and counted) for the request, from its request log line.</summary>
    private async Task<int> AnsweredStatusAsync(string requestId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var line = _host.Logs.Lines.FirstOrDefault(l => l.Scope.TryGetValue("RequestId", out var id) && Equals(id, requestId) && l.Message.Contains(" answered ", StringComparison.Ordinal));
            if (line is not null)
            {
                return int.Parse(System.Text.RegularExpressions.Regex.Match(line.Message, @"Status=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("The host logged no answer for request " + requestId);
    }

    [Fact]
    public async Task A_bad_chunk_size_is_a_400_scim_error_and_writes_nothing()
    {
        using var tenant = await _host.CreateTenantAsync();
        var before = await TenantSnapshot.TakeAsync(tenant);
        var body = Utf8(Scim.User(Scim.UniqueName()).ToJsonString());

        var response = await SendRawAsync(Head(tenant, "Transfer-Encoding: chunked\r\n"), [.. Utf8("zz\r\n"), .. body, .. Utf8("\r\n0\r\n\r\n")], halfClose: false);

        AssertStatusLine(response, 400);
        Assert.Contains("application/scim+json", response, StringComparison.Ordinal);
        Assert.Contains("invalidSyntax", response, StringComparison.Ordinal);
        Assert.Equal(before, await TenantSnapshot.TakeAsync(tenant));
    }

    [Fact]
    public async Task A_body_cut_short_of_its_framing_is_counted_400_or_499_not_500_and_writes_nothing()
    {
        // The client sends less than it announced (or no final chunk) and closes its side: Kestrel then closes the
        // connection, so the answer is what the host records and counts for the request.
        using var tenant = await _host.CreateTenantAsync();
        var before = await TenantSnapshot.TakeAsync(tenant);
        var body = Utf8(Scim.User(Scim.UniqueName()).ToJsonString());
        var shortId = "short-" + Guid.NewGuid().ToString("N");
        var unfinishedId = "unfinished-" + Guid.NewGuid().ToString("N");

        await SendRawAsync(Head(tenant, $"Content-Length: {body.Length + 100}\r\n", shortId), body, halfClose: true);
        await SendRawAsync(Head(tenant, "Transfer-Encoding: chunked\r\n", unfinishedId), [.. Utf8($"{body.Length:x}\r\n"), .. body, .. Utf8("\r\n")], halfClose: true);

        // 400 when the server read the short body first, 499 (client closed request) when it saw the close first.
        Assert.Contains(await AnsweredStatusAsync(shortId), new[] { 400, 499 });
        Assert.Contains(await AnsweredStatusAsync(unfinishedId), new[] { 400, 499 });
        Assert.Equal(before, await TenantSnapshot.TakeAsync(tenant));
    }

    [Fact]
    public async Task A_body_slower_than_the_minimum_data_rate_is_408()
    {
        using var tenant = await _host.CreateTenantAsync();
        var body = Utf8(Scim.User(Scim.UniqueName()).ToJsonString());

        // Kestrel's default minimum is 240 bytes/s after a 5 s grace period: one byte every 100 ms is far below it.
        var response = await SendRawAsync(Head(tenant, $"Content-Length: {body.Length}\r\n"), body, halfClose: false, trickle: TimeSpan.FromMilliseconds(100));

        AssertStatusLine(response, 408);
        Assert.Empty((await tenant.GetAsync("/Users")).Resources);
    }
}
