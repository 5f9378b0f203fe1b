using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace ScimFunctions.Testing.InMemoryTables;

/// <summary>
/// Table Storage's REST protocol answered from memory, as an <see cref="HttpMessageHandler"/> under the Azure SDK's own
/// <see cref="Azure.Core.Pipeline.HttpClientTransport"/> (<see cref="InMemoryTableTransport"/>): the SDK builds, signs,
/// sends and parses every request as it does against the service, without a network or an emulator. What it answers
/// is what the store sends: table create/delete/query; entity insert, get, replace/merge (conditional on
/// <c>If-Match</c>, or an upsert without it), delete; entity queries with <c>$filter</c>/<c>$top</c>/<c>$select</c> and
/// continuation; <c>$batch</c> entity-group transactions (multipart, all-or-nothing, the failed action's index in
/// the error). ETags change on every write; errors carry Table Storage's codes (TableNotFound, ResourceNotFound,
/// EntityAlreadyExists, UpdateConditionNotSatisfied, TableAlreadyExists) and statuses (404/409/412).
/// </summary>
public sealed class InMemoryTableService : HttpMessageHandler
{
    private const string JsonType = "application/json;odata=minimalmetadata;streaming=true;charset=utf-8";
    private const int MaxPageSize = 1000;
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly Dictionary<string, Table> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _tablesLock = new();
    private long _lastTicks;

