using System.Net;
using System.Net.Sockets;

namespace Hackle.Package.Tests.Infrastructure;

/// <summary>A loopback URL where nothing listens: connections are refused at once, as for a server that is down.</summary>
internal static class ClosedPort
{
    public static Uri Url()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
