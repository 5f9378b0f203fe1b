namespace ScimFunctions.Testing;

/// <summary>
/// The storage every test of a test process shares: the instance named by <c>SCIM_TEST_STORAGE_CONNECTION_STRING</c>
/// (eng/test.sh starts one) or, when the variable is not set, one Azurite started on first use and stopped when the
/// process exits. Tests isolate themselves with fresh random tenant ids and table names, so they run in parallel.
/// </summary>
public static class SharedAzurite
{
    public const string ConnectionStringVariable = "SCIM_TEST_STORAGE_CONNECTION_STRING";

    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static string? s_connectionString;
    private static AzuriteInstance? s_instance;

    /// <summary>The connection string of the shared storage, starting Azurite when needed.</summary>
    public static async Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        if (s_connectionString is { } known)
        {
            return known;
        }

        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (s_connectionString is null)
            {
                var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStringVariable);
                if (!string.IsNullOrWhiteSpace(fromEnvironment))
                {
                    s_connectionString = fromEnvironment;
                }
                else
                {
                    s_instance = await AzuriteInstance.StartAsync(cancellationToken: cancellationToken);
                    var instance = s_instance;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Kill();
                    s_connectionString = instance.ConnectionString;
                }
            }

            return s_connectionString;
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>
    /// The connection string of the shared storage with a Queue endpoint as well: <c>SCIM_TEST_QUEUE_CONNECTION_STRING</c>
    /// (a connection string with a QueueEndpoint) or Azurite's queue service started on first use on a free port.
    /// </summary>
    public static async Task<string> GetTableAndQueueConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        var tables = await GetConnectionStringAsync(cancellationToken);
        await s_gate.WaitAsync(cancellationToken);
        try
        {
            if (s_queueEndpoint is null)
            {
                var fromEnvironment = Environment.GetEnvironmentVariable(QueueConnectionStringVariable);
                if (!string.IsNullOrWhiteSpace(fromEnvironment))
                {
                    s_queueEndpoint = QueueEndpointOf(fromEnvironment);
                }
                else
                {
                    s_queueInstance = await AzuriteInstance.StartQueueAsync(cancellationToken);
                    var instance = s_queueInstance;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Kill();
                    s_queueEndpoint = QueueEndpointOf(instance.ConnectionString);
                }
            }
        }
        finally
        {
            s_gate.Release();
        }

        return tables.TrimEnd(';') + ";" + s_queueEndpoint + ";";
    }

    public const string QueueConnectionStringVariable = "SCIM_TEST_QUEUE_CONNECTION_STRING";

    private static string? s_queueEndpoint;
    private static AzuriteInstance? s_queueInstance;

    private static string QueueEndpointOf(string connectionString) =>
        connectionString.Split(';').FirstOrDefault(part => part.StartsWith("QueueEndpoint=", StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{QueueConnectionStringVariable} has no QueueEndpoint.");
}
