using Azure.Core;
using Azure.Core.Pipeline;

namespace ScimFunctions.Storage.Limits;

/// <summary>
/// Charges every storage request that goes on the wire (retries included) to the <see cref="RequestBudget.Current"/>
/// budget. In every client <see cref="TableStorage"/> builds, so no code path can spend storage requests unbudgeted.
/// </summary>
internal sealed class RequestBudgetPolicy : HttpPipelinePolicy
{
    public static RequestBudgetPolicy Instance { get; } = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        RequestBudget.Current?.Charge();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        RequestBudget.Current?.Charge();
        return ProcessNextAsync(message, pipeline);
    }
}
