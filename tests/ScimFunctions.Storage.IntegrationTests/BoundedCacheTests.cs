using ScimFunctions.Storage.Caching;

namespace ScimFunctions.Storage.IntegrationTests;

/// <summary>The size-capped, single-flight cache the request path keeps per process (no storage involved).</summary>
public sealed class BoundedCacheTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task When_full_the_least_recently_used_entry_goes_and_the_rest_stay()
    {
        var cache = new BoundedCache<int, string>(3, TimeProvider.System);
        var loads = 0;
        Task<string> Load(int key)
        {
            loads++;
            return Task.FromResult("v" + key);
        }

        foreach (var key in new[] { 1, 2, 3 })
        {
            await cache.GetOrLoadAsync(key, Load, _ => Hour);
        }

        await cache.GetOrLoadAsync(1, Load, _ => Hour); // 1 is now the most recently used
        await cache.GetOrLoadAsync(4, Load, _ => Hour); // evicts 2, the least recently used

        Assert.Equal(3, cache.Count);
        Assert.True(cache.Contains(1));
        Assert.False(cache.Contains(2));
        Assert.True(cache.Contains(3));
        Assert.True(cache.Contains(4));
        Assert.Equal(4, loads);
    }

    [Fact]
    public async Task Many_more_keys_than_the_capacity_keep_it_at_the_capacity()
    {
        var cache = new BoundedCache<int, int>(100, TimeProvider.System);
        for (var key = 0; key < 10_000; key++)
        {
            await cache.GetOrLoadAsync(key, k => Task.FromResult(k), _ => Hour);
        }

        Assert.Equal(100, cache.Count);
        Assert.True(cache.Contains(9_999));
    }

    [Fact]
    public async Task Concurrent_misses_of_one_key_share_one_load()
    {
        var cache = new BoundedCache<string, int>(10, TimeProvider.System);
        var release = new TaskCompletionSource<int>();
        var loads = 0;
        var waiters = Enumerable.Range(0, 50).Select(_ => cache.GetOrLoadAsync("k", _ =>
        {
            Interlocked.Increment(ref loads);
            return release.Task;
        }, _ => Hour)).ToList();

        release.SetResult(42);

        Assert.All(await Task.WhenAll(waiters), value => Assert.Equal(42, value));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_failed_load_is_not_kept()
    {
        var cache = new BoundedCache<string, int>(10, TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrLoadAsync("k", _ => Task.FromException<int>(new InvalidOperationException()), _ => Hour));

        Assert.False(cache.Contains("k"));
        Assert.Equal(7, await cache.GetOrLoadAsync("k", _ => Task.FromResult(7), _ => Hour));
    }

    [Fact]
    public async Task The_lifetime_follows_the_value_and_set_replaces_whatever_was_cached()
    {
        var cache = new BoundedCache<string, string?>(10, TimeProvider.System);
        Func<string?, TimeSpan> lifetime = value => value is null ? TimeSpan.Zero : Hour;

        Assert.Null(await cache.GetOrLoadAsync("unknown", _ => Task.FromResult<string?>(null), lifetime));
        Assert.False(cache.Contains("unknown")); // "not found" expired at once: the next get loads again

        await cache.GetOrLoadAsync("known", _ => Task.FromResult<string?>("old"), lifetime);
        cache.Set("known", "new", Hour);
        Assert.Equal("new", await cache.GetOrLoadAsync("known", _ => Task.FromResult<string?>("loaded"), lifetime));

        cache.Invalidate("known");
        Assert.Equal("loaded", await cache.GetOrLoadAsync("known", _ => Task.FromResult<string?>("loaded"), lifetime));
    }

    [Fact]
    public async Task A_reload_asked_for_by_many_callers_at_once_is_one_load_they_all_share()
    {
        var cache = new BoundedCache<int, int>(10, TimeProvider.System);
        var loads = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<int> Load(int key)
        {
            var n = Interlocked.Increment(ref loads);
            if (n > 1)
            {
                await gate.Task;
            }

            return n;
        }

        var first = await cache.GetOrLoadAsync(1, Load, _ => Hour);
        var reloads = Enumerable.Range(0, 20).Select(_ => cache.GetOrLoadAsync(1, Load, _ => Hour, value => value == first)).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(reloads);

        Assert.Equal(1, first);
        Assert.All(results, value => Assert.Equal(2, value));
        Assert.Equal(2, loads);
        Assert.Equal(2, await cache.GetOrLoadAsync(1, Load, _ => Hour, value => value == first));
    }
}
