using Xunit;

namespace ScimFunctions.Testing;

/// <summary>
/// An xunit class fixture handing out the shared storage's connection string (see <see cref="SharedAzurite"/>).
/// Use it with <c>IClassFixture&lt;AzuriteFixture&gt;</c>; classes stay in their own collections and run in parallel.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync() => _connectionString = await SharedAzurite.GetConnectionStringAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
