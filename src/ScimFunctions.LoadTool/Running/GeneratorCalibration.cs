using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ScimFunctions.LoadTool.Client;

namespace ScimFunctions.LoadTool.Running;

/// <summary>
/// What the load generator itself costs per request, so an in-process run can take it out of the process figures:
/// each operation's sampled request is sent again through a <see cref="ScimClient"/> (body built from JSON, sent,
/// answer read and parsed) whose handler answers at once with the sampled answer. Not measured: the client's
/// loopback socket work, which therefore stays in the host's figure (an overstatement of the host, never an understatement).
/// </summary>
internal static class GeneratorCalibration
{
    private const int WarmUp = 50;
    private const int MinIterations = 200;
    private const int MaxIterations = 5_000;

    public static async Task<IReadOnlyDictionary<string, PerRequestCost>> RunAsync(
        IReadOnlyDictionary<string, RequestSample> samples, IReadOnlyDictionary<string, long> counts, int concurrency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(counts);
        var costs = new Dictionary<string, PerRequestCost>(StringComparer.Ordinal);
        foreach (var (operation, sample) in samples.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            using var http = new HttpClient(new CannedAnswer(sample));
            var client = new ScimClient(http, new Uri("http://calibration.invalid/scim/v2/calibration/"), "calibration");
            var iterations = (int)Math.Clamp(counts.GetValueOrDefault(operation), MinIterations, MaxIterations);
            await SendAsync(client, operation, sample, WarmUp, concurrency, cancellationToken);
            var spent = await ProcessSample.MeasureAsync(() => SendAsync(client, operation, sample, iterations, concurrency, cancellationToken));
            costs[operation] = PerRequestCost.Of(spent, iterations);
        }

        return costs;
    }

    private static Task SendAsync(ScimClient client, string operation, RequestSample sample, int iterations, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, iterations),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (_, token) =>
            {
                var body = sample.Body is null ? null : JsonNode.Parse(sample.Body);
                var response = await client.SendAsync(operation, sample.Method, sample.RelativeUrl, body, token);
                GC.KeepAlive(response.Id ?? response.FirstResourceId); // what the scenarios read of an answer
            });

    /// <summary>Reads the request as a socket would and answers with the sample's answer.</summary>
    private sealed class CannedAnswer(RequestSample sample) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                await content.CopyToAsync(Stream.Null, cancellationToken);
            }

            var response = new HttpResponseMessage((HttpStatusCode)sample.Status)
            {
                Content = new StringContent(sample.ResponseText, Encoding.UTF8, "application/scim+json"),
                RequestMessage = request,
            };
            if (sample.StorageRequests is { } storage)
            {
                response.Headers.Add(ScimClient.StorageRequestsHeader, storage.ToString(CultureInfo.InvariantCulture));
            }

            return response;
        }
    }
}
