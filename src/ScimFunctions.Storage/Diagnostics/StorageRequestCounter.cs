using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ScimFunctions.Storage.Diagnostics;

/// <summary>
/// An Azure.Core pipeline policy that counts storage requests: in total, per operation name, and per scope
/// (<see cref="BeginScope"/> flows with the async context, so concurrent operations are counted apart). Add it with
/// <see cref="TableStoreOptions.PerRetryPolicies"/> to count every request that goes on the wire, retries included.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly AsyncLocal<Scope?> _current = new();
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Requests per operation name (the innermost named scope's name, or "(none)").</summary>
    public IReadOnlyDictionary<string, long> ByOperation => _byOperation;

    /// <summary>Starts counting the requests made in this async flow until the scope is disposed.</summary>
    public Scope BeginScope(string operation = "")
    {
        var scope = new Scope(this, operation, _current.Value);
        _current.Value = scope;
        return scope;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        Interlocked.Increment(ref _total);
        var description = message.Request.Method + " " + message.Request.Uri.Path;
        var scope = _current.Value;
        _byOperation.AddOrUpdate(string.IsNullOrEmpty(scope?.Operation) ? "(none)" : scope.Operation, 1, (_, n) => n + 1);
        for (; scope is not null; scope = scope.Parent)
        {
            scope.Add(description);
        }
    }

    /// <summary>The requests of one async flow.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly StorageRequestCounter _owner;
        private readonly ConcurrentQueue<string> _requests = new();
        private int _count;

        internal Scope(StorageRequestCounter owner, string operation, Scope? parent)
        {
            _owner = owner;
            Operation = operation;
            Parent = parent;
        }

        public string Operation { get; }

        public int Count => Volatile.Read(ref _count);

        /// <summary>"METHOD /path" of each request, in order.</summary>
        public IReadOnlyList<string> Requests => [.. _requests];

        internal Scope? Parent { get; }

        public void Dispose()
        {
            if (ReferenceEquals(_owner._current.Value, this))
            {
                _owner._current.Value = Parent;
            }
        }

        internal void Add(string description)
        {
            Interlocked.Increment(ref _count);
            _requests.Enqueue(description);
        }

        public override string ToString() => $"{Count} request(s): " + string.Join(", ", Requests);
    }
}
