using Azure.Core.Pipeline;

namespace ScimFunctions.Testing.InMemoryTables;

/// <summary>
/// The Azure SDK's own HTTP transport over an <see cref="InMemoryTableService"/> instead of sockets: set it as
/// <see cref="ScimFunctions.Storage.TableStoreOptions.Transport"/> (which becomes <c>TableClientOptions.Transport</c>)
/// and the real store code and the SDK pipeline (signing, retries, policies, (de)serialisation) run against memory.
/// Use <see cref="ConnectionString"/>: any account works, the service answers whatever host it is sent to.
/// </summary>
public sealed class InMemoryTableTransport : HttpClientTransport
{
    /// <summary>The development account's name and key on a host that no socket ever reaches.</summary>
    public const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://tables.in-memory/devstoreaccount1;";

    public InMemoryTableTransport()
        : this(new InMemoryTableService())
    {
    }

    public InMemoryTableTransport(InMemoryTableService service)
        : base(new HttpClient(service, disposeHandler: false))
    {
        Service = service;
    }

    public InMemoryTableService Service { get; }
}
