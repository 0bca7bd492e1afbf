using System.Net.Http;
using System.Net.Sockets;
using Hackle.Internal.Http;

namespace Hackle.Runtime.Tests.Client;

/// <summary>Which send failures close gives up on at once: those a retry in the next seconds cannot fix.</summary>
public class NetworkFailureTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused)]
    [InlineData(SocketError.HostNotFound)]
    [InlineData(SocketError.TryAgain)]
    [InlineData(SocketError.NetworkUnreachable)]
    public void A_server_that_cannot_be_reached_is_unreachable(SocketError error) =>
        Assert.True(NetworkFailure.IsUnreachable(new HttpRequestException("send failed", new SocketException((int)error))));

    // HttpRequestError exists from .NET 8 on; the netstandard2.0 build (for hosts without it) only sees the
    // inner SocketException, so there the same exception is an ordinary, retried failure.
    [Fact]
    public void A_name_that_does_not_resolve_is_unreachable() =>
#if HACKLE_RUNTIME_NETSTANDARD
        Assert.False(NetworkFailure.IsUnreachable(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")));
#else
        Assert.True(NetworkFailure.IsUnreachable(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")));
#endif

    [Theory]
    [InlineData(SocketError.ConnectionReset)]
    [InlineData(SocketError.TimedOut)]
    public void A_broken_or_slow_connection_may_recover(SocketError error) =>
        Assert.False(NetworkFailure.IsUnreachable(new HttpRequestException("send failed", new IOException("broken", new SocketException((int)error)))));

    [Fact]
    public void An_http_error_without_a_socket_cause_may_recover() =>
        Assert.False(NetworkFailure.IsUnreachable(new HttpRequestException("the response ended prematurely")));
}
