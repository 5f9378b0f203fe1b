using System.Globalization;
using ScimFunctions.Cli.Backend;
using ScimFunctions.Storage.Tokens;
using Spectre.Console;

namespace ScimFunctions.Cli.Commands;

/// <summary><c>token issue|rotate|revoke|list</c>: a new token's plaintext is printed once, and only by issue and rotate.</summary>
internal static class TokenCommands
{
    public static Command Build(CliContextFactory factory) =>
        new("token", "Issue, rotate, revoke and list a tenant's bearer tokens.") { Issue(factory), Rotate(factory), Revoke(factory), List(factory) };

    private static Command Issue(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var lifetime = CliArguments.Duration("--expires-in", "Let the token expire after this long (default: never)");
        var scope = new Option<TokenScope>("--scope")
        {
            Description = "What the token may do: scim (the SCIM routes, for an identity provider; the default), read (MCP read tools only) or write (MCP read and write tools).",
            DefaultValueFactory = _ => TokenScope.Scim,
            CustomParser = result => TokenScopes.TryParse(result.Tokens.Count == 1 ? result.Tokens[0].Value : null, out var parsed) ? parsed : InvalidScope(result),
        };
        var command = new Command("issue", "Issue a new token; its plaintext is shown this once.") { tenant, lifetime, scope };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var id = record.Id;
            var issued = await backend.Administration.IssueTokenAsync(id, context.ParseResult.GetValue(lifetime), context.ParseResult.GetValue(scope), backend.Call, cancellationToken);
            WriteIssued(context, backend, id, issued, rotatedOutAt: null);
        });
        return command;
    }

    private static Command Rotate(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var tokenId = new Option<string?>("--token-id") { Description = "The token to rotate out (default: every live token)." };
        var overlap = CliArguments.Duration("--overlap", $"How long the old token keeps working (default: {TokenIssuerOptions.Default.RotationOverlap.TotalHours:0}h)");
        var command = new Command("rotate", "Issue a new token and let the old one expire after an overlap.") { tenant, tokenId, overlap };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var id = record.Id;
            var overlapValue = context.ParseResult.GetValue(overlap) ?? TokenIssuerOptions.Default.RotationOverlap;
            var rotatedOut = context.ParseResult.GetValue(tokenId);
            var issued = await backend.Administration.RotateTokenAsync(id, rotatedOut, overlapValue, backend.Call, cancellationToken);
            WriteIssued(context, backend, id, issued, rotatedOutAt: issued.Created + overlapValue);
        });
        return command;
    }

    private static Command Revoke(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var tokenId = new Argument<string>("token-id") { Description = "The token to revoke (see 'token list')." };
        var command = new Command("revoke", "Revoke a token now (running hosts stop accepting it within their token cache TTL, 60 s by default).") { tenant, tokenId };
        factory.SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            var id = record.Id;
            var revoked = context.ParseResult.GetValue(tokenId)!;
            await backend.Administration.RevokeTokenAsync(id, revoked, backend.Call, cancellationToken);
            context.Output.Result(
                new JsonObject { ["tenant"] = id.Value, ["revoked"] = revoked },
                console => console.MarkupLineInterpolated($"Revoked token [bold]{revoked}[/] of tenant [bold]{id.Value}[/]. Hosts that cached it reject it within 60 s."));
        });
        return command;
    }

    private static Command List(CliContextFactory factory)
    {
        var tenant = CliArguments.Tenant();
        var command = new Command("list", "List a tenant's tokens (ids and dates; never hashes or plaintext).") { tenant };
        factory.SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var id = context.ParseResult.GetValue(tenant);
            var tokens = await backend.Administration.ListTokensAsync(id, cancellationToken);
            var json = new JsonArray(tokens.Select(token => (JsonNode)new JsonObject
            {
                ["tokenId"] = token.TokenId,
                ["created"] = token.Created,
                ["expires"] = token.Expires,
                ["live"] = token.IsLive,
                ["scope"] = TokenScopes.Name(token.Scope),
            }).ToArray());
            context.Output.Result(new JsonObject { ["tenant"] = id.Value, ["tokens"] = json }, console =>
            {
                var table = new Table().AddColumns("Token id", "Scope", "Created", "Expires", "Live");
                foreach (var token in tokens)
                {
                    table.AddRow(
                        Markup.Escape(token.TokenId),
                        TokenScopes.Name(token.Scope),
                        token.Created.ToString("u", CultureInfo.InvariantCulture),
                        token.Expires?.ToString("u", CultureInfo.InvariantCulture) ?? "never",
                        token.IsLive ? "yes" : "no");
                }

                console.Write(table);
            });
        });
        return command;
    }

    private static TokenScope InvalidScope(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"'{(result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty)}' is not a token scope: use scim, read or write.");
        return TokenScope.Scim;
    }

    private static void WriteIssued(CliContext context, CliBackend backend, TenantId tenant, IssuedToken issued, DateTimeOffset? rotatedOutAt)
    {
        var json = new JsonObject
        {
            ["tenant"] = tenant.Value,
            ["tokenId"] = issued.TokenId,
            ["token"] = issued.Token,
            ["created"] = issued.Created,
            ["expires"] = issued.Expires,
            ["scope"] = TokenScopes.Name(issued.Scope),
            ["tokenStore"] = backend.TokenStoreKind,
        };
        if (rotatedOutAt is { } endsAt)
        {
            json["previousTokensExpire"] = endsAt;
        }

        context.Output.Result(json, console =>
        {
            var expires = issued.Expires is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "never";
            console.MarkupLineInterpolated($"New {TokenScopes.Name(issued.Scope)} token [bold]{issued.TokenId}[/] for tenant [bold]{tenant.Value}[/], expires {expires}.");
            if (rotatedOutAt is { } endsAt)
            {
                console.MarkupLineInterpolated($"Previous tokens keep working until {endsAt.ToString("u", CultureInfo.InvariantCulture)}.");
            }

            console.MarkupLine("[yellow]Shown once: put it in the identity provider now. Only its SHA-256 hash is kept.[/]");
            context.Output.WriteRawLine(issued.Token); // Never wrapped or boxed, so it copies whole.
        });
    }
}
