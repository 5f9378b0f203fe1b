using System.Net.Sockets;
using System.Text;

namespace ScimFunctions.Http.IntegrationTests.Support;

/// <summary>HTTP/1.1 as bytes over a socket, for what HttpClient will not send (broken framing, a trickling body).</summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="head"/>, then <paramref name="body"/> (one byte per <paramref name="trickle"/> until the
    /// server answers, when given), optionally closes the sending side, and returns what the server sent before it
    /// closed ("" when it closed without an answer, as Kestrel does once the client has closed its side).
    /// </summary>
    public static async Task<string> SendAsync(Uri address, byte[] head, byte[] body, bool halfClose, TimeSpan? trickle = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            await stream.WriteAsync(head);
            for (var i = 0; i < body.Length && socket.Available == 0; i += trickle is null ? body.Length : 1)
            {
                await stream.WriteAsync(trickle is null ? body : body.AsMemory(i, 1));
                if (trickle is { } delay)
                {
                    await Task.Delay(delay);
                }
            }

            if (halfClose)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server may close as soon as it has seen enough to refuse.
        }

        return await ReadAnswerAsync(stream);
    }

    /// <summary>What the server sent before it closed (a reset after the answer keeps what arrived).</summary>
    private static async Task<string> ReadAnswerAsync(Stream stream)
    {
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (Exception error) when (error is IOException or OperationCanceledException)
        {
            // A reset after the answer, or a server that never closed: what arrived is the answer.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
