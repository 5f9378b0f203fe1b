using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ScimFunctions.Testing.KeyVault;

/// <summary>
/// An in-memory Key Vault secrets endpoint that answers the Azure SDK the way the service does: a 401 bearer challenge
/// for unauthenticated requests, secret bundles for GET/PUT, soft delete (DELETE, then 409 on PUT until recovered),
/// <c>SecretNotFound</c> 404s. Every request is recorded.
/// </summary>
public sealed class FakeKeyVault : HttpMessageHandler
{
    public const string ChallengeTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredSecret> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RecordedRequest> _requests = [];
    private int _failNextRequests;
    private (string Name, string Value)? _writeAfterNextRead;

    /// <summary>A host of its own per instance: the SDK caches challenges per host for the whole process.</summary>
    public Uri VaultUri { get; } = new($"https://kv{Guid.NewGuid().ToString("N")[..22]}.vault.azure.net/");

    public string AcceptedAccessToken { get; } = "access-token-" + Guid.NewGuid().ToString("N");

    /// <summary>When set, authenticated secret reads wait for it: lets a test hold a read in flight.</summary>
    public TaskCompletionSource? ReadGate { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Authenticated GETs of a secret: what a token verifier costs the vault.</summary>
    public int SecretReads => Requests.Count(request => request.Method == "GET" && request.IsAuthenticated && request.Path.StartsWith("/secrets/", StringComparison.Ordinal));

    /// <summary>
    /// Right after answering the next read of secret <paramref name="name"/>, writes <paramref name="value"/> as a new
    /// version: another writer getting in between a caller's read and its write.
    /// </summary>
    public void WriteAfterNextRead(string name, string value)
    {
        lock (_lock)
        {
            _writeAfterNextRead = (name, value);
        }
    }

    /// <summary>The next <paramref name="count"/> authenticated requests get a 500.</summary>
    public void FailNextRequests(int count) => Interlocked.Exchange(ref _failNextRequests, count);

    public string? CurrentValue(string name)
    {
        lock (_lock)
        {
            return _secrets.TryGetValue(name, out var secret) && !secret.Deleted ? secret.Versions[^1].Value : null;
        }
    }

    /// <summary>The latest version id of a secret (what the SDK reports as <c>Properties.Version</c>).</summary>
    public string CurrentVersion(string name)
    {
        lock (_lock)
        {
            return _secrets[name].Versions[^1].Version;
        }
    }

    public IReadOnlyDictionary<string, string> CurrentTags(string name)
    {
        lock (_lock)
        {
            return _secrets[name].Versions[^1].Tags;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var authorization = request.Headers.Authorization?.ToString();
        var authenticated = authorization == "Bearer " + AcceptedAccessToken;
        var path = request.RequestUri!.AbsolutePath;
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(request.Method.Method, path, request.RequestUri.Query, authorization, authenticated, body));
        }

        if (!authenticated)
        {
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(string.Empty) };
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", $"Bearer authorization=\"https://login.microsoftonline.com/{ChallengeTenant}\", resource=\"https://vault.azure.net\"");
            return challenge;
        }

        if (Interlocked.Decrement(ref _failNextRequests) >= 0)
        {
            return Error(HttpStatusCode.InternalServerError, "InternalServerError", "Simulated outage.");
        }

        Interlocked.Exchange(ref _failNextRequests, 0);
        var segments = path.Trim('/').Split('/');
        if (request.Method == HttpMethod.Get && segments[0] == "secrets" && ReadGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            var response = (request.Method.Method, segments) switch
            {
                ("GET", ["secrets", var name, ..]) => GetSecret(name),
                ("PUT", ["secrets", var name]) => SetSecret(name, body),
                ("DELETE", ["secrets", var name]) => DeleteSecret(name),
                ("GET", ["deletedsecrets", var name]) => GetDeletedSecret(name),
                ("POST", ["deletedsecrets", var name, "recover"]) => RecoverSecret(name),
                _ => Error(HttpStatusCode.BadRequest, "BadParameter", "Unsupported by the fake vault."),
            };
            if (request.Method == HttpMethod.Get && segments is ["secrets", var read, ..] && _writeAfterNextRead is { } write
                && string.Equals(write.Name, read, StringComparison.OrdinalIgnoreCase))
            {
                _writeAfterNextRead = null;
                AddVersion(write.Name, write.Value, contentType: null, tags: []);
            }

            return response;
        }
    }

    private HttpResponseMessage GetSecret(string name) =>
        _secrets.TryGetValue(name, out var secret) && !secret.Deleted
            ? Json(HttpStatusCode.OK, Bundle(name, secret))
            : SecretNotFound(name);

    private HttpResponseMessage SetSecret(string name, string? body)
    {
        if (_secrets.TryGetValue(name, out var existing) && existing.Deleted)
        {
            return Error(HttpStatusCode.Conflict, "Conflict", $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.");
        }

        var parameters = JsonNode.Parse(body!)!.AsObject();
        var tags = parameters["tags"]?.AsObject().ToDictionary(tag => tag.Key, tag => (string)tag.Value!) ?? [];
        return Json(HttpStatusCode.OK, Bundle(name, AddVersion(name, (string)parameters["value"]!, (string?)parameters["contentType"], tags)));
    }

    private StoredSecret AddVersion(string name, string value, string? contentType, Dictionary<string, string> tags)
    {
        if (!_secrets.TryGetValue(name, out var secret))
        {
            secret = new StoredSecret();
            _secrets[name] = secret;
        }

        secret.Versions.Add(new SecretVersion(Guid.NewGuid().ToString("N"), value, contentType, tags));
        return secret;
    }

    private HttpResponseMessage DeleteSecret(string name)
    {
        if (!_secrets.TryGetValue(name, out var secret) || secret.Deleted)
        {
            return SecretNotFound(name);
        }

        secret.Deleted = true;
        return Json(HttpStatusCode.OK, DeletedBundle(name, secret));
    }

    private HttpResponseMessage GetDeletedSecret(string name) =>
        _secrets.TryGetValue(name, out var secret) && secret.Deleted
            ? Json(HttpStatusCode.OK, DeletedBundle(name, secret))
            : Error(HttpStatusCode.NotFound, "DeletedSecretNotFound", $"Deleted Secret not found: {name}");

    private HttpResponseMessage RecoverSecret(string name)
    {
        if (!_secrets.TryGetValue(name, out var secret) || !secret.Deleted)
        {
            return Error(HttpStatusCode.NotFound, "DeletedSecretNotFound", $"Deleted Secret not found: {name}");
        }

        secret.Deleted = false;
        return Json(HttpStatusCode.OK, Bundle(name, secret));
    }

    private JsonObject Bundle(string name, StoredSecret secret)
    {
        var latest = secret.Versions[^1];
        var tags = new JsonObject();
        foreach (var (key, value) in latest.Tags)
        {
            tags[key] = value;
        }

        return new JsonObject
        {
            ["value"] = latest.Value,
            ["contentType"] = latest.ContentType,
            ["id"] = new Uri(VaultUri, $"secrets/{name}/{latest.Version}").ToString(),
            ["attributes"] = new JsonObject
            {
                ["enabled"] = true,
                ["created"] = 1_700_000_000,
                ["updated"] = 1_700_000_000,
                ["recoveryLevel"] = "Recoverable",
                ["recoverableDays"] = 90,
            },
            ["tags"] = tags,
        };
    }

    private JsonObject DeletedBundle(string name, StoredSecret secret)
    {
        var bundle = Bundle(name, secret);
        bundle.Remove("value");
        bundle["recoveryId"] = new Uri(VaultUri, $"deletedsecrets/{name}").ToString();
        bundle["deletedDate"] = 1_700_000_100;
        bundle["scheduledPurgeDate"] = 1_707_776_100;
        return bundle;
    }

    private static HttpResponseMessage SecretNotFound(string name) =>
        Error(HttpStatusCode.NotFound, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) =>
        Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private sealed class StoredSecret
    {
        public List<SecretVersion> Versions { get; } = [];
        public bool Deleted { get; set; }
    }

    private sealed record SecretVersion(string Version, string Value, string? ContentType, Dictionary<string, string> Tags);
}

public sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, bool IsAuthenticated, string? Body)
{
    public string? ApiVersion => System.Web.HttpUtility.ParseQueryString(Query)["api-version"];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Method} {Path}{Query}");
}