    private long _requests;
    private long _allocated;

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// Bytes this service allocated answering them (it answers synchronously on the caller's thread, so this is exact):
    /// what a benchmark over it subtracts to see the client's own allocations.
    /// </summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocated);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = GC.GetAllocatedBytesForCurrentThread();
        Interlocked.Increment(ref _requests);
        var body = request.Content?.ReadAsByteArrayAsync(cancellationToken).GetAwaiter().GetResult() ?? [];
        var reply = Answer(request.Method.Method, request.RequestUri!, Headers(request), body);
        var message = reply.ToMessage(request);
        Interlocked.Add(ref _allocated, GC.GetAllocatedBytesForCurrentThread() - start);
        return message;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));

    private static Dictionary<string, string> Headers(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }
        }

        return headers;
    }

    private Reply Answer(string method, Uri uri, Dictionary<string, string> headers, byte[] body)
    {
        var rawSegment = uri.AbsolutePath[(uri.AbsolutePath.LastIndexOf('/') + 1)..];
        var segment = Uri.UnescapeDataString(rawSegment);
        var query = HttpUtility.ParseQueryString(uri.Query);
        try
        {
            if (segment == "$batch" && method == "POST")
            {
                return Batch(uri, headers, body);
            }

            if (segment == "Tables")
            {
                return method switch
                {
                    "POST" => CreateTable(JsonNode.Parse(body)!["TableName"]!.GetValue<string>(), headers),
                    "GET" => QueryTables(query["$filter"]),
                    _ => Reply.Error(405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb."),
                };
            }

            if (segment.StartsWith("Tables('", StringComparison.Ordinal) && method == "DELETE")
            {
                return DeleteTable(segment[8..^2]);
            }

            var paren = segment.IndexOf('(', StringComparison.Ordinal);
            var tableName = paren < 0 ? segment : segment[..paren];
            var table = Find(tableName);
            if (table is null)
            {
                return Reply.Error(404, "TableNotFound", "The table specified does not exist.");
            }

            if (paren < 0)
            {
                return method == "POST" ? table.Execute(this, "POST", null, headers, body) : Reply.Error(405, "UnsupportedHttpVerb", "Unsupported verb.");
            }

            var keys = segment[(paren + 1)..^1];
            if (keys.Length == 0)
            {
                return method == "GET" ? table.Query(query) : Reply.Error(405, "UnsupportedHttpVerb", "Unsupported verb.");
            }

            var key = ParseKey(keys);
            return method == "GET" ? table.Get(key, query["$select"]) : table.Execute(this, method, key, headers, body);
        }
        catch (FormatException ex)
        {
            return Reply.Error(400, "InvalidInput", "One of the request inputs is not valid. " + ex.Message);
        }
    }

    private Table? Find(string name)
    {
        lock (_tablesLock)
        {
            return _tables.GetValueOrDefault(name);
        }
    }

    private Reply CreateTable(string name, Dictionary<string, string> headers)
    {
        lock (_tablesLock)
        {
            if (_tables.ContainsKey(name))
            {
                return Reply.Error(409, "TableAlreadyExists", "The table specified already exists.");
            }

            _tables[name] = new Table(name);
        }

        return ReturnsNoContent(headers)
            ? new Reply(204).With("Preference-Applied", "return-no-content")
            : new Reply(201, new JsonObject { ["odata.metadata"] = "$metadata#Tables/@Element", ["TableName"] = name }.ToJsonString());
    }

    private Reply DeleteTable(string name)
    {
        lock (_tablesLock)
        {
            return _tables.Remove(name) ? new Reply(204) : Reply.Error(404, "ResourceNotFound", "The specified resource does not exist.");
        }
    }

    private Reply QueryTables(string? filterText)
    {
        var filter = ODataFilter.Parse(filterText);
        var value = new JsonArray();
        lock (_tablesLock)
        {
            foreach (var name in _tables.Keys.Order(StringComparer.Ordinal))
            {
                var row = new JsonObject { ["TableName"] = name };
                if (filter is null || filter.Matches(string.Empty, string.Empty, row))
                {
                    value.Add(row);
                }
            }
        }

        return new Reply(200, new JsonObject { ["odata.metadata"] = "$metadata#Tables", ["value"] = value }.ToJsonString());
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool ReturnsNoContent(Dictionary<string, string> headers) =>
        headers.TryGetValue("Prefer", out var prefer) && prefer.Contains("return-no-content", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>PartitionKey='a',RowKey='b'</c> (quotes doubled inside values).</summary>
    private static (string Partition, string Row) ParseKey(string text)
    {
        string Value(string name, ref int at)
        {
            var prefix = name + "=";
            if (string.CompareOrdinal(text, at, prefix, 0, prefix.Length) != 0)
            {
                throw new FormatException("Malformed entity key.");
            }

            at += prefix.Length;
            return ODataText.ReadQuoted(text, ref at);
        }

        var at = 0;
        var partition = Value("PartitionKey", ref at);
        if (at >= text.Length || text[at] != ',')
        {
            throw new FormatException("Malformed entity key.");
        }

        at++;
        return (partition, Value("RowKey", ref at));
    }

    /// <summary>A new ETag, later than every one before (Table Storage's weak datetime form).</summary>
    private (string ETag, DateTimeOffset Timestamp) NextVersion()
    {
        long ticks;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
            ticks = Math.Max(DateTime.UtcNow.Ticks, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastTicks, ticks, last) != last);

        var timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        var text = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH'%3A'mm'%3A'ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return ("W/\"datetime'" + text + "'\"", timestamp);
    }

    // ---- $batch ----

    private Reply Batch(Uri uri, Dictionary<string, string> headers, byte[] body)
    {
        var batchBoundary = Boundary(headers["Content-Type"]);
        var batchPart = Parts(Utf8.GetString(body), batchBoundary).Single();
        var (partHeaders, changesetText) = SplitHeaders(batchPart);
        var changeset = Parts(changesetText, Boundary(partHeaders["Content-Type"]))
            .Select(part => ParseInnerRequest(SplitHeaders(part).Body))
            .ToList();

        var responseBoundary = "batchresponse_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changesetresponse_" + Guid.NewGuid().ToString("D");
        var replies = Transaction(changeset);
        var text = new StringBuilder();
        text.Append("--").Append(responseBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        foreach (var reply in replies)
        {
            text.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .Append("HTTP/1.1 ").Append(reply.Status.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(ReasonPhrase(reply.Status)).Append("\r\n");
            text.Append("X-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nDataServiceVersion: 3.0;\r\n");
            foreach (var (name, value) in reply.Headers)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            if (reply.Body is { } replyBody)
            {
                text.Append("Content-Type: ").Append(JsonType).Append("\r\n\r\n").Append(Utf8.GetString(replyBody)).Append("\r\n");
            }
            else
            {
                text.Append("\r\n");
            }
        }

        text.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(responseBoundary).Append("--\r\n");
        var batchReply = new Reply(202, text.ToString()) { ContentType = "multipart/mixed; boundary=" + responseBoundary };
        _ = uri;
        return batchReply;
    }

    /// <summary>Runs the actions in order on one partition; the first failure undoes them all and is the only reply.</summary>
    private List<Reply> Transaction(List<InnerRequest> actions)
    {
        if (actions.Count is 0 or > 100)
        {
            return [Reply.Error(400, "InvalidInput", (actions.Count - 1).ToString(CultureInfo.InvariantCulture) + ":The batch request operation exceeds the maximum 100 changes per change set.")];
        }

        var targets = new List<(Table Table, (string Partition, string Row) Key)>();
        foreach (var action in actions)
        {
            var paren = action.Segment.IndexOf('(', StringComparison.Ordinal);
            var name = paren < 0 ? action.Segment : action.Segment[..paren];
            var table = Find(name);
            if (table is null)
            {
                return [Reply.Error(404, "TableNotFound", targets.Count.ToString(CultureInfo.InvariantCulture) + ":The table specified does not exist.")];
            }

            var key = paren < 0
                ? EntityKey(JsonNode.Parse(action.Body)!.AsObject())
                : ParseKey(action.Segment[(paren + 1)..^1]);
            if (targets.Count > 0 && (targets[0].Table != table || targets[0].Key.Partition != key.Partition))
            {
                return [Reply.Error(400, "CommandsInBatchActOnDifferentPartitions", targets.Count.ToString(CultureInfo.InvariantCulture) + ":All commands in a batch must operate on same entity group.")];
            }

            if (targets.Any(target => target.Key.Row == key.Row))
            {
                return [Reply.Error(400, "InvalidDuplicateRow", targets.Count.ToString(CultureInfo.InvariantCulture) + ":The batch request contains multiple changes with same row key. An entity can appear only once in a batch request.")];
            }

            targets.Add((table, key));
        }

        var owner = targets[0].Table;
        lock (owner.Lock)
        {
            var before = targets.ToDictionary(target => target.Key, target => owner.Peek(target.Key));
            var replies = new List<Reply>(actions.Count);
            for (var i = 0; i < actions.Count; i++)
            {
                var paren = actions[i].Segment.IndexOf('(', StringComparison.Ordinal);
                var reply = owner.ExecuteLocked(this, actions[i].Method, paren < 0 ? null : targets[i].Key, actions[i].Headers, Utf8.GetBytes(actions[i].Body));
                if (reply.Status >= 400)
                {
                    foreach (var (key, entity) in before)
                    {
                        owner.Restore(key, entity);
                    }

                    return [reply.Indexed(i)];
                }

                replies.Add(reply);
            }

            return replies;
        }
    }

    private static (string Partition, string Row) EntityKey(JsonObject entity) =>
        (entity["PartitionKey"]?.GetValue<string>() ?? throw new FormatException("PartitionKey missing."),
         entity["RowKey"]?.GetValue<string>() ?? throw new FormatException("RowKey missing."));

    private sealed record InnerRequest(string Method, string Segment, Dictionary<string, string> Headers, string Body);

    private static InnerRequest ParseInnerRequest(string text)
    {
        var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        var requestLine = text[..lineEnd].Split(' ');
        var (headers, body) = SplitHeaders(text[(lineEnd + 2)..]);
        var url = new Uri(requestLine[1]);
        var raw = url.AbsolutePath[(url.AbsolutePath.LastIndexOf('/') + 1)..];
        return new InnerRequest(requestLine[0], Uri.UnescapeDataString(raw), headers, body.TrimEnd('\r', '\n'));
    }

    private static string Boundary(string contentType) =>
        contentType.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))["boundary=".Length..].Trim('"');

    /// <summary>The parts between <c>--boundary</c> lines, up to <c>--boundary--</c>.</summary>
    private static List<string> Parts(string text, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        var at = text.IndexOf(delimiter, StringComparison.Ordinal);
        while (at >= 0)
        {
            var start = at + delimiter.Length;
            if (string.CompareOrdinal(text, start, "--", 0, 2) == 0)
            {
                break;
            }

            start = text.IndexOf('\n', start) + 1;
            var next = text.IndexOf(delimiter, start, StringComparison.Ordinal);
            if (next < 0)
            {
                throw new FormatException("Unterminated multipart body.");
            }

            parts.Add(text[start..next]);
            at = next;
        }

        return parts;
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string part)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var at = 0;
        while (true)
        {
            var end = part.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0)
            {
                end = part.Length;
            }

            var line = part[at..end];
            at = Math.Min(part.Length, end + 2);
            if (line.Length == 0)
            {
                return (headers, part[at..]);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            if (end == part.Length)
            {
                return (headers, string.Empty);
            }
        }
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        _ => ((HttpStatusCode)status).ToString(),
    };

    // ---- one table ----

    private sealed class Table(string name)
    {
        private readonly Dictionary<string, SortedList<string, Stored>> _partitions = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public Lock Lock { get; } = new();

        public Stored? Peek((string Partition, string Row) key) =>
            _partitions.TryGetValue(key.Partition, out var rows) ? rows.GetValueOrDefault(key.Row) : null;

        public void Restore((string Partition, string Row) key, Stored? entity)
        {
            if (entity is null)
            {
                if (_partitions.TryGetValue(key.Partition, out var rows))
                {
                    rows.Remove(key.Row);
                }

                return;
            }

            Put(key, entity);
        }

        public Reply Get((string Partition, string Row) key, string? select)
        {
            lock (Lock)
            {
                return Peek(key) is { } stored
                    ? new Reply(200, Json(writer => Render(writer, stored, Select(select), "$metadata#" + Name + "/@Element"))).With("ETag", stored.ETag)
                    : Reply.Error(404, "ResourceNotFound", "The specified resource does not exist.");
            }
        }

        public Reply Execute(InMemoryTableService service, string method, (string Partition, string Row)? key, Dictionary<string, string> headers, byte[] body)
        {
            lock (Lock)
            {
                return ExecuteLocked(service, method, key, headers, body);
            }
        }

        /// <summary>Insert (POST), replace/upsert (PUT), merge/upsert (PATCH, MERGE), delete (DELETE); the caller holds <see cref="Lock"/>.</summary>
        public Reply ExecuteLocked(InMemoryTableService service, string method, (string Partition, string Row)? key, Dictionary<string, string> headers, byte[] body)
        {
            var document = body.Length > 0 ? JsonNode.Parse(body)!.AsObject() : null;
            if (method == "POST")
            {
                var newKey = EntityKey(document!);
                if (Peek(newKey) is not null)
                {
                    return Reply.Error(409, "EntityAlreadyExists", "The specified entity already exists.");
                }

                var inserted = Write(service, newKey, Properties(document!));
                return ReturnsNoContent(headers)
                    ? new Reply(204).With("ETag", inserted.ETag).With("Preference-Applied", "return-no-content")
                    : new Reply(201, Json(writer => Render(writer, inserted, null, "$metadata#" + Name + "/@Element"))).With("ETag", inserted.ETag);
            }

            var current = Peek(key!.Value);
            headers.TryGetValue("If-Match", out var ifMatch);
            if (ifMatch is not null)
            {
                if (current is null)
                {
                    return Reply.Error(404, "ResourceNotFound", "The specified resource does not exist.");
                }

                if (ifMatch != "*" && ifMatch != current.ETag)
                {
                    return Reply.Error(412, "UpdateConditionNotSatisfied", "The update condition specified in the request was not satisfied.");
                }
            }

            switch (method)
            {
                case "DELETE":
                    if (current is null)
                    {
                        return Reply.Error(404, "ResourceNotFound", "The specified resource does not exist.");
                    }

                    _partitions[key.Value.Partition].Remove(key.Value.Row);
                    return new Reply(204);
                case "PUT":
                    return new Reply(204).With("ETag", Write(service, key.Value, Properties(document!)).ETag);
                case "PATCH" or "MERGE":
                    var merged = new JsonObject();
                    var changes = Properties(document!);
                    foreach (var (property, value) in current?.Properties ?? [])
                    {
                        var name = property.EndsWith(EntityTypes.TypeSuffix, StringComparison.Ordinal) ? property[..^EntityTypes.TypeSuffix.Length] : property;
                        if (!changes.ContainsKey(name))
                        {
                            merged[property] = value?.DeepClone(); // strings are shared, not copied
                        }
                    }

                    foreach (var (property, value) in changes.ToList())
                    {
                        changes.Remove(property);
                        merged[property] = value;
                    }

                    return new Reply(204).With("ETag", Write(service, key.Value, merged).ETag);
                default:
                    return Reply.Error(405, "UnsupportedHttpVerb", "Unsupported verb.");
            }
        }

        public Reply Query(System.Collections.Specialized.NameValueCollection query)
        {
            var filter = ODataFilter.Parse(query["$filter"]);
            var top = int.TryParse(query["$top"], CultureInfo.InvariantCulture, out var t) ? Math.Min(t, MaxPageSize) : MaxPageSize;
            var select = Select(query["$select"]);
            var fromPartition = query["NextPartitionKey"] is { } np ? Decode(np) : null;
            var fromRow = query["NextRowKey"] is { } nr ? Decode(nr) : null;
            string? nextPartition = null;
            string? nextRow = null;
            var count = 0;
            var body = Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("odata.metadata", "$metadata#" + Name);
                writer.WriteStartArray("value");
                lock (Lock)
                {
                    IEnumerable<string> partitions = filter?.PartitionKey is { } pinned
                        ? _partitions.ContainsKey(pinned) ? [pinned] : []
                        : _partitions.Keys.Order(StringComparer.Ordinal);
                    foreach (var partition in partitions)
                    {
                        if (fromPartition is not null && string.CompareOrdinal(partition, fromPartition) < 0)
                        {
                            continue;
                        }

                        var rows = _partitions[partition];
                        var from = partition == fromPartition ? fromRow : null;
                        if (filter?.PartitionKey is not null && filter.RowKeysNamed is { } named)
                        {
                            // Rows asked for by key: looked up, in key order, from the continuation on.
                            foreach (var key in named)
                            {
                                if ((from is null || string.CompareOrdinal(key, from) >= 0) && rows.TryGetValue(key, out var found) && filter.Matches(partition, key, found.Properties))
                                {
                                    if (count == top)
                                    {
                                        (nextPartition, nextRow) = (partition, key);
                                        goto done;
                                    }

                                    Render(writer, found, select, null);
                                    count++;
                                }
                            }

                            continue;
                        }

                        if (filter?.PartitionKey is not null && filter.RowKeyFrom is { } low && (from is null || string.CompareOrdinal(low, from) > 0))
                        {
                            from = low;
                        }

                        for (var i = from is null ? 0 : LowerBound(rows.Keys, from); i < rows.Count; i++)
                        {
                            var row = rows.Keys[i];
                            if (filter?.PartitionKey is not null && filter.RowKeyTo is { } high && string.CompareOrdinal(row, high.Key) is var c && (c > 0 || (c == 0 && !high.Inclusive)))
                            {
                                break;
                            }

                            var stored = rows.Values[i];
                            if (filter is not null && !filter.Matches(partition, row, stored.Properties))
                            {
                                continue;
                            }

                            if (count == top)
                            {
                                (nextPartition, nextRow) = (partition, row);
                                goto done;
                            }

                            Render(writer, stored, select, null);
                            count++;
                        }
                    }
                }

            done:
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            var reply = new Reply(200, body);
            return nextPartition is null
                ? reply
                : reply.With("x-ms-continuation-NextPartitionKey", Encode(nextPartition)).With("x-ms-continuation-NextRowKey", Encode(nextRow!));
        }

        private static int LowerBound(IList<string> keys, string key)
        {
            int low = 0, high = keys.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (string.CompareOrdinal(keys[mid], key) < 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }

        private static string Encode(string key) => "1!" + Convert.ToBase64String(Utf8.GetBytes(key)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

        private static string Decode(string token)
        {
            var text = token[2..].Replace('-', '+').Replace('_', '/');
            return Utf8.GetString(Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=')));
        }

        private static HashSet<string>? Select(string? select) =>
            string.IsNullOrEmpty(select) ? null : [.. select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

        /// <summary>The entity's properties as stored: strings held as strings (a filter reads them without allocating).</summary>
        private static JsonObject Properties(JsonObject document)
        {
            var properties = new JsonObject();
            foreach (var (name, value) in document)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "Timestamp@odata.type" || name.StartsWith("odata.", StringComparison.Ordinal))
                {
                    continue;
                }

                properties[name] = value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? JsonValue.Create(text.GetValue<string>()) : value?.DeepClone();
            }

            return properties;
        }

        private Stored Write(InMemoryTableService service, (string Partition, string Row) key, JsonObject properties)
        {
            var (etag, timestamp) = service.NextVersion();
            var stored = new Stored(key.Partition, key.Row, properties, etag, timestamp);
            Put(key, stored);
            return stored;
        }

        private void Put((string Partition, string Row) key, Stored stored)
        {
            if (!_partitions.TryGetValue(key.Partition, out var rows))
            {
                rows = new SortedList<string, Stored>(StringComparer.Ordinal);
                _partitions[key.Partition] = rows;
            }

            rows[key.Row] = stored;
        }

        private static void Render(Utf8JsonWriter writer, Stored stored, HashSet<string>? select, string? metadata)
        {
            writer.WriteStartObject();
            if (metadata is not null)
            {
                writer.WriteString("odata.metadata", metadata);
            }

            writer.WriteString("odata.etag", stored.ETag);
            if (select is null || select.Contains("PartitionKey"))
            {
                writer.WriteString("PartitionKey", stored.Partition);
            }

            if (select is null || select.Contains("RowKey"))
            {
                writer.WriteString("RowKey", stored.Row);
            }

            if (select is null || select.Contains("Timestamp"))
            {
                writer.WriteString("Timestamp", stored.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString("Timestamp" + EntityTypes.TypeSuffix, "Edm.DateTime");
            }

            foreach (var (name, value) in stored.Properties)
            {
                var property = name.EndsWith(EntityTypes.TypeSuffix, StringComparison.Ordinal) ? name[..^EntityTypes.TypeSuffix.Length] : name;
                if (select is not null && !select.Contains(property))
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }
    }

    private sealed record Stored(string Partition, string Row, JsonObject Properties, string ETag, DateTimeOffset Timestamp);

    private sealed class Reply(int status, byte[]? body = null)
    {
        public Reply(int status, string body)
            : this(status, Utf8.GetBytes(body))
        {
        }

        public int Status { get; } = status;

        public byte[]? Body { get; private set; } = body;

        public string ContentType { get; init; } = JsonType;

        public List<(string Name, string Value)> Headers { get; } = [];

        public Reply With(string name, string value)
        {
            Headers.Add((name, value));
            return this;
        }

        public static Reply Error(int status, string code, string message) =>
            new Reply(status, ErrorBody(code, message)).With("x-ms-error-code", code);

        /// <summary>The same error with the failed action's index in front of its message, as in a batch response.</summary>
        public Reply Indexed(int index)
        {
            var error = JsonNode.Parse(Body!)!["odata.error"]!;
            var message = error["message"]!["value"]!.GetValue<string>();
            if (!char.IsDigit(message[0]))
            {
                Body = Utf8.GetBytes(ErrorBody(error["code"]!.GetValue<string>(), index.ToString(CultureInfo.InvariantCulture) + ":" + message));
            }

            return this;
        }

        private static string ErrorBody(string code, string message) => new JsonObject
        {
            ["odata.error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = new JsonObject { ["lang"] = "en-US", ["value"] = message + "\nRequestId:00000000-0000-0000-0000-000000000000\nTime:" + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            },
        }.ToJsonString();

        public HttpResponseMessage ToMessage(HttpRequestMessage request)
        {
            var message = new HttpResponseMessage((HttpStatusCode)Status) { RequestMessage = request, ReasonPhrase = ReasonPhrase(Status) };
            message.Headers.TryAddWithoutValidation("x-ms-request-id", Guid.NewGuid().ToString());
            message.Headers.TryAddWithoutValidation("x-ms-version", "2019-02-02");
            message.Headers.TryAddWithoutValidation("Date", DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture));
            if (request.Headers.TryGetValues("x-ms-client-request-id", out var clientRequestId))
            {
                message.Headers.TryAddWithoutValidation("x-ms-client-request-id", clientRequestId);
            }

            var content = new ByteArrayContent(Body ?? []);
            if (Body is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }

            foreach (var (name, value) in Headers)
            {
                if (!message.Headers.TryAddWithoutValidation(name, value))
                {
                    content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            message.Content = content;
            return message;
        }
    }
}
