using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Hackle.Internal;
using Hackle.Internal.Http;

namespace Hackle.Cli.Pull;

/// <summary>
/// Downloads the workspace config the way the runtime's client does: the same endpoint and the same
/// X-HACKLE-* headers (from the runtime's own HTTP client). Every failure becomes a message that says
/// what to do and never contains the SDK key.
/// </summary>
internal sealed class ConfigDownloader
{
    /// <summary>The config path under the SDK URL (docs/protocol.md §1.1); the runtime's WorkspaceFetcher builds the same.</summary>
    public static string ConfigPath(string sdkKey) => "api/v2/workspaces/" + Uri.EscapeDataString(sdkKey) + "/config";

    private readonly string _sdkKey;
    private readonly Uri _sdkUrl;
    private readonly TimeSpan _timeout;
    private readonly SecretRedactor _redactor;

    public ConfigDownloader(string sdkKey, Uri sdkUrl, TimeSpan timeout)
    {
        _sdkKey = sdkKey;
        _sdkUrl = sdkUrl;
        _timeout = timeout;
        _redactor = new SecretRedactor(sdkKey);
    }

    /// <summary>The URL with the key masked, safe to print.</summary>
    public string DisplayUrl => _redactor.Redact(Endpoint.AbsoluteUri);

    private Uri Endpoint => HackleHttpClient.Endpoint(_sdkUrl, ConfigPath(_sdkKey));

    private string Host => _sdkUrl.IsDefaultPort ? _sdkUrl.Host : _sdkUrl.Host + ":" + _sdkUrl.Port;

    public async Task<ConfigDownload> DownloadAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var options = new HackleClientOptions { SdkUrl = _sdkUrl, RequestTimeout = _timeout };
        using var http = new HackleHttpClient(_sdkKey, options);
        using var request = http.CreateRequest(HttpMethod.Get, Endpoint);
        using var timeout = http.StartTimeout(cancellationToken);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            var statusText = status + " " + response.ReasonPhrase;
            switch (status)
            {
                case 401:
                case 403:
                    return ConfigDownload.Failure(ExitCodes.KeyRefused,
                        $"{Host} refused the SDK key ({statusText}). Use the server SDK key of the environment you want " +
                        "(Hackle dashboard: SDK integration), given with --sdk-key or HACKLE_SDK_KEY.", watch.Elapsed);
                case 404:
                    return ConfigDownload.Failure(ExitCodes.NotFound,
                        $"{Host} has no workspace config at {DisplayUrl} ({statusText}). Check --sdk-url: it should be the SDK " +
                        "server's base URL (default https://sdk.hackle.io), without a path to the config.", watch.Elapsed);
            }
            if (status >= 500)
                return ConfigDownload.Failure(ExitCodes.ServerError, $"{Host} answered {statusText}: a server-side error. Try again later.", watch.Elapsed);
            if (status < 200 || status > 299)
                return ConfigDownload.Failure(ExitCodes.ServerError, $"{Host} answered {statusText} instead of the config.", watch.Elapsed);

            var body = await ReadBodyAsync(response, timeout.Token);
            if (body is null)
                return ConfigDownload.Failure(ExitCodes.InvalidResponse,
                    $"{Host} sent more than {HackleWorkspace.MaxConfigBytes} bytes, the largest config the runtime accepts. Nothing was written.", watch.Elapsed);
            try
            {
                // The same parser the client runs: a config the runtime would reject is never written.
                HackleWorkspace.Parse(body);
            }
            catch (HackleConfigException e)
            {
                return ConfigDownload.Failure(ExitCodes.InvalidResponse,
                    $"{Host} answered {statusText} with something that is not a workspace config: {_redactor.Redact(e.Message)} Nothing was written.", watch.Elapsed);
            }
            return ConfigDownload.Success(body, watch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ConfigDownload.Failure(ExitCodes.Timeout,
                $"{Host} did not answer within {_timeout.TotalSeconds:0.###} s. Check the network, or allow more time with --timeout.", watch.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return ConfigDownload.Failure(ExitCodes.Unreachable, $"Could not reach {Host}: {Reason(e)}. Check --sdk-url and the network.", watch.Elapsed);
        }
        catch (IOException e)
        {
            return ConfigDownload.Failure(ExitCodes.Unreachable, $"The connection to {Host} failed: {_redactor.Redact(e.Message)}", watch.Elapsed);
        }
    }

    /// <summary>The most specific reason in the exception chain, redacted.</summary>
    private string Reason(HttpRequestException exception)
    {
        for (Exception? e = exception; e != null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name could not be resolved",
                    SocketError.ConnectionRefused => "the connection was refused (nothing listens there)",
                    SocketError.TimedOut => "the connection timed out",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network or host is unreachable",
                    _ => _redactor.Redact(socket.Message),
                };
            }
            if (e is AuthenticationException) return "the TLS handshake failed (" + _redactor.Redact(e.Message) + ")";
        }
        return _redactor.Redact(exception.Message);
    }

    /// <summary>Reads the body up to the runtime's size limit; null when it is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > HackleWorkspace.MaxConfigBytes) return null;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > HackleWorkspace.MaxConfigBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
