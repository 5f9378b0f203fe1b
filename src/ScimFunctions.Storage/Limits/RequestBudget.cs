using System.Globalization;

namespace ScimFunctions.Storage.Limits;

/// <summary>
/// The storage work one HTTP request may cause: a number of storage requests and a time, both within
/// <see cref="Ceilings"/>. The HTTP layer enters a budget for each tenant request (<see cref="Enter"/>; it flows with
/// the async context); <see cref="RequestBudgetPolicy"/> charges every storage request to it, and the store
/// <see cref="Reserve">reserves</see> a write's transactions before submitting the first one, so a write that cannot
/// finish within the budget is refused (413) with nothing written. Outside a budget (operator API, scimctl, the load
/// tool's seeding) nothing is limited.
/// </summary>
public sealed class RequestBudget
{
    private static readonly AsyncLocal<RequestBudget?> s_current = new();

    private readonly TimeProvider _time;
    private readonly long _started;
    private int _used;
    private volatile bool _closed;

    public RequestBudget(int maxStorageRequests, TimeSpan maxDuration, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStorageRequests, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxStorageRequests, Ceilings.StorageRequestsPerRequest);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDuration, TimeSpan.FromSeconds(Ceilings.RequestSeconds));
        ArgumentNullException.ThrowIfNull(time);
        MaxStorageRequests = maxStorageRequests;
        MaxDuration = maxDuration;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>The budget of the request this async flow serves, or null.</summary>
    public static RequestBudget? Current => s_current.Value;

    public int MaxStorageRequests { get; }

    public TimeSpan MaxDuration { get; }

    /// <summary>Storage requests charged so far.</summary>
    public int Used => Volatile.Read(ref _used);

    /// <summary>Makes this the budget of the current async flow until disposed; afterwards it charges nothing (work the request left behind is not its own).</summary>
    public IDisposable Enter()
    {
        var previous = s_current.Value;
        s_current.Value = this;
        return new Scope(this, previous);
    }

    /// <summary>
    /// Before work of <paramref name="storageRequests"/> requests that must not stop halfway (a chunked write):
    /// 413 now, before any of it, when it does not fit in what is left.
    /// </summary>
    public void Reserve(int storageRequests, string work)
    {
        if (_closed)
        {
            return;
        }

        CheckTime();
        if ((long)Used + storageRequests > MaxStorageRequests)
        {
            throw Exceeded(string.Create(CultureInfo.InvariantCulture, $"{work} needs {storageRequests} storage requests"));
        }
    }

    /// <summary>One storage request (from <see cref="RequestBudgetPolicy"/>): 413 once the budget is spent or its time is over.</summary>
    internal void Charge()
    {
        if (_closed)
        {
            return;
        }

        CheckTime();
        if (Interlocked.Increment(ref _used) > MaxStorageRequests)
        {
            throw Exceeded("the request needs more storage requests");
        }
    }

    private void CheckTime()
    {
        if (_time.GetElapsedTime(_started) > MaxDuration)
        {
            throw new ScimException(413, null, string.Create(CultureInfo.InvariantCulture,
                $"The request needs more than {MaxDuration.TotalSeconds:0.#} s of storage work, the most one request may take; split it into smaller requests."));
        }
    }

    private ScimException Exceeded(string what) => new(413, null, string.Create(CultureInfo.InvariantCulture,
        $"The work of this request exceeds its budget ({what}; one request may cause at most {MaxStorageRequests}); split it into smaller requests."));

    private sealed class Scope(RequestBudget budget, RequestBudget? previous) : IDisposable
    {
        public void Dispose()
        {
            budget._closed = true;
            if (ReferenceEquals(s_current.Value, budget))
            {
                s_current.Value = previous;
            }
        }
    }
}
