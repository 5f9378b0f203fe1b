using System.Diagnostics;
using ScimFunctions.Core;
using ScimFunctions.Core.Errors;
using ScimFunctions.Core.Resources;
using ScimFunctions.Core.Schemas;
using ScimFunctions.LoadTool.Client;
using ScimFunctions.LoadTool.Scenarios;
using ScimFunctions.Storage.Abstractions;

namespace ScimFunctions.LoadTool.Scale;

/// <summary>
/// Fills a tenant with users 0..N-1 of a population, either through the SCIM API (POST /Users, what an IdP does) or
/// through the store directly (<see cref="ITenantScimStore.CreateAsync"/>: the same entity-group transaction per user
/// that the API runs, without HTTP, auth and JSON on the way). Users that already exist are skipped (409).
/// </summary>
internal static class Seeder
{
    public static async Task<SeedResult> ThroughHttpAsync(ScimClient client, Population population, int from, int concurrency, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var runner = new LoadRunner(client, concurrency, RetryPolicy.Default);
        var result = await runner.RunAsync(
            [Phase.Counted("seed", population.Users - from, async (k, ct) =>
            {
                var response = await client.PostAsync(OperationNames.CreateUser, "Users", population.UserDocument(from + k), ct);
                if (response.Status is not (201 or 409))
                {
                    throw new ScimRequestException(OperationNames.CreateUser, response);
                }
            })],
            cancellationToken);
        if (result.FailedWorkItems > 0)
        {
            throw new InvalidOperationException($"Seeding failed for {result.FailedWorkItems} users: {string.Join("; ", result.SampleFailures)}");
        }

        return new SeedResult("HTTP POST /Users", population.Users - from, stopwatch.Elapsed.TotalSeconds);
    }

    public static async Task<SeedResult> ThroughStoreAsync(ITenantStoreProvider stores, TenantId tenant, Population population, int from, int concurrency, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var store = await stores.GetStoreAsync(tenant, cancellationToken);
        await CreateUsersAsync(store, population, from, population.Users - from, concurrency, null, cancellationToken);
        return new SeedResult("store CreateAsync (no HTTP)", population.Users - from, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>Creates users <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1 through the store; existing ones are skipped.</summary>
    public static Task CreateUsersAsync(ITenantScimStore store, Population population, int from, int count, int concurrency, Action? created, CancellationToken cancellationToken)
    {
        var userType = ScimSchemas.UserResourceType();
        return Parallel.ForEachAsync(
            Enumerable.Range(from, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var document = ResourceValidator.Normalize(population.UserDocument(i), userType);
                try
                {
                    await store.CreateAsync(userType, document, new WriteContext(Actor: "scimload seed"), ct);
                }
                catch (ScimException ex) when (ex.Status == 409)
                {
                    // Already there from an earlier, interrupted seeding.
                }

                created?.Invoke();
            });
    }
}
