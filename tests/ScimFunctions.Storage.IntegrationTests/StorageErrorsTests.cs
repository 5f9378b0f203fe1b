using Azure;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Tables;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>The one classifier of storage faults (store and HTTP pipeline alike), case by case.</summary>
public sealed class StorageErrorsTests
{
    public static TheoryData<string, Exception, bool, int?> Cases() => new()
    {
        { "no response", new RequestFailedException(0, "no response"), false, 503 },
        { "408", new RequestFailedException(408, "timeout"), false, 503 },
        { "429 from storage", new RequestFailedException(429, "throttled"), false, 503 },
        { "500 from storage", new RequestFailedException(500, "internal"), false, 503 },
        { "503 from storage", new RequestFailedException(503, "busy"), false, 503 },
        { "table not found", new RequestFailedException(404, "gone", StorageErrors.TableNotFound, null), false, 503 },
        { "row not found", new RequestFailedException(404, "no row", "ResourceNotFound", null), false, null },
        { "409", new RequestFailedException(409, "conflict"), false, null },
        { "412", new RequestFailedException(412, "precondition"), false, null },
        { "403", new RequestFailedException(403, "forbidden"), false, null },
        { "HttpRequestException", new HttpRequestException("refused"), false, 503 },
        { "TimeoutException", new TimeoutException(), false, 503 },
        { "IOException", new IOException("reset"), false, 503 },
        { "IOException, request aborted", new IOException("reset"), true, null },
        { "timeout as cancellation", new TaskCanceledException(), false, 503 },
        { "request aborted", new OperationCanceledException(), true, null },
        { "all inner unavailable", new AggregateException(new HttpRequestException(), new RequestFailedException(503, "busy")), false, 503 },
        { "one inner a bug", new AggregateException(new HttpRequestException(), new InvalidOperationException()), false, null },
        { "empty aggregate", new AggregateException(), false, null },
        { "already a SCIM error", ScimException.NotFound("x"), false, null },
        { "a bug", new InvalidOperationException("bug"), false, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_fault_is_classified_once(string name, Exception fault, bool aborted, int? expected)
    {
        using var cancellation = new CancellationTokenSource();
        if (aborted)
        {
            cancellation.Cancel();
        }

        var classified = StorageErrors.Classify(fault, cancellation.Token);

        Assert.True(expected == classified?.Status, $"{name}: {classified?.Status}");
        Assert.Same(fault, classified?.InnerException ?? fault);
    }

    [Fact]
    public async Task Guard_turns_a_lost_table_into_503_and_lets_other_faults_through()
    {
        var lost = await Assert.ThrowsAsync<ScimException>(() => StorageErrors.Guard(() => throw new RequestFailedException(404, "gone", StorageErrors.TableNotFound, null), CancellationToken.None));
        Assert.Equal(503, lost.Status);
        Assert.Equal(StorageErrors.TenantStorageMissingDetail, lost.Detail);
        await Assert.ThrowsAsync<RequestFailedException>(() => StorageErrors.Guard(() => throw new RequestFailedException(409, "conflict"), CancellationToken.None));
    }
}
