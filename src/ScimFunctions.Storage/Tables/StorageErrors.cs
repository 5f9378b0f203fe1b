using Azure;

namespace ScimFunctions.Storage.Tables;

/// <summary>
/// The one classifier of storage and vault faults, used by the store (<see cref="Guard{T}"/>) and by the HTTP pipeline
/// for whatever reaches it unguarded. Each case is decided here once:
/// <list type="bullet">
/// <item>No response (status 0), 408, 429 (the storage service throttles), any 5xx, <see cref="HttpRequestException"/>,
/// <see cref="TimeoutException"/>, <see cref="IOException"/> (unless the caller's request was aborted), a timeout seen
/// as <see cref="OperationCanceledException"/> while the caller's token is not cancelled: unavailable, 503 + Retry-After.</item>
/// <item>A table that does not exist (404 <c>TableNotFound</c>: a silo table dropped outside the service, an emulator
/// restarted empty): 503 + Retry-After for the operator to fix, never a 404 or a 500.</item>
/// <item>An <see cref="AggregateException"/>: unavailable when every inner fault is.</item>
/// <item>Anything else (another 4xx from storage, a bug): not a storage fault; the caller handles it or it is a 500.</item>
/// </list>
/// </summary>
public static class StorageErrors
{
    /// <summary>What a 503 for a storage fault asks the client to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public const string UnavailableDetail = "The storage service is temporarily unavailable. Retry the request later.";
    public const string TenantStorageMissingDetail = "The tenant's storage is not available (its table is missing or its account cannot be reached); the operator has been told. Retry the request later.";

    public const string TenantMovingDetail = "The tenant's data is being moved to another location; writes pause for a few seconds. Retry the request later.";

    public const string TableNotFound = "TableNotFound";

    /// <summary>Runs a storage operation; what <see cref="Classify"/> recognises becomes its 503 (nothing was written partially).</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public static Task Guard(Func<Task> operation, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await operation();
            return true;
        }, cancellationToken);

    /// <summary>The 503 a storage fault is answered with; null when <paramref name="exception"/> is not one.</summary>
    public static ScimException? Classify(Exception exception, CancellationToken cancellationToken) =>
        IsUnavailable(exception, cancellationToken) ? new ScimException(503, null, UnavailableDetail, exception)
        : IsTableMissing(exception) ? new ScimException(503, null, TenantStorageMissingDetail, exception)
        : null;

    /// <summary>The table itself is gone (a silo table dropped outside the service): a 503 for the operator to fix, never a 404 or 500.</summary>
    public static bool IsTableMissing(Exception exception) =>
        exception is RequestFailedException { Status: 404, ErrorCode: TableNotFound };

    /// <summary>
    /// A point read that found nothing answers 404 both for "no such row" and "no such table"; the second is a fault.
    /// Throws the table-missing fault for it (classified as above), so no caller mistakes a lost table for a lost row.
    /// </summary>
    public static void ThrowIfTableMissing(Response response, string table)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Status == 404 && response.Content.ToString().Contains(TableNotFound, StringComparison.Ordinal))
        {
            throw new RequestFailedException(404, $"Table '{table}' does not exist.", TableNotFound, null);
        }
    }

    /// <summary>
    /// The row, or null when there is none; a missing table is the table-missing fault (see <see cref="ThrowIfTableMissing"/>),
    /// never "no such row".
    /// </summary>
    public static async Task<TableEntity?> GetIfExistsAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken);
        if (response.HasValue)
        {
            return response.Value;
        }

        ThrowIfTableMissing(response.GetRawResponse(), table.Name);
        return null;
    }

    /// <summary>A transient fault: the request may succeed when retried (see the class summary).</summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ScimException => false,
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        RequestFailedException => false,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => IsUnavailable(inner, cancellationToken)),
        HttpRequestException or TimeoutException => true,
        IOException => !cancellationToken.IsCancellationRequested,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
