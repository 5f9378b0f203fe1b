using Azure;
using ScimFunctions.Core.Errors;

namespace ScimFunctions.Storage.Tables;

/// <summary>Maps what the storage service or the network says into the domain's one exception type.</summary>
internal static class StorageErrors
{
    public const string UnavailableDetail = "The storage service is temporarily unavailable. Retry the request later.";
    public const string TenantStorageMissingDetail = "The tenant's storage is not available (its table is missing or its account cannot be reached); the operator has been told. Retry the request later.";

    /// <summary>Runs a storage operation; connection failures, timeouts and 5xx become 503 (nothing was written partially).</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw new ScimException(503, null, UnavailableDetail, ex);
        }
        catch (RequestFailedException ex) when (IsTableMissing(ex))
        {
            throw new ScimException(503, null, TenantStorageMissingDetail, ex);
        }
    }

    public static async Task Guard(Func<Task> operation, CancellationToken cancellationToken)
    {
        try
        {
            await operation();
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw new ScimException(503, null, UnavailableDetail, ex);
        }
        catch (RequestFailedException ex) when (IsTableMissing(ex))
        {
            throw new ScimException(503, null, TenantStorageMissingDetail, ex);
        }
    }

    /// <summary>The table itself is gone (a silo table dropped outside the service): a 503 for the operator to fix, never a 404 or 500.</summary>
    public static bool IsTableMissing(RequestFailedException exception) =>
        exception is { Status: 404, ErrorCode: TableNotFound };

    public const string TableNotFound = "TableNotFound";

    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ScimException => false,
        RequestFailedException { Status: 0 or 408 or >= 500 } => true,
        RequestFailedException => false,
        AggregateException aggregate => aggregate.InnerExceptions.All(inner => IsUnavailable(inner, cancellationToken)),
        HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
