using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScimFunctions.Testing;

/// <summary>
/// One Azurite Table service process on a free loopback port with its own temporary data folder. Tests that need
/// to take storage away (fault tests) start a private instance and stop/restart it; everything else shares
/// <see cref="SharedAzurite"/>.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _executable;
    private readonly bool _ownsFolder;
    private readonly bool _inMemory;
    private readonly string _service;
    private Process? _process;

    private AzuriteInstance(string executable, string dataFolder, bool ownsFolder, int port, bool inMemory, string service = "table")
    {
        _executable = executable;
        _service = service;
        _inMemory = inMemory;
        DataFolder = dataFolder;
        _ownsFolder = ownsFolder;
        Port = port;
    }

    public int Port { get; }

    public string DataFolder { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString => _service == "queue" ? QueueConnectionStringFor(Port) : ConnectionStringFor(Port);

    /// <summary>The well-known Azurite development account's connection string for a Table endpoint on <paramref name="port"/>.</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>The development account's connection string for a Queue endpoint on <paramref name="port"/> (Azurite's queue service).</summary>
    public static string QueueConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>Starts Azurite's Queue service (not the table one) on a free port with a fresh temporary data folder.</summary>
    public static async Task<AzuriteInstance> StartQueueAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable("queue");
        var folder = Directory.CreateTempSubdirectory("scim-azurite-queue-").FullName;
        var instance = new AzuriteInstance(executable, folder, ownsFolder: true, FreePort(), inMemory: false, "queue");
        try
        {
            await instance.RestartAsync(cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a new instance on a free port with a fresh temporary data folder. <paramref name="inMemory"/> keeps the
    /// data in memory only (much faster for large seeds; a restart loses it).
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(bool inMemory = false, CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        var folder = Directory.CreateTempSubdirectory("scim-azurite-").FullName;
        var instance = new AzuriteInstance(executable, folder, ownsFolder: true, FreePort(), inMemory);
        try
        {
            await instance.RestartAsync(cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process again (same port, same data) after <see cref="StopAsync"/>.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { $"--{_service}Host", "127.0.0.1", $"--{_service}Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent", "--disableTelemetry" })
        {
            start.ArgumentList.Add(argument);
        }

        // Azurite refuses --location together with --inMemoryPersistence; it writes its config file to the working directory.
        start.ArgumentList.Add(_inMemory ? "--inMemoryPersistence" : "--location");
        if (!_inMemory)
        {
            start.ArgumentList.Add(DataFolder);
        }

        start.WorkingDirectory = DataFolder;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} while starting on port {Port}.");
            }

            if (await CanConnectAsync(Port, cancellationToken))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        await StopAsync();
        throw new TimeoutException($"Azurite did not start listening on port {Port} within 30 seconds.");
    }

    /// <summary>
    /// Moves every row of the <paramref name="sources"/> tables into <paramref name="target"/> (Azurite stopped, its
    /// database file rewritten by <c>eng/azurite-merge-tables.js</c>, then restarted on the same port). Rows present in
    /// several tables are combined: the store's counter shards (<c>Count</c>) are summed, identical copies kept once,
    /// anything else fails and nothing is written. Azurite runs again afterwards either way. Used to seed large tenants: Azurite finds an entity by scanning its partition, so inserting
    /// into one partition of P rows costs O(P); seeding shard tables and merging them is minutes instead of hours.
    /// </summary>
    public async Task MergeTablesAsync(string target, IReadOnlyCollection<string> sources, CancellationToken cancellationToken = default)
    {
        if (_inMemory)
        {
            throw new InvalidOperationException("Merging tables needs an on-disk instance: in-memory data does not survive the restart.");
        }

        await StopAsync();
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "eng", "azurite-merge-tables.js"));
        start.ArgumentList.Add(DataFolder);
        start.ArgumentList.Add(target);
        foreach (var source in sources)
        {
            start.ArgumentList.Add(source);
        }

        try
        {
            using var merge = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
            var output = merge.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = merge.StandardError.ReadToEndAsync(cancellationToken);
            await merge.WaitForExitAsync(cancellationToken);
            if (merge.ExitCode != 0)
            {
                throw new InvalidOperationException($"Merging Azurite tables failed (exit {merge.ExitCode}): {(await error).Trim()}");
            }

            LastMergeReport = (await output).Trim();
        }
        finally
        {
            await RestartAsync(cancellationToken);
        }
    }

    /// <summary>What the last <see cref="MergeTablesAsync"/> printed (rows added and summed, time taken).</summary>
    public string? LastMergeReport { get; private set; }

    /// <summary>
    /// Stops the process (storage becomes unreachable). Azurite is asked to shut down gracefully first so that it saves
    /// its data, which stays in the data folder for <see cref="RestartAsync"/>; it is killed if it does not stop in time.
    /// </summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited && !OperatingSystem.IsWindows())
            {
                using var terminate = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await terminate.WaitForExitAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // Did not stop in time: killed below.
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    /// <summary>Synchronous stop for process-exit handlers.</summary>
    internal void Kill()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindExecutable(string service = "table")
    {
        var root = RepositoryRoot.Find();
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite-" + service);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({executable} is missing): run 'npm ci' at the repository root ({root}), which needs Node.js 20+ and npm. " +
                "Alternatively set SCIM_TEST_STORAGE_CONNECTION_STRING to a running Azurite or storage account.");
        }

        return executable;
    }
}
