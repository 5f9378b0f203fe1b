using System.Text.Json;
using Azure;

namespace ScimFunctions.Storage.Resources;

/// <summary>
/// A resource row: the document (UTF-8 JSON in binary columns of at most 64 KiB each) and the columns the store
/// needs without parsing it: kind, type, the Deleting mark and the time of the last membership change.
/// </summary>
internal sealed record ResourceRow(string Type, string Id, JsonObject Document, ETag ETag, bool Deleting, DateTimeOffset? MembersModified)
{
    private const int ChunkBytes = EntitySize.MaxValueBytes;

    // 16 chunks are 1 MiB: more could never fit an entity; the exact limit is checked on the whole row (EntitySize).
    private const int MaxChunks = EntitySize.MaxEntityBytes / ChunkBytes;

    // Doc0 … Doc15.
    private static readonly string[] ChunkColumns = [.. Enumerable.Range(0, MaxChunks).Select(i => Columns.DocumentPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public string RowKey => RowKeys.Resource(Type, Id);

    public static ResourceRow? From(TableEntity entity)
    {
        if (!string.Equals(entity.GetString(Columns.Kind), RowKinds.Resource, StringComparison.Ordinal))
        {
            return null;
        }

        var type = entity.GetString(Columns.Type);
        var separator = entity.RowKey.IndexOf(RowKeys.Separator, StringComparison.Ordinal);
        var id = entity.RowKey[(separator + 1)..];
        var document = ParseDocument(entity) as JsonObject ?? [];
        return new ResourceRow(type, id, document, entity.ETag, entity.GetBoolean(Columns.Deleting) ?? false, entity.GetDateTimeOffset(Columns.MembersModified));
    }

    /// <summary>The document of the row's chunks, parsed where they are (one chunk, the usual case, is not copied).</summary>
    private static JsonNode? ParseDocument(TableEntity entity)
    {
        var first = entity.GetBinary(ChunkColumns[0]);
        if (first is null)
        {
            return null;
        }

        if (entity.GetBinary(ChunkColumns[1]) is null)
        {
            return JsonNode.Parse(first);
        }

        using var buffer = new MemoryStream();
        for (var i = 0; i < MaxChunks && entity.GetBinary(ChunkColumns[i]) is { } chunk; i++)
        {
            buffer.Write(chunk);
        }

        return JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>A full row for insert or replace.</summary>
    public static TableEntity ToEntity(TenantPartition partition, string type, string id, JsonObject document, DateTimeOffset? membersModified, bool deleting = false)
    {
        var entity = partition.NewEntity(RowKeys.Resource(type, id));
        entity[Columns.Kind] = RowKinds.Resource;
        entity[Columns.Type] = type;
        entity[Columns.Deleting] = deleting;
        if (membersModified is { } modified)
        {
            entity[Columns.MembersModified] = modified;
        }

        // Straight to UTF-8 (the same bytes as ToJsonString with the default options, without the string); a document of
        // one chunk, the usual case, is that array itself.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, JsonSerializerOptions.Default);
        if (bytes.Length > ChunkBytes * MaxChunks)
        {
            throw EntitySize.TooLarge();
        }

        if (bytes.Length <= ChunkBytes)
        {
            entity[ChunkColumns[0]] = bytes;
            return entity;
        }

        for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
        {
            entity[ChunkColumns[offset / ChunkBytes]] = bytes.AsSpan(offset, Math.Min(ChunkBytes, bytes.Length - offset)).ToArray();
        }

        return entity;
    }

    /// <summary>A merge that only records a membership change (changes the ETag, never the document).</summary>
    public static TableEntity Touch(TenantPartition partition, string type, string id, DateTimeOffset now)
    {
        var entity = partition.NewEntity(RowKeys.Resource(type, id));
        entity[Columns.MembersModified] = now;
        return entity;
    }

    /// <summary>A merge that marks the row as being deleted.</summary>
    public static TableEntity MarkDeleting(TenantPartition partition, string type, string id)
    {
        var entity = partition.NewEntity(RowKeys.Resource(type, id));
        entity[Columns.Deleting] = true;
        return entity;
    }
}
