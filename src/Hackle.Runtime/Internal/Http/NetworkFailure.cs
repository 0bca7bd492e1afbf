using System;
using System.Net.Http;
using System.Net.Sockets;

namespace Hackle.Internal.Http
{
    /// <summary>Tells failures that retrying soon cannot fix (no such host, nothing listening, no route) from the rest.</summary>
    internal static class NetworkFailure
    {
        /// <summary>
        /// True when the request never reached a server: the name did not resolve, the connection was
        /// refused, or the host or network is unreachable. Timeouts and broken connections are not: a
        /// retry may succeed.
        /// </summary>
        public static bool IsUnreachable(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
#if NET
                if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }) return true;
#endif
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.NoData:
                        case SocketError.TryAgain:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.NetworkDown:
                            return true;
                    }
                }
            }
            return false;
        }
    }
}
