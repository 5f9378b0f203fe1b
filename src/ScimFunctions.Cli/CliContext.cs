using Azure;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using ScimFunctions.Cli.Backend;
using ScimFunctions.Cli.Output;
using ScimFunctions.Core.Errors;
using ScimFunctions.Storage.Tenants;

namespace ScimFunctions.Cli;

/// <summary>What a command runs with: its output (JSON or tables) and, on first use, the stamp's storage and token store.</summary>
internal sealed class CliContext(CliOutput output, ParseResult parseResult, IConfiguration settings)
{
    private CliBackend? _backend;

    public CliOutput Output { get; } = output;

    public ParseResult ParseResult { get; } = parseResult;

    /// <summary>Connects on first use (and creates the stamp's tables when missing).</summary>
    public async Task<CliBackend> BackendAsync(CancellationToken cancellationToken) =>
        _backend ??= await CliBackend.CreateAsync(ParseResult, settings, cancellationToken);
}

/// <summary>
/// Binds command actions to a <see cref="CliContext"/> and turns failures into exit codes and error output. The stamp's
/// settings are read from the environment variables the hosts read (<c>Scim__Storage__TokenTable</c>, …).
/// </summary>
internal sealed class CliContextFactory(TextWriter output, TextWriter error)
{
    private readonly IConfiguration _settings = new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public const int Success = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public void SetAction(Command command, Func<CliContext, CancellationToken, Task> action) =>
        SetAction(command, async (context, cancellationToken) =>
        {
            await action(context, cancellationToken);
            return Success;
        });

    /// <summary>
    /// For commands on one existing tenant: connects, then reads the tenant named by <paramref name="tenant"/> (404 when
    /// it does not exist, so a typo never acts on nobody) before <paramref name="action"/> runs with its record.
    /// </summary>
    public void SetTenantAction(Command command, Argument<TenantId> tenant, Func<CliContext, CliBackend, TenantRecord, CancellationToken, Task> action) =>
        SetTenantAction(command, tenant, async (context, backend, record, cancellationToken) =>
        {
            await action(context, backend, record, cancellationToken);
            return Success;
        });

    /// <summary>The same for commands that report partial failure themselves (see below).</summary>
    public void SetTenantAction(Command command, Argument<TenantId> tenant, Func<CliContext, CliBackend, TenantRecord, CancellationToken, Task<int>> action) =>
        SetAction(command, async (context, cancellationToken) =>
        {
            var backend = await context.BackendAsync(cancellationToken);
            var record = await backend.RequireTenantAsync(context.ParseResult.GetValue(tenant), cancellationToken);
            return await action(context, backend, record, cancellationToken);
        });

    /// <summary>For commands that report partial failure themselves (their result is written, the exit code says 1).</summary>
    public void SetAction(Command command, Func<CliContext, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var cliOutput = new CliOutput(output, error, parseResult.GetValue(GlobalOptions.Json));
            try
            {
                return await action(new CliContext(cliOutput, parseResult, _settings), cancellationToken);
            }
            catch (CliUsageException ex)
            {
                cliOutput.Error(ex.Message, status: null);
                return UsageError;
            }
            catch (ScimException ex)
            {
                cliOutput.Error(ex.Detail, ex.Status);
                return Failed;
            }
            catch (RequestFailedException ex)
            {
                cliOutput.Error($"The service answered {ex.Status} {ex.ErrorCode}.", ex.Status);
                return Failed;
            }
            catch (IOException ex)
            {
                cliOutput.Error(ex.Message, status: null);
                return Failed;
            }
            catch (UnauthorizedAccessException ex)
            {
                cliOutput.Error(ex.Message, status: null);
                return Failed;
            }
            catch (AuthenticationFailedException ex)
            {
                cliOutput.Error("Could not get an Azure credential: " + ex.Message, status: null);
                return Failed;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cliOutput.Error("Cancelled.", status: null);
                return Failed;
            }
#pragma warning disable CA1031 // The CLI's guarantee: whatever fails, one line and exit code 1, never a stack trace.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                cliOutput.Error(CliOutput.Describe(ex), status: null);
                return Failed;
            }
        });
    }
}

/// <summary>The command line asks for something impossible (missing connection, contradictory options): exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
