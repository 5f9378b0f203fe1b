using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ScimFunctions.Testing;

/// <summary>When an injected fault strikes relative to the request.</summary>
public enum FaultTiming
{
    /// <summary>The request never reaches storage (connection refused).</summary>
    BeforeSend,

    /// <summary>Storage applies the request but the answer is lost (the process dies, the connection drops).</summary>
    AfterSend,
}

/// <summary>
/// A pipeline policy (add it per call, before retries) that simulates a crash: once armed, the Nth storage request
/// from then on and every later one fails like an unreachable service, until <see cref="Disarm"/>. Tests run an
/// operation with a crash after each of its steps, then retry it without faults and check that it converged.
/// </summary>
public sealed class FaultInjectionPolicy : HttpPipelinePolicy
{
    private int _failFrom = int.MaxValue;
    private int _seen;
    private FaultTiming _timing;

    /// <summary>Requests seen since the last <see cref="FailFrom"/> or <see cref="Count"/>.</summary>
    public int Seen => Volatile.Read(ref _seen);

    /// <summary>Fails request number <paramref name="requestNumber"/> (1-based, counted from now) and all after it.</summary>
    public void FailFrom(int requestNumber, FaultTiming timing = FaultTiming.BeforeSend)
    {
        _timing = timing;
        Volatile.Write(ref _seen, 0);
        Volatile.Write(ref _failFrom, requestNumber);
    }

    /// <summary>Counts requests from now without failing any.</summary>
    public void Count() => FailFrom(int.MaxValue);

    public void Disarm() => Volatile.Write(ref _failFrom, int.MaxValue);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var number = Interlocked.Increment(ref _seen);
        var strike = number >= Volatile.Read(ref _failFrom);
        if (strike && _timing == FaultTiming.BeforeSend)
        {
            throw Fault(number);
        }

        await ProcessNextAsync(message, pipeline);
        if (strike)
        {
            throw Fault(number);
        }
    }

    private static RequestFailedException Fault(int number) =>
        new(0, $"Injected fault at storage request {number}.", new HttpRequestException("Injected fault: connection lost."));
}
