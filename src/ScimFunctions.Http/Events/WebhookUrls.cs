using System.Net;
using System.Net.Sockets;

namespace ScimFunctions.Http.Events;

/// <summary>
/// Which webhook URLs the stamp calls (SSRF rules): https only; http only to a loopback host when the host runs in
/// development. In production a host whose addresses include a private, loopback, link-local, CGNAT, unspecified or
/// multicast one is refused, at registration and again at every connection (<see cref="ConnectAsync"/> connects
/// only to the address it checked, so a DNS answer that changes in between cannot redirect a delivery).
/// </summary>
public sealed class WebhookUrls(bool development)
{
    public bool Development => development;

    /// <summary>Checks a URL an operator registers; 400 invalidValue naming the rule it breaks.</summary>
    public async Task<Uri> ValidateAsync(string? text, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            throw ScimException.InvalidValue("'url' must be an absolute https URL without user information or fragment.");
        }

        var loopbackHost = url.IsLoopback;
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && development && loopbackHost))
        {
            throw ScimException.InvalidValue("'url' must be https (http is accepted only for a loopback host when the service runs in development).");
        }

        if (!development)
        {
            IPAddress[] addresses;
            try
            {
                addresses = await ResolveAsync(url.DnsSafeHost, cancellationToken);
            }
            catch (SocketException)
            {
                throw ScimException.InvalidValue("'url' names a host that does not resolve.");
            }

            if (addresses.Length == 0 || addresses.Any(IsRefused))
            {
                throw ScimException.InvalidValue("'url' resolves to a private, loopback or link-local address; webhooks go to public addresses only.");
            }
        }

        return url;
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> of the delivery client: resolves, checks, connects to a checked address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(address => development ? !IsRefused(address) || IPAddress.IsLoopback(address) : !IsRefused(address)).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookRefusedException("The endpoint's host resolves to no public address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] is >= 64 and <= 127);
        }

        var bytes = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>A delivery the SSRF rules refused (counted as a failed attempt).</summary>
public sealed class WebhookRefusedException(string message) : Exception(message);
